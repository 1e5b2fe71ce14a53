package org.relay247.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import org.relay247.protocol.v1.Ping;
import org.relay247.protocol.v1.PingServiceGrpc;
import org.relay247.protocol.v1.Pong;

/** The generated message and service classes round-trip through a real gRPC server. */
class PingContractTest {

  @Test
  void pingService_echoesNonce() throws Exception {
    String name = InProcessServerBuilder.generateName();
    Server server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(new PingServiceGrpc.PingServiceImplBase() {
          @Override
          public void ping(Ping request, StreamObserver<Pong> responses) {
            responses.onNext(Pong.newBuilder().setNonce(request.getNonce()).build());
            responses.onCompleted();
          }
        }).build().start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      Pong pong = PingServiceGrpc.newBlockingStub(channel)
          .ping(Ping.newBuilder().setNonce("n-42").build());
      assertThat(pong.getNonce()).isEqualTo("n-42");
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
    }
  }

  @Test
  void ping_roundTripsThroughWireBytes() throws Exception {
    Ping ping = Ping.newBuilder().setNonce("abc").build();
    assertThat(Ping.parseFrom(ping.toByteArray())).isEqualTo(ping);
  }
}
