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
import java.util.concurrent.ThreadLocalRandom;
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
  public static final PartyCode FR = new PartyCode("FR");
  public static final PartyCode DE = new PartyCode("DE");
  static final String HOST = "127.0.0.1";
  private static final int PORT_FLOOR = 20_000;
  private static final int PORT_SPAN = 12_000;

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
    writeNetwork(dir, parallelism, nodeHocon, Map.of(), clock);
    TwoNodes nodes = new TwoNodes();
    try {
      nodes.de = startNode(config(dir, DE), clock);
      nodes.resources.add(nodes.de);
      Server bare = BareUnary.startServer(nodes.de);
      nodes.resources.add(() -> bare.shutdownNow().awaitTermination(2, TimeUnit.SECONDS));
      nodes.barePort = bare.getPort();
      nodes.fr = startNode(config(dir, FR), clock);
      nodes.resources.add(nodes.fr);
    } catch (NodeStartException | IOException | RuntimeException e) {
      nodes.close();
      throw e;
    }
    return nodes;
  }

  /**
   * Writes the network of the two nodes into {@code dir} (new or empty): a development PKI, the
   * signed directory with free loopback exchange ports, and {@code DIR/FR.conf}, {@code DIR/DE.conf}.
   *
   * @param apiPorts national API port per Party (absent: 0, any free port at each start)
   * @param nodeHocon extra HOCON put inside {@code relay247.node { }} of both configs (may be empty)
   */
  public static void writeNetwork(Path dir, int parallelism, String nodeHocon, Map<PartyCode, Integer> apiPorts,
      Clock clock) throws IOException {
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
      Files.writeString(config(dir, party), String.join("\n",
          "# Written by the relay247 load harness (org.relay247.simulator.load).",
          "relay247.node {",
          "  party = " + party.code(),
          "  network-dir = \"network\"",
          "  data-dir = \"data\"",
          "  bind-host = \"" + HOST + "\"",
          "  ports { exchange = " + exchange.get(party) + ", api = " + apiPorts.getOrDefault(party, 0)
              + ", metrics = 0 }",
          "  retry { initial-backoff = 50ms, max-backoff = 1s, parallelism = " + parallelism + " }",
          nodeHocon == null ? "" : nodeHocon,
          "}", ""));
    }
  }

  /** The config file {@link #writeNetwork} writes for {@code party}. */
  public static Path config(Path dir, PartyCode party) {
    return dir.resolve(party.code() + ".conf");
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

  /**
   * Distinct free loopback ports below the kernel's ephemeral range (32768 and up on Linux): a
   * node restarted on its port must not find it taken as the local end of an outgoing connection.
   * Every socket stays open until all are chosen.
   */
  static int[] freePorts(int n) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] out = new int[n];
      int next = PORT_FLOOR + ThreadLocalRandom.current().nextInt(PORT_SPAN);
      for (int i = 0, tried = 0; i < n; tried++) {
        if (tried >= PORT_SPAN) {
          throw new IOException("no free loopback port between " + PORT_FLOOR + " and " + (PORT_FLOOR + PORT_SPAN));
        }
        int port = PORT_FLOOR + Math.floorMod(next++ - PORT_FLOOR, PORT_SPAN);
        ServerSocket s = new ServerSocket();
        try {
          s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException busy) {
          s.close();
          continue;
        }
        held.add(s);
        out[i++] = port;
      }
      return out;
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }
}
