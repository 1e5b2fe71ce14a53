package org.relay247.gateway.tls;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

/** TLS 1.3 only, mutual authentication, the JDK's TLS engine: contexts for servers and clients. */
public final class NodeTls {
  private static final String TLS_1_3 = "TLSv1.3";
  // The JDK's TLS, named once: GrpcSslContexts.configure(builder, SslProvider.JDK) looks it up
  // through every registered provider's properties at each call, and a node builds one client
  // context per peer channel.
  private static final Provider JSSE = Objects.requireNonNull(Security.getProvider("SunJSSE"), "SunJSSE provider");

  private NodeTls() {}

  /** A server context that requires a client certificate accepted by {@code trust}. */
  public static SslContext server(PrivateKey key, List<X509Certificate> chain, TrustManager trust) {
    try {
      return GrpcSslContexts.configure(SslContextBuilder.forServer(key, chain), JSSE)
          .protocols(TLS_1_3).clientAuth(ClientAuth.REQUIRE).trustManager(trust).build();
    } catch (SSLException e) {
      throw new IllegalStateException("TLS server context: " + e.getMessage(), e);
    }
  }

  /** As {@link #server(PrivateKey, List, TrustManager)}, presenting what {@code identity} holds at each handshake. */
  public static SslContext server(javax.net.ssl.KeyManager identity, TrustManager trust) {
    try {
      return GrpcSslContexts.configure(SslContextBuilder.forServer(identity), JSSE)
          .protocols(TLS_1_3).clientAuth(ClientAuth.REQUIRE).trustManager(trust).build();
    } catch (SSLException e) {
      throw new IllegalStateException("TLS server context: " + e.getMessage(), e);
    }
  }

  /** As {@link #client(PrivateKey, List, TrustManager)}, presenting what {@code identity} holds at each handshake. */
  public static SslContext client(javax.net.ssl.KeyManager identity, TrustManager trust) {
    try {
      return GrpcSslContexts.configure(SslContextBuilder.forClient(), JSSE)
          .keyManager(identity).protocols(TLS_1_3).trustManager(trust).build();
    } catch (SSLException e) {
      throw new IllegalStateException("TLS client context: " + e.getMessage(), e);
    }
  }

  /** A client context presenting {@code key} and trusting servers as {@code trust} decides. */
  public static SslContext client(PrivateKey key, List<X509Certificate> chain, TrustManager trust) {
    try {
      return GrpcSslContexts.configure(SslContextBuilder.forClient(), JSSE)
          .keyManager(key, chain).protocols(TLS_1_3).trustManager(trust).build();
    } catch (SSLException e) {
      throw new IllegalStateException("TLS client context: " + e.getMessage(), e);
    }
  }
}
