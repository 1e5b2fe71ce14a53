package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relay247.gateway.node.NodeExchangeTest.ping;
import static org.relay247.gateway.node.ProtectionMessages.results;
import static org.relay247.gateway.node.ProtectionMessages.resultsFor;
import static org.relay247.gateway.node.ProtectionMessages.suspension;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.RawPeer;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.delivery.TreatyRuleViolation;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.seal.EnvelopeSealer;
import org.relay247.protocol.v1.DeliverRequest;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Receipt;
import org.relay247.protocol.v1.ReceiptStatus;
import org.relay247.protocol.v1.RejectionReason;
import org.relay247.protocol.v1.SuspensionStep;

/**
 * Art. 14.15 over two real nodes, one model: FR imposes a provisional suspension of transfers of
 * personal data to DE by a SuspensionNotice. Both nodes record it with its direction; FR's results
 * to DE are then blocked at FR's submit (SUSP_14_15) and refused by DE with a signed rejection when
 * they arrive anyway, while DE's data to FR still go, DE's requests to FR get the SUSP_14_15_ANSWER
 * warning, and pings still flow; a LIFTED notice ends it on both sides.
 */
class SuspensionTest {
  @TempDir Path dir;

  @Test
  void suspensionBlocksTheSuspendingPartysData_inItsDirectionOnly_andIsLifted() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    try (GatewayNode fr = net.start("FR"); GatewayNode de = net.start("DE")) {
      // DE asked FR for data, FR determined it will provide: FR's results are due when FR suspends.
      InnerMessage results = resultsFor(de, fr);
      InnerMessage deResults = resultsFor(fr, de);
      InnerMessage imposed = fr.outbox().submit(suspension("DE/poc", SuspensionStep.SUSPENSION_STEP_IMPOSED, ""));
      String noticeId = imposed.getRouting().getMessageId();
      assertThat(Awaits.completed(fr, noticeId).state()).isEqualTo(OutboxEntry.State.DELIVERED);
      for (GatewayNode node : new GatewayNode[] {fr, de}) {
        assertThat(node.protection().suspensions().known()).singleElement().satisfies(k -> {
          assertThat(k.suspendingParty()).isEqualTo("FR");
          assertThat(k.otherParty()).isEqualTo("DE");
          assertThat(k.entry().getNoticeMessageId()).isEqualTo(noticeId);
        });
      }

      // FR's node stops FR's results before they leave, naming the article and the notice.
      assertThatThrownBy(() -> fr.outbox().submit(results))
          .isInstanceOf(TreatyRuleViolation.class)
          .hasMessageContaining("SUSP_14_15 (Art. 14.15)").hasMessageContaining(noticeId);
      // Control messages still flow.
      String pingId = fr.outbox().submit(ping("DE/poc", Priority.PRIORITY_ROUTINE)).getRouting().getMessageId();
      assertThat(Awaits.completed(fr, pingId).state()).isEqualTo(OutboxEntry.State.DELIVERED);

      // FR's results that reach DE anyway (sent with FR's keys, around FR's node) get a signed rejection.
      long quarantinedBefore = de.quarantine().count();
      Receipt rejection = deliverAround(net, de, results("DE/poc", ""));
      assertThat(rejection.getStatus()).isEqualTo(ReceiptStatus.RECEIPT_STATUS_REJECTED);
      assertThat(rejection.getReason()).isEqualTo(RejectionReason.REJECTION_REASON_TREATY_RULE);
      assertThat(rejection.getArticle()).isEqualTo("14.15");
      assertThat(rejection.getDetail()).startsWith("SUSP_14_15 ");
      assertThat(de.quarantine().count()).isEqualTo(quarantinedBefore + 1);

      // The other direction is not suspended: DE's data go to FR; DE's requests are warned.
      String deResultsId = de.outbox().submit(deResults).getRouting().getMessageId();
      assertThat(Awaits.completed(de, deResultsId).state()).isEqualTo(OutboxEntry.State.DELIVERED);
      InnerMessage request = CaseExchangeTest.art9Request();
      request = request.toBuilder().setRouting(request.getRouting().toBuilder().setRecipient("FR/poc")).build();
      assertThat(de.outbox().submitChecked(request, "duty officer").findings())
          .extracting(f -> f.code()).contains("SUSP_14_15_ANSWER");

      String liftId = fr.outbox().submit(suspension("DE/poc", SuspensionStep.SUSPENSION_STEP_LIFTED, noticeId))
          .getRouting().getMessageId();
      Awaits.received(de, liftId);
      assertThat(fr.protection().suspensions().inEffect(new PartyCode("DE"), Clock.systemUTC().instant())).isEmpty();
      assertThat(de.protection().suspensions().inEffect(new PartyCode("FR"), Clock.systemUTC().instant())).isEmpty();
      String resultsId = fr.outbox().submit(results).getRouting().getMessageId();
      assertThat(Awaits.completed(fr, resultsId).state()).isEqualTo(OutboxEntry.State.DELIVERED);
    }
  }

  @Test
  void suspension_survivesRestart() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    InnerMessage results;
    try (GatewayNode fr = net.start("FR"); GatewayNode de = net.start("DE")) {
      results = resultsFor(de, fr);
      String id = fr.outbox().submit(suspension("DE/poc", SuspensionStep.SUSPENSION_STEP_IMPOSED, ""))
          .getRouting().getMessageId();
      Awaits.completed(fr, id);
    }
    try (GatewayNode fr = net.start("FR")) {
      assertThatThrownBy(() -> fr.outbox().submit(results))
          .isInstanceOf(TreatyRuleViolation.class).hasMessageContaining("Party FR has suspended");
    }
  }

  /** Seals {@code draft} as FR/poc with FR's real keys and delivers it straight to DE's node. */
  private static Receipt deliverAround(TestNetwork net, GatewayNode de, InnerMessage draft) throws Exception {
    try (RawPeer fr = new RawPeer(net, "FR", "DE")) {
      Clock clock = Clock.systemUTC();
      InnerMessage inner = draft.toBuilder().setRouting(draft.getRouting().toBuilder().setSender("FR/poc")
          .setMessageId(org.relay247.protocol.MessageIds.next(clock))
          .setCaseId(org.relay247.protocol.MessageIds.next(clock))
          .setCreatedAt(com.google.protobuf.util.Timestamps.fromMillis(clock.millis()))).build();
      Envelope envelope = new EnvelopeSealer(fr.keys.signing(), clock)
          .seal(inner, de.directory().current().encryptionCertificate(new PartyCode("DE")));
      byte[] signed = fr.stub().deliver(DeliverRequest.newBuilder().setEnvelope(envelope.toByteString()).build())
          .getSignedReceipt().toByteArray();
      return net.receiptVerifier().verify(signed, envelope.getRouting(), envelope.toByteArray())
          .receipt();
    }
  }
}
