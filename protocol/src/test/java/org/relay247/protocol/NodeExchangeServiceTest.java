package org.relay247.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relay247.protocol.v1.DeliverRequest;
import org.relay247.protocol.v1.DeliverResponse;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.NodeExchangeServiceGrpc;
import org.relay247.protocol.v1.PingRequest;
import org.relay247.protocol.v1.PingResponse;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Receipt;
import org.relay247.protocol.v1.ReceiptStatus;
import org.relay247.protocol.v1.Routing;

/**
 * The generated NodeExchangeService stubs work over a real (in-process) gRPC server: Ping
 * echoes, Deliver carries envelope bytes and returns a receipt naming their SHA-256. The
 * receipt here is not CMS-signed; sealing is tested where it is implemented.
 */
class NodeExchangeServiceTest {

  private Server server;
  private ManagedChannel channel;
  private NodeExchangeServiceGrpc.NodeExchangeServiceBlockingStub stub;

  @BeforeEach
  void start() throws IOException {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(new FakeNode()).build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    stub = NodeExchangeServiceGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  @Test
  void ping_echoesNonceAndNamesTheNode() {
    PingResponse pong = stub.ping(PingRequest.newBuilder().setNonce("n-42")
        .setDirectoryVersion(7).build());

    assertThat(pong.getNonce()).isEqualTo("n-42");
    assertThat(pong.getNodeId()).isEqualTo("de-1");
    assertThat(pong.getDirectoryVersion()).isEqualTo(7);
  }

  @Test
  void deliver_returnsReceiptForTheExactEnvelopeBytes() throws Exception {
    Routing routing = Routing.newBuilder()
        .setMessageId("019aa430-9a40-7593-9e3f-13c7dd8924e5").setSender("FR/poc")
        .setRecipient("DE/poc").setPriority(Priority.PRIORITY_EMERGENCY)
        .setCreatedAt(Timestamp.newBuilder().setSeconds(1_763_691_240L))
        .setCaseId("019aa42c-f0c0-7755-815a-581a56888679").build();
    byte[] envelope = Envelope.newBuilder().setRouting(routing)
        .setSealed(ByteString.copyFromUtf8("not really CMS")).build().toByteArray();

    DeliverResponse response = stub.deliver(DeliverRequest.newBuilder()
        .setEnvelope(ByteString.copyFrom(envelope)).build());
    InnerMessage inner = InnerMessage.parseFrom(response.getSignedReceipt());

    assertThat(inner.getRouting().getReplyToId()).isEqualTo(routing.getMessageId());
    assertThat(inner.getReceipt().getStatus()).isEqualTo(ReceiptStatus.RECEIPT_STATUS_ACCEPTED);
    assertThat(inner.getReceipt().getEnvelopeSha256().toByteArray()).isEqualTo(sha256(envelope));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A node that accepts everything; stands in for the gateway's implementation. */
  private static final class FakeNode extends NodeExchangeServiceGrpc.NodeExchangeServiceImplBase {

    @Override
    public void ping(PingRequest request, StreamObserver<PingResponse> responses) {
      responses.onNext(PingResponse.newBuilder().setNonce(request.getNonce()).setNodeId("de-1")
          .setDirectoryVersion(7).build());
      responses.onCompleted();
    }

    @Override
    public void deliver(DeliverRequest request, StreamObserver<DeliverResponse> responses) {
      try {
        Envelope envelope = Envelope.parseFrom(request.getEnvelope());
        Routing in = envelope.getRouting();
        InnerMessage receipt = InnerMessage.newBuilder()
            .setRouting(Routing.newBuilder().setMessageId("019aa430-9a44-7000-8000-000000000001")
                .setSender(in.getRecipient()).setRecipient(in.getSender())
                .setPriority(in.getPriority()).setCaseId(in.getCaseId())
                .setReplyToId(in.getMessageId()))
            .setReceipt(Receipt.newBuilder().setMessageId(in.getMessageId())
                .setEnvelopeSha256(ByteString.copyFrom(sha256(request.getEnvelope().toByteArray())))
                .setStatus(ReceiptStatus.RECEIPT_STATUS_ACCEPTED))
            .build();
        responses.onNext(DeliverResponse.newBuilder().setSignedReceipt(receipt.toByteString())
            .build());
        responses.onCompleted();
      } catch (IOException e) {
        responses.onError(e);
      }
    }
  }
}
