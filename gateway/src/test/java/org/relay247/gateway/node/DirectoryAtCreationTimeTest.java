package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Timestamps;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.RawPeer;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.delivery.TreatyRuleViolation;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.seal.EnvelopeSealer;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.DeliverRequest;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.LanguageAcceptance;
import org.relay247.protocol.v1.Receipt;
import org.relay247.protocol.v1.ReceiptStatus;
import org.relay247.protocol.v1.RejectionReason;

/**
 * Dated language lists over two real nodes: DE accepted French for Art. 9 until an hour ago and
 * English only since. Both nodes judge a message by the directory in force when it was created:
 * FR's node refuses a French request now, and DE's node accepts a French request created two hours
 * ago (in flight across the change) but refuses one created now.
 */
class DirectoryAtCreationTimeTest {
  @TempDir Path dir;

  @Test
  void messageIsJudgedByTheLanguagesInForceAtItsCreation_onBothSides() throws Exception {
    Instant change = Instant.now().minus(Duration.ofHours(1));
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    net.writeDirectory(2, net.pki.layout().dir().resolve("directory.bin"), d -> frenchUntil(d, change));
    try (GatewayNode fr = net.start("FR"); GatewayNode de = net.start("DE")) {
      InnerMessage french = CaseExchangeTest.art9Request().toBuilder().setLanguage("fr").build();
      french = french.toBuilder().setRouting(french.getRouting().toBuilder().clearCaseId()).build();

      InnerMessage now = french;
      assertThatThrownBy(() -> fr.outbox().submit(now)).isInstanceOf(TreatyRuleViolation.class)
          .hasMessageContaining("LANG_4 (Art. 4.1)");

      Receipt inFlight = deliverAsFr(net, de, french, Instant.now().minus(Duration.ofHours(2)));
      assertThat(inFlight.getStatus()).isEqualTo(ReceiptStatus.RECEIPT_STATUS_ACCEPTED);

      Receipt late = deliverAsFr(net, de, french, Instant.now());
      assertThat(late.getStatus()).isEqualTo(ReceiptStatus.RECEIPT_STATUS_REJECTED);
      assertThat(late.getReason()).isEqualTo(RejectionReason.REJECTION_REASON_TREATY_RULE);
      assertThat(late.getArticle()).isEqualTo("4.1");
    }
  }

  /** DE: Art. 9 in English or French until {@code change}, English only from then on. */
  private static void frenchUntil(Directory.Builder d, Instant change) {
    for (int i = 0; i < d.getPartiesCount(); i++) {
      if (!d.getParties(i).getCode().equals("DE")) {
        continue;
      }
      var party = d.getPartiesBuilder(i);
      var others = party.getLanguagesList().stream()
          .filter(l -> l.getCooperationType() != CooperationType.COOPERATION_TYPE_ART9).toList();
      party.clearLanguages().addAllLanguages(others)
          .addLanguages(LanguageAcceptance.newBuilder().setCooperationType(CooperationType.COOPERATION_TYPE_ART9)
              .addLanguages("en").addLanguages("fr").setEffectiveTo(Timestamps.fromMillis(change.toEpochMilli())))
          .addLanguages(LanguageAcceptance.newBuilder().setCooperationType(CooperationType.COOPERATION_TYPE_ART9)
              .addLanguages("en").setEffectiveFrom(Timestamps.fromMillis(change.toEpochMilli())));
    }
  }

  /** Seals {@code draft} as FR/poc, created at {@code createdAt}, with FR's keys, straight to DE's node. */
  private static Receipt deliverAsFr(TestNetwork net, GatewayNode de, InnerMessage draft, Instant createdAt)
      throws Exception {
    try (RawPeer fr = new RawPeer(net, "FR", "DE")) {
      Clock clock = Clock.systemUTC();
      InnerMessage inner = draft.toBuilder().setRouting(draft.getRouting().toBuilder().setSender("FR/poc")
          .setMessageId(MessageIds.next(clock)).setCaseId(MessageIds.next(clock))
          .setCreatedAt(Timestamps.fromMillis(createdAt.toEpochMilli()))).build();
      var envelope = new EnvelopeSealer(fr.keys.signing(), clock)
          .seal(inner, de.directory().current().encryptionCertificate(new PartyCode("DE")));
      byte[] signed = fr.stub().deliver(DeliverRequest.newBuilder().setEnvelope(envelope.toByteString()).build())
          .getSignedReceipt().toByteArray();
      return net.receiptVerifier().verify(signed, envelope.getRouting(), envelope.toByteArray())
          .receipt();
    }
  }
}
