package org.relay247.simulator.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relay247.gateway.config.NodeConfigLoader;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.node.NodeStartException;
import org.relay247.pki.DevelopmentNetwork;
import org.relay247.pki.NetworkLayout;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.NetworkSettings;
import org.relay247.pki.PartyCode;
import org.relay247.pki.SecureFiles;
import org.relay247.protocol.directory.DefaultDirectory;
import org.relay247.protocol.seal.DirectoryVerificationException;
import org.relay247.protocol.seal.DirectoryVerifier;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.Party;

/**
 * A network on disk as an operator would lay it out, and its nodes running in this process:
 * <pre>
 * DIR/network/    PKI (pki init-network layout) and the signed directory.bin
 * DIR/XX.conf     one node config per Party (relay247 node run --config DIR/XX.conf works too)
 * DIR/data/       the nodes' SQLite databases
 * DIR/results/    results items the requesting side reassembled
 * </pre>
 * Paths inside the configs are relative to DIR, so the folder can be moved. A DIR that already
 * holds a demo network is reused: same PKI and data, a directory re-signed (next version) with
 * this run's ports.
 */
final class DemoNetwork implements AutoCloseable {
  static final List<PartyCode> PARTIES = List.of(new PartyCode("DE"), new PartyCode("FR"), new PartyCode("US"));

  private final Path dir;
  private final NetworkPki pki;
  private final boolean reused;
  private final long directoryVersion;
  private final Map<PartyCode, DemoPorts.Ports> ports;
  private final Map<PartyCode, GatewayNode> nodes = new LinkedHashMap<>();

  private DemoNetwork(Path dir, NetworkPki pki, boolean reused, long directoryVersion,
      Map<PartyCode, DemoPorts.Ports> ports) {
    this.dir = dir;
    this.pki = pki;
    this.reused = reused;
    this.directoryVersion = directoryVersion;
    this.ports = ports;
  }

  /**
   * Creates (or reuses) the network in {@code dir}: PKI, directory signed with these ports as
   * endpoints, and the config files. Starts nothing.
   *
   * @throws IllegalStateException if {@code dir} holds something else than a demo network
   */
  static DemoNetwork prepare(Path dir, Map<PartyCode, DemoPorts.Ports> ports, Clock clock) throws IOException {
    Path networkDir = dir.resolve("network");
    NetworkLayout layout = new NetworkLayout(networkDir);
    NetworkPki pki;
    boolean reused = Files.exists(layout.rootCertificate());
    if (reused) {
      pki = NetworkPki.open(networkDir, clock);
      if (!layout.parties().containsAll(PARTIES)) {
        throw new IllegalStateException(networkDir + " is a network of " + layout.parties()
            + ", not of the demo's DE, FR and US; choose another --dir");
      }
    } else {
      if (Files.exists(dir) && (!Files.isDirectory(dir) || !isEmpty(dir))) {
        throw new IllegalStateException(dir + " exists and holds no demo network; choose a new or empty --dir");
      }
      Files.createDirectories(dir);
      pki = DevelopmentNetwork.create(networkDir, PARTIES, List.of(), NetworkSettings.defaults(), clock);
    }
    long version = reused ? heldVersion(pki, layout) + 1 : 1;
    writeDirectory(pki, ports, version, clock);
    for (PartyCode party : PARTIES) {
      writeConfig(dir, party, ports.get(party));
    }
    return new DemoNetwork(dir, pki, reused, version, ports);
  }

  /**
   * Starts every node from its config file, as {@code relay247 node run} would, except that
   * RELAY247_* environment variables are ignored: they configure one node, and would otherwise
   * point all three at the same party, database or ports.
   */
  void start(Clock clock) throws NodeStartException {
    for (PartyCode party : PARTIES) {
      nodes.put(party, GatewayNode.start(NodeConfigLoader.load(config(party), Map.of()), clock));
    }
  }

  Path dir() {
    return dir;
  }

  Path networkDir() {
    return pki.layout().dir();
  }

  Path config(PartyCode party) {
    return dir.resolve(party.code() + ".conf");
  }

  boolean reused() {
    return reused;
  }

  long directoryVersion() {
    return directoryVersion;
  }

  DemoPorts.Ports ports(PartyCode party) {
    return ports.get(party);
  }

  GatewayNode node(String party) {
    GatewayNode node = nodes.get(new PartyCode(party));
    if (node == null) {
      throw new IllegalStateException("node " + party + " is not running");
    }
    return node;
  }

  List<GatewayNode> nodes() {
    return new ArrayList<>(nodes.values());
  }

  /** Stops every node (in reverse order of start); safe to call twice. */
  @Override
  public synchronized void close() {
    List<GatewayNode> running = nodes();
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
    nodes.clear();
  }

  private static void writeDirectory(NetworkPki pki, Map<PartyCode, DemoPorts.Ports> ports, long version,
      Clock clock) throws IOException {
    Directory.Builder d = DefaultDirectory.forNetwork(pki, clock.instant()).toBuilder().setVersion(version)
        .setIssuer(pki.settings().name() + " (relay247 demo)");
    for (Party.Builder party : d.getPartiesBuilderList()) {
      DemoPorts.Ports p = ports.get(new PartyCode(party.getCode()));
      if (p != null) {
        party.getNodesBuilder(0).clearEndpoints().addEndpoints("localhost:" + p.exchange());
      }
    }
    SecureFiles.writePublic(DefaultDirectory.file(pki.layout()), DefaultDirectory.sign(pki, d.build(), clock));
  }

  /** The version of the directory a reused network holds (0 if it has none that verifies). */
  private static long heldVersion(NetworkPki pki, NetworkLayout layout) throws IOException {
    Path file = DefaultDirectory.file(layout);
    if (!Files.exists(file)) {
      return 0;
    }
    try {
      return new DirectoryVerifier(pki.validator()).verify(Files.readAllBytes(file), 0).getVersion();
    } catch (DirectoryVerificationException e) {
      return 0;
    }
  }

  private static void writeConfig(Path dir, PartyCode party, DemoPorts.Ports p) throws IOException {
    Files.writeString(dir.resolve(party.code() + ".conf"), String.join("\n",
        "# Written by 'relay247 demo'. Keys: gateway/src/main/resources/reference.conf and docs/deployment.md.",
        "# Run this node alone (with the demo stopped): relay247 node run --config " + party.code() + ".conf",
        "relay247.node {",
        "  party = " + party.code(),
        "  # PKI, CRLs and the signed directory, in the layout of 'relay247 pki init-network'.",
        "  network-dir = \"network\"",
        "  # SQLite database data/relay247-" + party.code().toLowerCase() + ".db",
        "  data-dir = \"data\"",
        "  bind-host = \"" + DemoPorts.HOST + "\"",
        "  ports { exchange = " + p.exchange() + ", api = " + p.api() + ", metrics = " + p.metrics() + " }",
        "  # Loopback peers: retry quickly.",
        "  retry { initial-backoff = 50ms, max-backoff = 2s }",
        "  # The operator console (docs/console.md) on a free port, with the node's TLS key.",
        "  console { port = 0 }",
        "}", ""));
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
