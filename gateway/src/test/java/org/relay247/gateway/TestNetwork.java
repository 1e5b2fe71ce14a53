package org.relay247.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relay247.gateway.config.NodeConfig;
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
 * A real network on disk for node tests: PKI, a signed directory whose endpoints are free
 * loopback ports, and one HOCON config file per Party ({@code DIR/XX.conf}), as an operator
 * would write them. Databases are SQLite files unless {@code RELAY247_TEST_DATABASE=postgresql}.
 */
public final class TestNetwork {
  public final Path dir;
  public final NetworkPki pki;
  public final Map<PartyCode, Integer> ports = new LinkedHashMap<>();

  private TestNetwork(Path dir, NetworkPki pki) {
    this.dir = dir;
    this.pki = pki;
  }

  public static TestNetwork create(Path dir, String... parties) throws IOException {
    return create(dir, NetworkSettings.defaults(), parties);
  }

  /**
   * As {@link #create(Path, String...)}, with other PKI settings (e.g. CRLs valid longer, for
   * tests that move the clock on by weeks).
   */
  public static TestNetwork create(Path dir, NetworkSettings settings, String... parties) throws IOException {
    List<PartyCode> codes = java.util.Arrays.stream(parties).map(PartyCode::new).toList();
    NetworkPki pki = DevelopmentNetwork.create(dir.resolve("net"), codes, List.of(), settings, Clock.systemUTC());
    TestNetwork net = new TestNetwork(dir, pki);
    for (PartyCode p : codes) {
      net.ports.put(p, freePort());
    }
    net.writeDirectory(1);
    for (PartyCode p : codes) {
      net.writeConfig(p, "");
    }
    return net;
  }

  /** Signs and writes a directory of this version with the test ports as endpoints. */
  public void writeDirectory(long version) throws IOException {
    writeDirectory(version, pki.layout().dir().resolve("directory.bin"), d -> { });
  }

  /** As {@link #writeDirectory(long)}, to {@code file}, after {@code edit} (e.g. a declaration). */
  public void writeDirectory(long version, Path file, java.util.function.Consumer<Directory.Builder> edit)
      throws IOException {
    Directory.Builder d = DefaultDirectory.forNetwork(pki, Clock.systemUTC().instant()).toBuilder().setVersion(version);
    for (int i = 0; i < d.getPartiesCount(); i++) {
      Party.Builder party = d.getPartiesBuilder(i);
      int port = ports.get(new PartyCode(party.getCode()));
      party.getNodesBuilder(0).clearEndpoints().addEndpoints("localhost:" + port);
    }
    edit.accept(d);
    SecureFiles.writePublic(file, DefaultDirectory.sign(pki, d.build(), Clock.systemUTC()));
  }

  /**
   * A receipt verifier as the nodes of this network have it: receipt signers bound to the node
   * certificates of the network's directory.
   */
  public org.relay247.protocol.seal.ReceiptVerifier receiptVerifier() throws IOException {
    return new org.relay247.protocol.seal.ReceiptVerifier(pki.validator(),
        org.relay247.protocol.seal.ListedCertificates.of(DefaultDirectory.forNetwork(pki, Clock.systemUTC().instant())));
  }

  /** Writes DIR/XX.conf; {@code extra} is appended HOCON inside relay247.node. */
  public Path writeConfig(PartyCode party, String extra) throws IOException {
    Path file = dir.resolve(party.code() + ".conf");
    String database = System.getenv().getOrDefault("RELAY247_TEST_DATABASE", "sqlite");
    String db = database.equals("postgresql") ? postgresDatabase(party) : "";
    Files.writeString(file, String.join("\n",
        "relay247.node {",
        "  party = " + party.code(),
        "  network-dir = \"" + pki.layout().dir() + "\"",
        "  data-dir = \"" + dir.resolve("data") + "\"",
        "  ports { exchange = " + ports.get(party) + ", api = 0, metrics = 0 }",
        "  retry { initial-backoff = 50ms, max-backoff = 1s }",
        db,
        extra,
        "}", ""));
    return file;
  }

