package org.relay247.gateway.tls;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSsl;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

/**
 * TLS 1.3 only, mutual authentication: contexts for servers and clients. The engine is BoringSSL
 * (netty-tcnative, bundled with grpc-netty-shaded) where its native library loads, else the JDK's;
 * either way certificates are accepted or refused by the same {@link TrustManager}.
 */
public final class NodeTls {
  private static final String TLS_1_3 = "TLSv1.3";
  // BoringSSL does a mutual TLS 1.3 handshake for a fraction of the JDK engine's CPU (the 80-Party
  // network check opens 6,320 connections: docs/benchmarks.md). The JDK's TLS is named by its
  // provider object because GrpcSslContexts.configure(builder, SslProvider.JDK) looks it up through
  // every registered provider's properties at each call, and a node builds one client context per
  // peer channel.
  private static final boolean NATIVE = OpenSsl.isAvailable();
  private static final Provider JSSE = Objects.requireNonNull(Security.getProvider("SunJSSE"), "SunJSSE provider");

  /** Whether the engine is BoringSSL (else the JDK's). */
  public static boolean boringSsl() {
    return NATIVE;
  }

  private NodeTls() {}

  /** A server context that requires a client certificate accepted by {@code trust}. */
  public static SslContext server(PrivateKey key, List<X509Certificate> chain, TrustManager trust) {
    try {
      return configure(SslContextBuilder.forServer(key, chain))
          .protocols(TLS_1_3).clientAuth(ClientAuth.REQUIRE).trustManager(trust).build();
    } catch (SSLException e) {
      throw new IllegalStateException("TLS server context: " + e.getMessage(), e);
    }
  }

  /** As {@link #server(PrivateKey, List, TrustManager)}, presenting what {@code identity} holds at each handshake. */
  public static SslContext server(javax.net.ssl.KeyManager identity, TrustManager trust) {
    try {
      return configure(SslContextBuilder.forServer(identity))
          .protocols(TLS_1_3).clientAuth(ClientAuth.REQUIRE).trustManager(trust).build();
    } catch (SSLException e) {
      throw new IllegalStateException("TLS server context: " + e.getMessage(), e);
    }
  }

  /** As {@link #client(PrivateKey, List, TrustManager)}, presenting what {@code identity} holds at each handshake. */
  public static SslContext client(javax.net.ssl.KeyManager identity, TrustManager trust) {
    try {
      return configure(SslContextBuilder.forClient())
          .keyManager(identity).protocols(TLS_1_3).trustManager(trust).build();
    } catch (SSLException e) {
      throw new IllegalStateException("TLS client context: " + e.getMessage(), e);
    }
  }

  /** A client context presenting {@code key} and trusting servers as {@code trust} decides. */
  public static SslContext client(PrivateKey key, List<X509Certificate> chain, TrustManager trust) {
    try {
      return configure(SslContextBuilder.forClient())
          .keyManager(key, chain).protocols(TLS_1_3).trustManager(trust).build();
    } catch (SSLException e) {
      throw new IllegalStateException("TLS client context: " + e.getMessage(), e);
    }
  }

  private static SslContextBuilder configure(SslContextBuilder builder) {
    return NATIVE ? GrpcSslContexts.configure(builder, SslProvider.OPENSSL) : GrpcSslContexts.configure(builder, JSSE);
  }
}
