package org.relay247.gateway.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.EvidenceManifest;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Art8Order;
import org.relay247.protocol.v1.Ping;
import org.relay247.protocol.v1.SuspensionKind;

/** The validated values of the protection package. */
class ProtectionSettingsTest {
  @Test
  void retentionOutsideRange_isRefusedNamingTheKey() {
    assertThatThrownBy(() -> new ProtectionSettings(0, Duration.ofHours(1), ProtectionSettings.OnExpiry.FLAG))
        .hasMessage("retention-days: 0 (expected: 1 to 36500)");
    assertThatThrownBy(() -> new ProtectionSettings(36_501, Duration.ofHours(1), ProtectionSettings.OnExpiry.FLAG))
        .hasMessage("retention-days: 36501 (expected: 1 to 36500)");
    assertThatThrownBy(() -> new ProtectionSettings(30, Duration.ZERO, ProtectionSettings.OnExpiry.FLAG))
        .hasMessage("review-interval: PT0S (expected: > 0)");
    assertThatThrownBy(() -> ProtectionSettings.OnExpiry.parse("delete"))
        .hasMessage("on-expiry: \"delete\" (expected: flag or purge)");
    assertThat(ProtectionSettings.OnExpiry.parse(" Purge ")).isEqualTo(ProtectionSettings.OnExpiry.PURGE);
  }

  @Test
  void scopedSuspension_coversItsFormOnly_andNeverControlMessages() {
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    PairSuspension art8 = new PairSuspension("n", new PartyCode("DE"), new PartyCode("DE"),
        SuspensionKind.SUSPENSION_KIND_PROVISIONAL, List.of(CooperationType.COOPERATION_TYPE_ART8), from,
        Optional.of(Instant.parse("2026-02-01T00:00:00Z")), false);
    InnerMessage order = InnerMessage.newBuilder().setArt8Order(Art8Order.getDefaultInstance()).build();
    InnerMessage results = InnerMessage.newBuilder().setEvidenceManifest(EvidenceManifest.getDefaultInstance()).build();
    InnerMessage ping = InnerMessage.newBuilder().setPing(Ping.getDefaultInstance()).build();

    assertThat(art8.covers(order)).isTrue();
    assertThat(art8.covers(results)).isFalse();
    assertThat(art8.covers(ping)).isFalse();
    assertThat(art8.inEffect(from.minusSeconds(1))).isFalse();
    assertThat(art8.inEffect(from)).isTrue();
    assertThat(art8.inEffect(Instant.parse("2026-02-01T00:00:00Z"))).isFalse();

    PairSuspension all = new PairSuspension("m", new PartyCode("DE"), new PartyCode("FR"),
        SuspensionKind.SUSPENSION_KIND_PROVISIONAL, List.of(), from, Optional.empty(), false);
    assertThat(all.covers(results)).isTrue();
    assertThat(all.covers(ping)).isFalse();
  }
}
