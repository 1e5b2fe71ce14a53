package org.relay247.gateway.api;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.relay247.gateway.tls.NodeTls;
import org.relay247.gateway.tls.PkiTrustManager;
import org.relay247.pki.CertificateValidator;
import org.relay247.protocol.v1.NationalApiServiceGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The national API server of a node (national_api.proto): gRPC on Netty, TLS 1.3 with the node's
 * TLS key, and a client certificate required that validates for TLS and belongs to the node's own
 * Party; other clients are refused at the handshake. Health and server reflection are on, so
 * standard gRPC tools can list and call it.
 */
public final class NationalApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NationalApiServer.class);

  private final Server server;
  private final HealthStatusManager health;
  private final ExecutorService watchers;

  private NationalApiServer(Server server, HealthStatusManager health, ExecutorService watchers) {
    this.server = server;
    this.health = health;
    this.watchers = watchers;
  }

  /**
   * Starts serving {@code services} on {@code host:port} (port 0: any free port).
   *
   * @param tlsKey the node's TLS key, presented with {@code tlsChain}
   * @param validator validates client certificates: only TLS certificates of {@code services.party()} are served
   * @param maxMessageBytes the largest request accepted (a draft is sealed into one envelope)
   * @throws IOException if the address cannot be bound
   */
  public static NationalApiServer start(NationalServices services, PrivateKey tlsKey, List<X509Certificate> tlsChain,
      Supplier<CertificateValidator> validator, String host, int port, int maxMessageBytes) throws IOException {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService watchers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "relay247-api-watch-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    HealthStatusManager health = new HealthStatusManager();
    Server server;
    try {
      server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
          .sslContext(NodeTls.server(tlsKey, tlsChain, PkiTrustManager.forServerOf(validator, services.party())))
          .maxInboundMessageSize(maxMessageBytes)
          .addService(ServerInterceptors.intercept(new NationalApiEndpoint(services, watchers),
              new NationalClientInterceptor(validator, services.party())))
          .addService(health.getHealthService())
          .addService(ProtoReflectionServiceV1.newInstance())
          .build().start();
    } catch (IOException | RuntimeException e) {
      watchers.shutdownNow();
      throw e;
    }
    health.setStatus(NationalApiServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    LOG.atInfo().addKeyValue("party", services.party().code()).addKeyValue("apiPort", server.getPort())
        .log("national API listening");
    return new NationalApiServer(server, health, watchers);
  }

  /** The bound port. */
  public int port() {
    return server.getPort();
  }

  /** Reports NOT_SERVING, then stops: open calls (watch streams) are cancelled. */
  @Override
  public void close() {
    health.enterTerminalState();
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      watchers.shutdownNow();
    }
  }
}
