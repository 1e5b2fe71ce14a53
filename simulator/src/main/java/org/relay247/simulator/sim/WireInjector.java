package org.relay247.simulator.sim;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.gateway.tls.NodeTls;
import org.relay247.gateway.tls.PkiTrustManager;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.seal.ReceiptVerificationException;
import org.relay247.protocol.seal.ReceiptVerifier;
import org.relay247.protocol.seal.VerifiedReceipt;
import org.relay247.protocol.v1.DeliverRequest;
import org.relay247.protocol.v1.DeliverResponse;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.NodeExchangeServiceGrpc;

/**
 * An attacker (or a faulty middlebox) on the wire between two nodes, holding the sending node's TLS
 * identity: it re-sends an envelope already delivered (replay) or a copy with one byte changed
 * (tamper) straight to the recipient's exchange port, and reports what the recipient answered.
 */
final class WireInjector {
  private WireInjector() {}

  /** Re-sends the stored envelope of {@code sent} as it was; says what the recipient did. */
  static String replay(GatewayNode sender, GatewayNode recipient, OutboxEntry sent) {
    return deliver(sender, recipient, sent, sent.envelope(), "replayed");
  }

  /** Sends the envelope of {@code sent} with one byte flipped in the middle (inside the CMS content). */
  static String tamper(GatewayNode sender, GatewayNode recipient, OutboxEntry sent) {
    byte[] bytes = sent.envelope().clone();
    bytes[bytes.length / 2] ^= 0x5a;
    return deliver(sender, recipient, sent, bytes, "tampered");
  }

  private static String deliver(GatewayNode sender, GatewayNode recipient, OutboxEntry sent, byte[] bytes,
      String what) {
    long before = recipient.inbox().count();
    ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", recipient.exchangePort())
        .sslContext(NodeTls.client(sender.keys().tlsKey(), sender.keys().tlsChain(),
            PkiTrustManager.forNodeClient(sender.trust()::validator,
                () -> sender.directory().current().listed(), recipient.party())))
        .build();
    try {
      DeliverResponse r = NodeExchangeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
          .deliver(DeliverRequest.newBuilder().setEnvelope(ByteString.copyFrom(bytes)).build());
      long stored = recipient.inbox().count() - before;
      String receipt;
      try {
        VerifiedReceipt v = new ReceiptVerifier(sender.trust().validator(),
            sender.directory().current().listed()).verify(r.getSignedReceipt().toByteArray(),
            Envelope.parseFrom(sent.envelope()).getRouting(), bytes);
        receipt = "signed receipt " + v.receipt().getStatus().name().replace("RECEIPT_STATUS_", "")
            + (v.receipt().getReason().getNumber() == 0 ? "" : " " + v.receipt().getReason().name()
                .replace("REJECTION_REASON_", ""));
      } catch (ReceiptVerificationException | com.google.protobuf.InvalidProtocolBufferException e) {
        receipt = "a receipt that does not verify for these bytes (" + e.getMessage() + ")";
      }
      return what + " envelope of " + sent.messageId() + ": " + recipient.party() + " answered with " + receipt
          + "; messages newly stored: " + stored;
    } catch (StatusRuntimeException e) {
      return what + " envelope of " + sent.messageId() + ": " + recipient.party() + " refused it: "
          + e.getStatus().getCode() + " " + e.getStatus().getDescription() + "; messages newly stored: "
          + (recipient.inbox().count() - before);
    } finally {
      channel.shutdownNow();
    }
  }

  static PartyCode party(String code) {
    return new PartyCode(code);
  }
}
