package org.relay247.simulator.load;

import io.grpc.Server;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.relay247.gateway.config.NodeConfigLoader;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.node.NodeStartException;
import org.relay247.pki.DevelopmentNetwork;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.NetworkSettings;
import org.relay247.pki.PartyCode;
import org.relay247.pki.SecureFiles;
import org.relay247.protocol.directory.DefaultDirectory;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.Party;

/**
 * Two national nodes, FR (sender) and DE (recipient), both in this JVM on loopback, wired exactly
 * as {@code relay247 node run} wires them: a fresh development PKI, a signed directory listing
 * {@code localhost:PORT} endpoints, one HOCON file per node and an SQLite file database each
 * (with the settings Database.open gives every SQLite URL: WAL, synchronous=FULL, one writer with
 * group commit). Beside DE runs the bare unary server of the baseline,
 * with DE's TLS identity.
 * <pre>
 * DIR/network/   PKI and directory.bin
 * DIR/FR.conf, DIR/DE.conf
 * DIR/data/      the two SQLite databases
 * </pre>
 */
public final class TwoNodes implements AutoCloseable {
  static final PartyCode FR = new PartyCode("FR");
  static final PartyCode DE = new PartyCode("DE");
  static final String HOST = "127.0.0.1";

  private final List<AutoCloseable> resources = new ArrayList<>();
  private GatewayNode fr;
  private GatewayNode de;
  private int barePort;

  private TwoNodes() {}

  /**
   * Creates the network in {@code dir} (new or empty) and starts DE and its bare server, then FR.
   *
   * @param nodeHocon extra HOCON put inside {@code relay247.node { }} of both configs (may be empty)
   */
  public static TwoNodes start(Path dir, int parallelism, String nodeHocon, Clock clock)
      throws IOException, NodeStartException {
    Files.createDirectories(dir);
    NetworkPki pki = DevelopmentNetwork.create(dir.resolve("network"), List.of(DE, FR), List.of(),
        NetworkSettings.defaults(), clock);
    int[] ports = freePorts(2);
    Map<PartyCode, Integer> exchange = Map.of(DE, ports[0], FR, ports[1]);

    Directory.Builder d = DefaultDirectory.forNetwork(pki, clock.instant()).toBuilder().setVersion(1)
        .setIssuer(pki.settings().name() + " (relay247 load harness)");
    for (Party.Builder party : d.getPartiesBuilderList()) {
      Integer port = exchange.get(new PartyCode(party.getCode()));
      if (port != null) {
        party.getNodesBuilder(0).clearEndpoints().addEndpoints("localhost:" + port);
      }
    }
    SecureFiles.writePublic(DefaultDirectory.file(pki.layout()), DefaultDirectory.sign(pki, d.build(), clock));
    for (PartyCode party : List.of(DE, FR)) {
      Files.writeString(dir.resolve(party.code() + ".conf"), String.join("\n",
          "# Written by the relay247 load harness (org.relay247.simulator.load).",
          "relay247.node {",
          "  party = " + party.code(),
          "  network-dir = \"network\"",
          "  data-dir = \"data\"",
          "  bind-host = \"" + HOST + "\"",
          "  ports { exchange = " + exchange.get(party) + ", api = 0, metrics = 0 }",
          "  retry { initial-backoff = 50ms, max-backoff = 1s, parallelism = " + parallelism + " }",
          nodeHocon == null ? "" : nodeHocon,
          "}", ""));
    }

    TwoNodes nodes = new TwoNodes();
    try {
      nodes.de = startNode(dir.resolve(DE.code() + ".conf"), clock);
      nodes.resources.add(nodes.de);
      Server bare = BareUnary.startServer(nodes.de);
      nodes.resources.add(() -> bare.shutdownNow().awaitTermination(2, TimeUnit.SECONDS));
      nodes.barePort = bare.getPort();
      nodes.fr = startNode(dir.resolve(FR.code() + ".conf"), clock);
      nodes.resources.add(nodes.fr);
    } catch (NodeStartException | IOException | RuntimeException e) {
      nodes.close();
      throw e;
    }
    return nodes;
  }

  /** Starts a node as {@code relay247 node run} would, ignoring RELAY247_* variables (they configure one node). */
  private static GatewayNode startNode(Path config, Clock clock) throws NodeStartException {
    return GatewayNode.start(NodeConfigLoader.load(config, Map.of()), clock);
  }

  public GatewayNode fr() {
    return fr;
  }

  public GatewayNode de() {
    return de;
  }

  /** The port of the bare unary server beside DE. */
  int barePort() {
    return barePort;
  }

  /** Stops FR, then the bare server and DE; safe to call twice. */
  @Override
  public synchronized void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        System.err.println("load harness: while stopping: " + e);
      }
    }
    resources.clear();
  }

  /** Distinct free loopback ports: every socket stays open until all are chosen. */
  static int[] freePorts(int n) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket();
        held.add(s);
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
        out[i] = s.getLocalPort();
      }
      return out;
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }
}
