package org.relay247.simulator.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.relay247.gateway.api.ClientCredentials;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.gateway.cluster.Lease;
import org.relay247.gateway.cluster.LeaseStore;
import org.relay247.gateway.config.NodeConfig;
import org.relay247.gateway.config.NodeConfigLoader;
import org.relay247.gateway.node.NodeLauncher;
import org.relay247.gateway.store.Database;

/**
 * FR's node as {@code n} cluster member processes ({@code relay247 node run}, named fr-1 .. fr-n)
 * on a new PostgreSQL database of their own, and DE's node as one more process (SQLite), all on
 * loopback; the set-up the cluster benchmark and {@code demo --cluster} share. {@link #start}
 * returns once every process runs and a member holds {@value #LANE}. {@link #close} stops every
 * process (SIGTERM, then SIGKILL), writes each one's last output lines to {@code NAME.log} in the
 * directory (the members' log lines carry timestamps: where a takeover spent its time) and drops
 * the database.
 */
public final class FrCluster implements AutoCloseable {
  /** The lease of the delivery lane from FR to DE. */
  public static final String LANE = "lane:DE";
  private static final Duration START_BOUND = Duration.ofSeconds(180);

  /** A PostgreSQL server, e.g. jdbc:postgresql://127.0.0.1:5432/, and a user allowed to CREATE DATABASE. */
  public record Server(String url, String user, Path passwordFile) {
    /** Validates the URL: PostgreSQL, ending in /; the message is one sentence naming what is expected. */
    public Server {
      if (url == null || !url.startsWith("jdbc:postgresql://") || !url.endsWith("/")) {
        throw new IllegalArgumentException("\"" + url + "\" is not a PostgreSQL server URL (expected: one ending in"
            + " /, e.g. jdbc:postgresql://127.0.0.1:5432/)");
      }
    }
  }

  private final Path dir;
  private final Server server;
  private final String database;
  private final String classPath;
  private final List<String> jvm;
  private final Map<String, Path> configs = new LinkedHashMap<>();
  private final Map<String, Integer> apiPorts = new LinkedHashMap<>();
  private final Map<String, NodeLauncher> members = new LinkedHashMap<>();
  private NodeLauncher de;
  private Database frDb;
  private LeaseStore leases;

  private FrCluster(Path dir, Server server, String database) {
    this.dir = dir;
    this.server = server;
    this.database = database;
    // Under Surefire the CLI's classes are on the test class path, not java.class.path.
    this.classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    this.jvm = new ArrayList<>(List.of("-Xmx256m"));
    jvm.addAll(NodeLauncher.HAZELCAST_JVM_OPTIONS);
  }

  /**
   * Writes the network and configs into {@code dir} (new or empty), creates the database
   * {@code databasePrefix} + a unique suffix, starts DE and the members, and waits for a member to
   * hold {@value #LANE}.
   */
  public static FrCluster start(Path dir, int n, Server server, String databasePrefix, Duration leaseTtl)
      throws Exception {
    FrCluster c = new FrCluster(dir, server, databasePrefix + Long.toHexString(System.nanoTime()));
    try {
      c.launch(n, leaseTtl);
    } catch (Exception e) {
      c.close();
      throw e;
    }
    return c;
  }

