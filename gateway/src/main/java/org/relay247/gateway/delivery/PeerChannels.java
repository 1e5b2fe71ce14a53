package org.relay247.gateway.delivery;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.relay247.gateway.directory.DirectoryView;
import org.relay247.gateway.tls.NodeTls;
import org.relay247.gateway.tls.PkiTrustManager;
import org.relay247.pki.CertificateValidator;
import org.relay247.pki.PartyCode;

/**
 * One mutual-TLS channel per recipient Party, to the first endpoint the directory lists; the
 * server must present a TLS certificate the directory lists for a node of that Party. Channels are rebuilt when the directory
 * changes.
 */
public final class PeerChannels implements AutoCloseable {
  private final Supplier<CertificateValidator> validator;
  private final Supplier<DirectoryView> directory;
  private final Map<PartyCode, ManagedChannel> channels = new ConcurrentHashMap<>();

  private final javax.net.ssl.KeyManager identity;

  public PeerChannels(PrivateKey tlsKey, List<X509Certificate> tlsChain, Supplier<CertificateValidator> validator,
      Supplier<DirectoryView> directory) {
    this(new org.relay247.gateway.tls.ReloadableKeyManager(tlsKey, tlsChain), validator, directory);
  }

  /** Channels presenting what {@code identity} holds at each new handshake (a renewed key is used without restart). */
  public PeerChannels(javax.net.ssl.KeyManager identity, Supplier<CertificateValidator> validator,
      Supplier<DirectoryView> directory) {
    this.identity = identity;
    this.validator = validator;
    this.directory = directory;
  }

  public ManagedChannel forParty(PartyCode party) {
    return channels.computeIfAbsent(party, this::open);
  }

  /** Drops every channel (after a directory change: endpoints may have moved). */
  public void reset() {
    channels.values().forEach(ManagedChannel::shutdown);
    channels.clear();
  }

  private ManagedChannel open(PartyCode party) {
    List<String> endpoints = directory.get().endpoints(party);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("Party " + party + " lists no node endpoint in the directory");
    }
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(endpoints.get(0))
        .sslContext(NodeTls.client(identity, PkiTrustManager.forNodeClient(validator, () -> directory.get().listed(),
            party)))
        .keepAliveTime(30, TimeUnit.SECONDS);
    // OpenCensus is not on the class path: without these, each build looks for it again
    // (Class.forName failing), a third of a channel's set-up in the 80-Party network check.
    InternalNettyChannelBuilder.setStatsEnabled(builder, false);
    InternalNettyChannelBuilder.setTracingEnabled(builder, false);
    return builder.build();
  }

  @Override
  public void close() {
    channels.values().forEach(c -> {
      c.shutdown();
      try {
        c.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    channels.clear();
  }
}
