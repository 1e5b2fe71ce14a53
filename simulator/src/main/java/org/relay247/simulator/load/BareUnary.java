package org.relay247.simulator.load;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.tls.NodeTls;
import org.relay247.gateway.tls.PkiTrustManager;
import org.relay247.pki.PartyCode;

/**
 * The baseline: a bare grpc-java unary call carrying the same bytes as a node-to-node delivery,
 * over the same transport the nodes use: Netty, TLS 1.3 through the JDK provider, mutual
 * authentication with the nodes' own TLS keys and {@link PkiTrustManager} (chain, CRL, Party
 * binding, host name), default executors on both sides, one channel. The server runs beside the
 * recipient node (same process) and answers with a response of the receipt's size, doing nothing
 * else.
 */
final class BareUnary implements AutoCloseable {
  static final String SERVICE = "relay247.load.Bare";

  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  static final MethodDescriptor<byte[], byte[]> CALL = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Call"))
      .setRequestMarshaller(BYTES)
      .setResponseMarshaller(BYTES)
      .build();

  private final ManagedChannel channel;

  private BareUnary(ManagedChannel channel) {
    this.channel = channel;
  }

  /**
   * Starts the bare server with {@code serverSide}'s TLS identity, trusting the network as the node
   * does. It answers each request with as many zero bytes as the request's first four bytes say
   * (big-endian), so the harness sets the response size (the receipt's) per call.
   */
  static Server startServer(GatewayNode serverSide) throws IOException {
    ServerServiceDefinition service = ServerServiceDefinition.builder(SERVICE)
        .addMethod(CALL, ServerCalls.asyncUnaryCall((byte[] request, io.grpc.stub.StreamObserver<byte[]> out) -> {
          out.onNext(new byte[responseSize(request)]);
          out.onCompleted();
        }))
        .build();
    return NettyServerBuilder.forAddress(new InetSocketAddress(TwoNodes.HOST, 0))
        .sslContext(NodeTls.server(serverSide.keys().tlsKey(), serverSide.keys().tlsChain(),
            PkiTrustManager.forNodeServer(serverSide.trust()::validator,
                () -> serverSide.directory().current().listed())))
        .maxInboundMessageSize(16 * 1024 * 1024)
        .addService(service)
        .build().start();
  }

  /** A client channel with {@code clientSide}'s TLS identity to the bare server of {@code serverParty}. */
  static BareUnary connect(GatewayNode clientSide, PartyCode serverParty, int port) {
    ManagedChannel channel = NettyChannelBuilder.forTarget("localhost:" + port)
        .sslContext(NodeTls.client(clientSide.keys().tlsKey(), clientSide.keys().tlsChain(),
            PkiTrustManager.forNodeClient(clientSide.trust()::validator,
                () -> clientSide.directory().current().listed(), serverParty)))
        .keepAliveTime(30, TimeUnit.SECONDS)
        .build();
    return new BareUnary(channel);
  }

  /** A request of {@code size} bytes (at least 4) asking for a response of {@code responseSize}. */
  static byte[] request(int size, int responseSize) {
    byte[] r = new byte[Math.max(4, size)];
    new java.util.Random(42).nextBytes(r);
    java.nio.ByteBuffer.wrap(r).putInt(responseSize);
    return r;
  }

  private static int responseSize(byte[] request) {
    return request.length < 4 ? 0 : Math.max(0, Math.min(java.nio.ByteBuffer.wrap(request).getInt(), 1 << 24));
  }

  /** One blocking call, as the node's delivery workers make them. */
  byte[] call(byte[] request) {
    return ClientCalls.blockingUnaryCall(channel, CALL, CallOptions.DEFAULT.withDeadlineAfter(15, TimeUnit.SECONDS),
        request);
  }

  /** One asynchronous call (the open-loop generator must not block on the answer). */
  ListenableFuture<byte[]> callAsync(byte[] request) {
    return ClientCalls.futureUnaryCall(
        channel.newCall(CALL, CallOptions.DEFAULT.withDeadlineAfter(15, TimeUnit.SECONDS)), request);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
