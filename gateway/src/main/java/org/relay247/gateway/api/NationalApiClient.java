package org.relay247.gateway.api;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.relay247.gateway.tls.NodeTls;
import org.relay247.gateway.tls.PkiTrustManager;
import org.relay247.protocol.v1.NationalApiServiceGrpc;

/**
 * A connection to a node's national API over mutual TLS 1.3: presents the client's certificate,
 * and accepts only a node of the client's own Party whose certificate names the host dialled.
 * Used by the relay247 CLI; a national case system in Java can use it the same way.
 */
public final class NationalApiClient implements AutoCloseable {
  private final String target;
  private final ManagedChannel channel;

  private NationalApiClient(String target, ManagedChannel channel) {
    this.target = target;
    this.channel = channel;
  }

  /**
   * A channel to {@code host:port}; nothing is dialled until the first call. The node's
   * certificate must name {@code host} in its subjectAltName (node certificates name localhost
   * and 127.0.0.1 unless issued with --host).
   */
  public static NationalApiClient connect(String host, int port, ClientCredentials credentials) {
    String target = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    ManagedChannel channel = NettyChannelBuilder.forAddress(host, port)
        .sslContext(NodeTls.client(credentials.key(), credentials.chain(),
            PkiTrustManager.forClient(credentials::validator, credentials.party())))
        .maxInboundMessageSize(64 * 1024 * 1024)
        .build();
    return new NationalApiClient(target, channel);
  }

  public String target() {
    return target;
  }

  public ManagedChannel channel() {
    return channel;
  }

  /** A blocking stub whose calls fail after {@code timeout}. */
  public NationalApiServiceGrpc.NationalApiServiceBlockingStub blocking(Duration timeout) {
    return NationalApiServiceGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A blocking stub without deadline, for WatchInbox. */
  public NationalApiServiceGrpc.NationalApiServiceBlockingStub watching() {
    return NationalApiServiceGrpc.newBlockingStub(channel);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