  private void launch(int n, Duration leaseTtl) throws Exception {
    TwoNodes.writeNetwork(dir, 4, "", Map.of(), Clock.systemUTC());
    admin("CREATE DATABASE " + database);
    int[] ports = TwoNodes.freePorts(3 * n);
    List<String> memberList = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      memberList.add("\"127.0.0.1:" + ports[i] + "\"");
    }
    String frConf = Files.readString(TwoNodes.config(dir, TwoNodes.FR));
    int frExchange = NodeConfigLoader.load(TwoNodes.config(dir, TwoNodes.FR), Map.of()).exchangePort().orElseThrow();
    for (int i = 1; i <= n; i++) {
      String name = "fr-" + i;
      Path conf = dir.resolve(name + ".conf");
      // fr-1 listens on the port the directory names; the others on ports of their own.
      int exchange = i == 1 ? frExchange : ports[n + i - 1];
      Files.writeString(conf, frConf + String.join("\n",
          "relay247.node.data-dir = \"data-" + name + "\"",
          "relay247.node.database { url = \"" + server.url() + database + "\", user = \"" + server.user()
              + "\", password-file = \"" + server.passwordFile().toAbsolutePath() + "\" }",
          "relay247.node.ports { exchange = " + exchange + ", api = " + ports[2 * n + i - 1] + ", metrics = 0 }",
          "relay247.node.cluster { member-name = " + name + ", bind-address = \"127.0.0.1\", port = " + ports[i - 1]
              + ", members = " + memberList + ", lease-ttl = " + leaseTtl.toMillis() + "ms }", ""));
      configs.put(name, conf);
      apiPorts.put(name, ports[2 * n + i - 1]);
    }
    de = NodeLauncher.start(classPath, jvm, TwoNodes.config(dir, TwoNodes.DE), START_BOUND);
    for (String name : configs.keySet()) {
      members.put(name, NodeLauncher.start(classPath, jvm, configs.get(name), START_BOUND));
    }
    NodeConfig fr = NodeConfigLoader.load(configs.get("fr-1"), Map.of());
    frDb = Database.open(fr.databaseUrl(), fr.databaseUser(), fr.databasePassword(), 2);
    leases = new LeaseStore(frDb, Clock.systemUTC());
    awaitTrue(START_BOUND, () -> liveLane().isPresent(), "a member holds " + LANE);
  }

  public List<String> memberNames() {
    return List.copyOf(members.keySet());
  }

  public NodeLauncher member(String name) {
    return members.get(name);
  }

  public NodeLauncher de() {
    return de;
  }

  public Path config(String member) {
    return configs.get(member);
  }

  public Path dir() {
    return dir;
  }

  public String database() {
    return database;
  }

  /** FR's shared database (the members' outbox and leases). */
  public Database frDatabase() {
    return frDb;
  }

  public LeaseStore leases() {
    return leases;
  }

  /** The member's national API on its fixed port, as FR's national system (which must close it). */
  public NationalApiClient api(String member) throws Exception {
    return NationalApiClient.connect("127.0.0.1", apiPorts.get(member), ClientCredentials.fromNetwork(
        dir.resolve("network"), TwoNodes.FR, Clock.systemUTC()));
  }

  /** The lease of {@value #LANE} if a member holds it now. */
  public Optional<Lease> liveLane() {
    return leases.find(LANE).filter(l -> l.expiresAt().isAfter(Instant.now()));
  }

  /** The member name of a lease's holder ("fr-2" of "fr-2/RUN-ID"). */
  public static String memberOf(Lease lease) {
    return lease.holder().substring(0, lease.holder().indexOf('/'));
  }

  /**
   * Waits until {@code condition} holds (checked at once, then every 20 ms: the states waited for
   * are rows other processes write, with nothing to listen to).
   *
   * @throws IllegalStateException naming {@code what} if it does not hold within {@code bound}
   */
  public static void awaitTrue(Duration bound, BooleanSupplier condition, String what) {
    try {
      Awaitility.await(what).atMost(bound).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
          .until(condition::getAsBoolean);
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(what + ": not within " + bound.toSeconds() + " s", e);
    }
  }

  private void keepOutput(String name, NodeLauncher process) {
    try {
      Files.writeString(dir.resolve(name + ".log"), process.output() + "\n");
    } catch (IOException e) {
      // The directory is gone: the output is lost, the run is not.
    }
  }

  private void admin(String sql) throws IOException, SQLException {
    String password = Files.readString(server.passwordFile()).strip();
    try (Connection c = DriverManager.getConnection(server.url() + "postgres", server.user(), password);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() throws Exception {
    if (frDb != null) {
      frDb.close();
    }
    for (Map.Entry<String, NodeLauncher> m : members.entrySet()) {
      m.getValue().close();
      keepOutput(m.getKey(), m.getValue());
    }
    if (de != null) {
      de.close();
      keepOutput("de", de);
    }
    try {
      admin("DROP DATABASE IF EXISTS " + database);
    } catch (SQLException | IOException e) {
      // Never created, or the server is gone: nothing to drop, or nothing we can do.
    }
  }
}
