package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.node.ProtectionMessages.results;
import static org.relay247.gateway.node.ProtectionMessages.resultsFor;
import static org.relay247.gateway.node.ProtectionMessages.suspension;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.RawPeer;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.seal.EnvelopeSealer;
import org.relay247.protocol.seal.ReceiptVerifier;
import org.relay247.protocol.v1.DeliverRequest;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Receipt;
import org.relay247.protocol.v1.ReceiptStatus;
import org.relay247.protocol.v1.SuspensionStep;

/**
 * Nothing is served before every check is wired: deliveries already waiting for DE's port when DE
 * starts (gRPC wait-for-ready: each call goes out the moment the port accepts) are all checked
 * against FR's Art. 14.15 suspension of its transfers to DE, which DE recorded before it stopped
 * (FR's results sent around FR's node), so none is accepted. (When the Art. 14 controls were
 * added to the receive path after the exchange server started, a delivery landing in between was
 * accepted unchecked; the message pipeline is now complete before the receive path is built, and
 * this test would catch a regression only when a delivery lands in such a window, never falsely.)
 */
class StartOrderTest {
  private static final int RACING = 16;

  @TempDir Path dir;

  @Test
  void deliveriesRacingTheStart_areCheckedForSuspension() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    InnerMessage due;
    List<Envelope> envelopes = new ArrayList<>();
    try (GatewayNode fr = net.start("FR"); GatewayNode de = net.start("DE")) {
      due = resultsFor(de, fr);
      // FR suspends its transfers of personal data to DE (Art. 14.15); DE records FR's notice.
      String noticeId = fr.outbox().submit(suspension("DE/poc", SuspensionStep.SUSPENSION_STEP_IMPOSED, ""))
          .getRouting().getMessageId();
      assertThat(Awaits.completed(fr, noticeId).state()).isEqualTo(OutboxEntry.State.DELIVERED);
      var deEncryption = de.directory().current().encryptionCertificate(new PartyCode("DE"));
      try (RawPeer raw = new RawPeer(net, "FR", "DE")) {
        Clock clock = Clock.systemUTC();
        for (int i = 0; i < RACING; i++) {
          InnerMessage draft = results("DE/poc", due.getRouting().getCaseId());
          InnerMessage inner = draft.toBuilder().setRouting(draft.getRouting().toBuilder().setSender("FR/poc")
              .setMessageId(MessageIds.next(clock))
              .setCreatedAt(com.google.protobuf.util.Timestamps.fromMillis(clock.millis()))).build();
          envelopes.add(new EnvelopeSealer(raw.keys.signing(), clock).seal(inner, deEncryption));
        }
      }
    }

    ExecutorService callers = Executors.newFixedThreadPool(RACING);
    try (RawPeer raw = new RawPeer(net, "FR", "DE")) {
      List<Future<byte[]>> answers = new ArrayList<>();
      for (Envelope e : envelopes) {
        answers.add(callers.submit(() -> raw.stub().withWaitForReady().withDeadlineAfter(60, TimeUnit.SECONDS)
            .deliver(DeliverRequest.newBuilder().setEnvelope(e.toByteString()).build())
            .getSignedReceipt().toByteArray()));
      }
      try (GatewayNode de = net.start("DE")) {
        ReceiptVerifier verifier = net.receiptVerifier();
        for (int i = 0; i < RACING; i++) {
          Envelope e = envelopes.get(i);
          Receipt r = verifier.verify(answers.get(i).get(60, TimeUnit.SECONDS), e.getRouting(), e.toByteArray())
              .receipt();
          assertThat(r.getStatus()).as("delivery %d", i).isEqualTo(ReceiptStatus.RECEIPT_STATUS_REJECTED);
          assertThat(r.getArticle()).as("delivery %d", i).isEqualTo("14.15");
        }
        assertThat(de.inbox().find(envelopes.get(0).getRouting().getMessageId())).isEmpty();
      }
    } finally {
      callers.shutdownNow();
    }
  }
}