  public NodeConfig config(PartyCode party) {
    return NodeConfigLoader.load(dir.resolve(party.code() + ".conf"));
  }

  public GatewayNode start(String party) throws NodeStartException {
    return GatewayNode.start(config(new PartyCode(party)), Clock.systemUTC());
  }

  /**
   * A fresh PostgreSQL database per node and test network, on the server .ci/run starts
   * (RELAY247_TEST_PG_URL, default jdbc:postgresql://127.0.0.1:5432/).
   */
  private String postgresDatabase(PartyCode party) throws IOException {
    String base = System.getenv().getOrDefault("RELAY247_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
    String user = System.getenv().getOrDefault("RELAY247_TEST_PG_USER", "relay247");
    String name = "t" + Long.toHexString(System.nanoTime()) + "_" + party.code().toLowerCase();
    PostgresAdmin.createDatabase(base, user, name);
    Path pass = dir.resolve("pg.pass");
    Files.writeString(pass, System.getenv().getOrDefault("RELAY247_TEST_PG_PASSWORD", "relay247"));
    return "  database { url = \"" + base + name + "\", user = \"" + user + "\", password-file = \"" + pass + "\" }";
  }

  /**
   * A fresh database for store tests: an SQLite file under {@code dir}, or a new PostgreSQL database
   * when RELAY247_TEST_DATABASE=postgresql.
   */
  public static org.relay247.gateway.store.Database testDatabase(Path dir) throws IOException {
    return testDatabase(dir, java.util.Optional.empty());
  }

  /** {@link #testDatabase(Path)} whose PostgreSQL sessions end when idle in a transaction that long (a cluster member's). */
  public static org.relay247.gateway.store.Database testDatabase(Path dir,
      java.util.Optional<java.time.Duration> idleInTransaction) throws IOException {
    if (System.getenv().getOrDefault("RELAY247_TEST_DATABASE", "sqlite").equals("postgresql")) {
      String base = System.getenv().getOrDefault("RELAY247_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
      String user = System.getenv().getOrDefault("RELAY247_TEST_PG_USER", "relay247");
      String name = "s" + Long.toHexString(System.nanoTime());
      PostgresAdmin.createDatabase(base, user, name);
      Path pass = dir.resolve("pg.pass");
      Files.writeString(pass, System.getenv().getOrDefault("RELAY247_TEST_PG_PASSWORD", "relay247"));
      return org.relay247.gateway.store.Database.open(base + name, user,
          java.util.Optional.of(org.relay247.pki.Password.fromFile(pass)), 4,
          org.relay247.gateway.store.Database.DEFAULT_WAL_LIMIT, idleInTransaction);
    }
    return org.relay247.gateway.store.Database.open("jdbc:sqlite:" + dir.resolve("store.db").toAbsolutePath(), "",
        java.util.Optional.empty(), 4);
  }

  private static final int PORT_FLOOR = 20_000;
  private static final int PORT_SPAN = 12_000;
  private static final java.util.concurrent.atomic.AtomicInteger NEXT_PORT =
      new java.util.concurrent.atomic.AtomicInteger((int) (ProcessHandle.current().pid() * 7919 % PORT_SPAN));

  /**
   * A free loopback port for a node to listen on later, never handed out twice in this JVM, and
   * below the kernel's ephemeral range (32768 and up): a port from that range, free when picked,
   * could be the local end of an outgoing connection by the time the node binds it (seen as
   * "Address already in use" in a full build).
   */
  public static int freePort() throws IOException {
    for (int tried = 0; tried < PORT_SPAN; tried++) {
      int port = PORT_FLOOR + Math.floorMod(NEXT_PORT.getAndIncrement(), PORT_SPAN);
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
        return port;
      } catch (IOException busy) {
        // In use: the next one.
      }
    }
    throw new IOException("no free loopback port between " + PORT_FLOOR + " and " + (PORT_FLOOR + PORT_SPAN));
  }
}
