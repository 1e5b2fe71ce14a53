package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.expiry.ExpiryLevel;
import org.relay247.gateway.expiry.ExpiryStatus;
import org.relay247.gateway.expiry.ExpiryWatch;
import org.relay247.gateway.store.EscalationStore;
import org.relay247.pki.NetworkSettings;
import org.relay247.pki.PartyCode;
import org.relay247.pki.TestClock;

/**
 * A running node watches what runs out: node certificates are issued for 397 days, so moving
 * the node's clock on by 338 days leaves 59 (WARNING at 60) and by 391 days leaves 6 (CRITICAL
 * at 7). CRLs are made valid for ten years here so that only the certificates cross thresholds.
 */
class ExpiryWatchTest {
  private static final PartyCode FR = new PartyCode("FR");

  @TempDir Path dir;

  @Test
  void nodeCertificates_warnAt60Days_andAreCriticalAt7_eachEscalatedOnce() throws Exception {
    TestNetwork net = TestNetwork.create(dir, NetworkSettings.defaults().withCrlDays(3650), "FR", "DE");
    TestClock clock = TestClock.stoppedAt(java.time.Instant.now());
    try (GatewayNode fr = GatewayNode.start(net.config(FR), clock)) {
      List<ExpiryStatus> fresh = fr.expiry().check();
      assertThat(fresh).extracting(s -> s.item().id()).contains("own/tls", "own/sign", "own/enc", "ca/root",
          "ca/FR", "ca/DE", "crl/root", "crl/FR", "crl/DE", "directory", "peer/DE/de-node/tls",
          "peer/DE/de-node/signing", "peer/DE/de-node/encryption");
      assertThat(fresh).allMatch(s -> s.level() == ExpiryLevel.OK);
      assertThat(expiryEscalations(fr)).isEmpty();

      clock.advance(Duration.ofDays(338));
      List<ExpiryStatus> warned = fr.expiry().check();
      assertThat(level(warned, "own/tls")).isEqualTo(ExpiryLevel.WARNING);
      assertThat(level(warned, "peer/DE/de-node/tls")).isEqualTo(ExpiryLevel.WARNING);
      assertThat(level(warned, "ca/FR")).isEqualTo(ExpiryLevel.OK);
      assertThat(level(warned, "crl/FR")).isEqualTo(ExpiryLevel.OK);
      fr.expiry().check(); // a second look raises nothing new
      assertThat(expiryEscalations(fr)).extracting(EscalationStore.Escalation::messageId)
          .containsExactlyInAnyOrder("own/tls", "own/sign", "own/enc", "peer/DE/de-node/tls",
              "peer/DE/de-node/signing", "peer/DE/de-node/encryption");
      assertThat(expiryEscalations(fr)).allMatch(e -> e.kind().equals(ExpiryWatch.WARNING_KIND));
      assertThat(fr.escalations().recent(50).stream().filter(e -> e.messageId().equals("own/tls")).findFirst()
          .orElseThrow().detail()).startsWith("WARNING: own/tls (").contains("in 58 days", "relay247 pki renew");
      assertThat(fr.metrics().scrape()).containsPattern(
          "relay247_expiry_remaining_seconds\\{item=\"own/tls\",kind=\"certificate\"} 50\\d{5}\\.0");

      clock.advance(Duration.ofDays(391 - 338));
      List<ExpiryStatus> critical = fr.expiry().check();
      fr.expiry().check();
      assertThat(level(critical, "own/enc")).isEqualTo(ExpiryLevel.CRITICAL);
      assertThat(expiryEscalations(fr).stream().filter(e -> e.kind().equals(ExpiryWatch.CRITICAL_KIND)))
          .extracting(EscalationStore.Escalation::messageId)
          .containsExactlyInAnyOrder("own/tls", "own/sign", "own/enc", "peer/DE/de-node/tls",
              "peer/DE/de-node/signing", "peer/DE/de-node/encryption");
      assertThat(expiryEscalations(fr)).hasSize(12);
      assertThat(fr.metrics().scrape()).contains("relay247_escalations_total{kind=\"EXPIRY_CRITICAL\"} 6.0");
    }
  }

  @Test
  void warningThreshold_isTheNodesSetting() throws Exception {
    TestNetwork net = TestNetwork.create(dir, NetworkSettings.defaults().withCrlDays(3650), "FR", "DE");
    net.writeConfig(FR, "expiry { warning = 400d, critical = 2d }");
    try (GatewayNode fr = GatewayNode.start(net.config(FR), TestClock.stoppedAt(java.time.Instant.now()))) {
      // Checked at start: 397-day certificates are within a 400-day warning at once.
      assertThat(expiryEscalations(fr)).extracting(EscalationStore.Escalation::messageId).contains("own/tls");
      assertThat(level(fr.expiry().check(), "own/tls")).isEqualTo(ExpiryLevel.WARNING);
    }
  }

  @Test
  void crls_warnAt15Days_andAreCriticalAt7() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    TestClock clock = TestClock.stoppedAt(java.time.Instant.now());
    try (GatewayNode fr = GatewayNode.start(net.config(FR), clock)) {
      // CRLs are current for 30 days by default: a fresh one is the normal state, not a warning.
      assertThat(level(fr.expiry().check(), "crl/DE")).isEqualTo(ExpiryLevel.OK);
      clock.advance(Duration.ofDays(16));
      assertThat(level(fr.expiry().check(), "crl/DE")).isEqualTo(ExpiryLevel.WARNING);
      clock.advance(Duration.ofDays(8));
      List<ExpiryStatus> statuses = fr.expiry().check();
      assertThat(level(statuses, "crl/DE")).isEqualTo(ExpiryLevel.CRITICAL);
      assertThat(level(statuses, "crl/root")).isEqualTo(ExpiryLevel.CRITICAL);
      assertThat(level(statuses, "own/tls")).isEqualTo(ExpiryLevel.OK);
      assertThat(fr.escalations().recent(50).stream().filter(e -> e.messageId().equals("crl/DE")).findFirst()
          .orElseThrow().detail()).contains("relay247 pki crl");
    }
  }

  private static ExpiryLevel level(List<ExpiryStatus> statuses, String item) {
    return statuses.stream().filter(s -> s.item().id().equals(item)).findFirst().orElseThrow().level();
  }

  private static List<EscalationStore.Escalation> expiryEscalations(GatewayNode node) {
    return node.escalations().recent(100).stream().filter(e -> e.kind().startsWith("EXPIRY_")).toList();
  }
}
