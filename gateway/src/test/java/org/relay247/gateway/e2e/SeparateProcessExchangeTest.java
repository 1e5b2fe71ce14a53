package org.relay247.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.node.NodeLauncher;
import org.relay247.gateway.RawPeer;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.seal.EnvelopeSealer;
import org.relay247.protocol.seal.VerifiedReceipt;
import org.relay247.protocol.v1.DeliverRequest;
import org.relay247.protocol.v1.DeliverResponse;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Ping;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.ReceiptStatus;
import org.relay247.protocol.v1.RejectionReason;
import org.relay247.protocol.v1.Routing;

/**
 * FR's node in this JVM, DE's node in its own process ({@code relay247 node run}), over real
 * mutual TLS on loopback: delivery with a verified receipt, a duplicate, a tampered envelope.
 */
class SeparateProcessExchangeTest {
  @TempDir static Path dir;
  static TestNetwork net;
  static NodeLauncher de;
  static GatewayNode fr;

  @BeforeAll
  static void start() throws Exception {
    net = TestNetwork.create(dir, "FR", "DE");
    de = NodeLauncher.start(dir.resolve("DE.conf"));
    fr = net.start("FR");
  }

  @AfterAll
  static void stop() throws Exception {
    if (fr != null) {
      fr.close();
    }
    if (de != null) {
      de.close();
    }
  }

  @Test
  void submittedMessage_isDeliveredToTheOtherProcess_withVerifiedReceipt() throws Exception {
    InnerMessage sent = fr.outbox().submit(InnerMessage.newBuilder()
        .setRouting(Routing.newBuilder().setRecipient("DE/poc").setPriority(Priority.PRIORITY_EMERGENCY))
        .setPing(Ping.newBuilder().setNonce("cross-process")).build());
    OutboxEntry done = Awaits.completed(fr, sent.getRouting().getMessageId());
    assertThat(done.state()).isEqualTo(OutboxEntry.State.DELIVERED);
    VerifiedReceipt receipt = net.receiptVerifier()
        .verify(done.receipt().orElseThrow(), sent.getRouting(), fr.outboxStore().find(done.messageId()).orElseThrow().envelope());
    assertThat(receipt.receipt().getStatus()).isEqualTo(ReceiptStatus.RECEIPT_STATUS_ACCEPTED);
    assertThat(receipt.signer().party()).contains(new PartyCode("DE"));
  }

  @Test
  void duplicateDelivery_getsTheOriginalReceipt() throws Exception {
    try (RawPeer peer = new RawPeer(net, "FR", "DE")) {
      Envelope envelope = seal(peer);
      DeliverRequest request = DeliverRequest.newBuilder().setEnvelope(envelope.toByteString()).build();
      DeliverResponse first = peer.stub().deliver(request);
      DeliverResponse second = peer.stub().deliver(request);
      assertThat(second.getSignedReceipt()).isEqualTo(first.getSignedReceipt());
      VerifiedReceipt receipt = net.receiptVerifier()
          .verify(second.getSignedReceipt().toByteArray(), envelope.getRouting(), envelope.toByteArray());
      assertThat(receipt.receipt().getStatus()).isEqualTo(ReceiptStatus.RECEIPT_STATUS_ACCEPTED);
    }
  }

  @Test
  void tamperedEnvelope_getsASignedRejection() throws Exception {
    try (RawPeer peer = new RawPeer(net, "FR", "DE")) {
      Envelope envelope = seal(peer);
      byte[] sealed = envelope.getSealed().toByteArray();
      sealed[sealed.length - 40] ^= 0x01;  // inside the ciphertext: the GCM tag must catch it
      Envelope tampered = envelope.toBuilder().setSealed(ByteString.copyFrom(sealed)).build();
      DeliverResponse response = peer.stub().deliver(
          DeliverRequest.newBuilder().setEnvelope(tampered.toByteString()).build());
      VerifiedReceipt rejection = net.receiptVerifier()
          .verify(response.getSignedReceipt().toByteArray(), tampered.getRouting(), tampered.toByteArray());
      assertThat(rejection.receipt().getStatus()).isEqualTo(ReceiptStatus.RECEIPT_STATUS_REJECTED);
      assertThat(rejection.receipt().getReason()).isEqualTo(RejectionReason.REJECTION_REASON_DECRYPTION_FAILED);
      assertThat(rejection.signer().party()).contains(new PartyCode("DE"));

      // The untampered original is still accepted afterwards: the rejection did not burn its id.
      DeliverResponse original = peer.stub().deliver(DeliverRequest.newBuilder().setEnvelope(envelope.toByteString()).build());
      assertThat(net.receiptVerifier().verify(original.getSignedReceipt().toByteArray(),
          envelope.getRouting(), envelope.toByteArray()).receipt().getStatus())
          .isEqualTo(ReceiptStatus.RECEIPT_STATUS_ACCEPTED);
    }
  }

  private static Envelope seal(RawPeer peer) throws Exception {
    InnerMessage inner = InnerMessage.newBuilder()
        .setRouting(Routing.newBuilder().setMessageId(MessageIds.next(Clock.systemUTC())).setSender("FR/poc")
            .setRecipient("DE/poc").setPriority(Priority.PRIORITY_URGENT)
            .setCreatedAt(com.google.protobuf.util.Timestamps.fromMillis(System.currentTimeMillis())))
        .setPing(Ping.newBuilder().setNonce("raw")).build();
    return new EnvelopeSealer(peer.keys.signing(), Clock.systemUTC()).seal(inner, org.relay247.pki.Pem
        .readCertificate(net.pki.layout().nodeCertificate(new PartyCode("DE"), org.relay247.pki.CertificatePurpose.ENC)));
  }
}
