package org.relay247.simulator.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.node.NodeStartException;
import org.relay247.pki.PartyCode;
import org.relay247.simulator.load.FrCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code relay247 demo}: a three-Party network in one process and an Art. 9 emergency exchange
 * across it, printed as a timeline of proven steps; then the nodes stay up for the CLI.
 */
@Command(name = "demo", sortOptions = false,
    description = {
        "Three national nodes (FR, DE, US) in this process and an Art. 9 emergency exchange between them.",
        "",
        "Creates a development network (PKI, signed directory, node configs), starts the three nodes, and sends "
            + "an Art. 9 emergency request from FR to DE; a scripted DE duty officer opens it and answers with a "
            + "determination and the results. Prints each step with its latency, and each signed receipt verified.",
        "Then the nodes keep running, and the demo prints how to use the CLI against them, until Ctrl-C.",
        "",
        "With --cluster N (2 or 3): FR's node as N member processes sharing one PostgreSQL database (created on the "
            + "server given, dropped on exit) and DE's node as one more process. Emergency requests go through "
            + "the members in turn; the member holding the delivery lane to DE is killed (SIGKILL), another takes "
            + "the lane over, and every request is delivered once. Prints which member holds what (as relay247 "
            + "node status does) and a summary, then stops every process.",
        ""},
    footer = {"", "Exit status: 0 every step proven, 1 a step failed (one sentence says which), 2 usage error."})
public final class DemoCommand implements Callable<Integer> {
  private final Clock clock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--once", description = "Exit after the timeline (status 0 if every step was proven).")
  boolean once;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Keep the network in DIR (new or empty, or a demo network to reuse) instead of a temporary "
          + "folder deleted on exit.")
  Path dir;

  @Option(names = "--base-port", paramLabel = "N", defaultValue = "7400",
      description = "Ports: Party i in code order (DE, FR, US) listens on N+10*i (node exchange), +1 (national API),"
          + " +2 (metrics); default ${DEFAULT-VALUE}. If one is busy the nodes take free ports.")
  int basePort;

  @Option(names = "--cluster", paramLabel = "N",
      description = "Run FR's node as N cluster member processes (2 or 3) on PostgreSQL, kill the lane holder and "
          + "show the takeover; ends after the summary.")
  Integer cluster;

  @Option(names = "--database-url", paramLabel = "URL", defaultValue = "${env:RELAY247_DEMO_PG_URL}",
      description = "With --cluster: the PostgreSQL server, e.g. jdbc:postgresql://127.0.0.1:5432/ (default: "
          + "RELAY247_DEMO_PG_URL). The user needs CREATE DATABASE.")
  String databaseUrl;

  @Option(names = "--database-user", paramLabel = "USER", defaultValue = "${env:RELAY247_DEMO_PG_USER:-relay247}",
      description = "With --cluster: the PostgreSQL user (default: RELAY247_DEMO_PG_USER, else relay247).")
  String databaseUser;

  @Option(names = "--database-password-file", paramLabel = "FILE",
      defaultValue = "${env:RELAY247_DEMO_PG_PASSWORD_FILE}",
      description = "With --cluster: a file holding the user's password (default: RELAY247_DEMO_PG_PASSWORD_FILE).")
  Path databasePasswordFile;

  public DemoCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (cluster != null) {
      return runCluster(out, err);
    }
    DemoPorts.Plan plan;
    try {
      plan = DemoPorts.plan(DemoNetwork.PARTIES, basePort);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    boolean temporary = dir == null;
    Path where = temporary ? Files.createTempDirectory("relay247-demo-") : dir.toAbsolutePath().normalize();

    long setupStart = System.nanoTime();
    DemoNetwork network;
    try {
      network = DemoNetwork.prepare(where, plan.ports(), clock);
    } catch (IOException | RuntimeException e) {
      if (temporary) {
        deleteTree(where);
      }
      throw e;
    }
    Duration created = Duration.ofNanos(System.nanoTime() - setupStart);
    // From here on, Ctrl-C (or SIGTERM) stops the nodes cleanly, whatever the demo is doing.
    Shutdown shutdown = new Shutdown(network, temporary);
    try {
      network.start(clock);
    } catch (NodeStartException | RuntimeException e) {
      shutdown.now();
      err.println("relay247 demo: a node did not start: " + e.getMessage());
      return 1;
    }
    Duration started = Duration.ofNanos(System.nanoTime() - setupStart).minus(created);
    printNetwork(out, network, plan, temporary, created, started);
    DemoConsole.openAccounts(network, out);

    DemoScenario scenario = shutdown.scenario(new DemoScenario(network, clock, out, err));
    DemoScenario.Outcome outcome;
    try {
      outcome = scenario.run();
    } catch (DemoFailure e) {
      out.flush();
      err.println("relay247 demo: FAILED: " + e.getMessage());
      shutdown.now();
      return 1;
    }
    printSummary(out, outcome, !(once && temporary));
    if (once) {
      shutdown.now();
      return 0;
    }
    out.println();
    out.print(CliInstructions.text(network, temporary, outcome.requestId()));
    out.flush();
    shutdown.awaitSignal();
    return 0;
  }

  private int runCluster(PrintWriter out, PrintWriter err) throws Exception {
    if (cluster != 2 && cluster != 3) {
      throw usage("--cluster " + cluster + ": a cluster demo has 2 or 3 members (expected: --cluster 2 or"
          + " --cluster 3)");
    }
    if (databaseUrl == null || databaseUrl.isBlank() || databasePasswordFile == null) {
      throw usage("--cluster needs a PostgreSQL server (expected: --database-url jdbc:postgresql://HOST:PORT/ and "
          + "--database-password-file FILE, or RELAY247_DEMO_PG_URL and RELAY247_DEMO_PG_PASSWORD_FILE)");
    }
    FrCluster.Server server;
    try {
      server = new FrCluster.Server(databaseUrl, databaseUser, databasePasswordFile);
    } catch (IllegalArgumentException e) {
      throw usage("--database-url: " + e.getMessage());
    }
    boolean temporary = dir == null;
    Path where = temporary ? Files.createTempDirectory("relay247-demo-cluster-") : dir.toAbsolutePath().normalize();
    try {
      return new ClusterDemo(cluster, server, clock, out).run(where);
    } catch (DemoFailure | IllegalStateException | IOException | java.sql.SQLException e) {
      out.flush();
      err.println("relay247 demo: FAILED: " + e.getMessage());
      return 1;
    } finally {
      if (temporary) {
        deleteTree(where);
      }
    }
  }

  /**
   * A usage error, exit 2 (picocli prints it, then the usage): {@code refusal} is one sentence naming
   * the option, its value and what is expected.
   */
  private CommandLine.ParameterException usage(String refusal) {
    return new CommandLine.ParameterException(spec.commandLine(), refusal);
  }

  /**
   * Stops the demo once: the scripted officer, the nodes, and a temporary network. Runs on the
   * JVM's shutdown (Ctrl-C, SIGTERM) or when the demo ends by itself; in-process callers (tests)
   * get their shutdown hook removed again.
   */
  private static final class Shutdown {
    private final DemoNetwork network;
    private final boolean temporary;
    private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook;
    private volatile DemoScenario scenario;

    Shutdown(DemoNetwork network, boolean temporary) {
      this.network = network;
      this.temporary = temporary;
      this.hook = new Thread(this::stop, "relay247-demo-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
    }

    DemoScenario scenario(DemoScenario s) {
      this.scenario = s;
      return s;
    }

    /** The demo ends by itself: stop now, and the hook is no longer needed. */
    void now() {
      stop();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down: the hook runs, and finds everything stopped.
      }
    }

    /** Waits until Ctrl-C or SIGTERM has stopped everything. */
    void awaitSignal() throws InterruptedException {
      stopped.await();
    }

    private void stop() {
      if (done.compareAndSet(false, true)) {
        if (scenario != null) {
          scenario.close();
        }
        network.close();
        if (temporary) {
          deleteTree(network.dir());
        }
      }
      stopped.countDown();
    }
  }

  private static void printNetwork(PrintWriter out, DemoNetwork network, DemoPorts.Plan plan, boolean temporary,
      Duration created, Duration started) {
    plan.busy().ifPresent(port -> out.println("Port " + port + " is in use (another demo or node still running?):"
        + " the nodes take free ports instead, listed below."));
    out.println("Relay247 demo: three national nodes in this process, on a network "
        + (network.reused() ? "reused from " : "created in ") + network.dir()
        + (temporary ? " (deleted on exit; --dir DIR keeps it)" : ""));
    out.println("  " + (network.reused() ? "PKI reused" : "PKI: root CA, CAs of DE, FR and US, per node TLS, signing and"
        + " encryption certificates") + "; signed directory version " + network.directoryVersion() + " with this run's"
        + " ports (" + created.toMillis() + " ms); nodes started in " + started.toMillis() + " ms");
    for (PartyCode party : DemoNetwork.PARTIES) {
      GatewayNode node = network.node(party.code());
      out.printf("  %s  %-8s node exchange localhost:%d  national API localhost:%d  metrics http://localhost:%d/metrics%n",
          party, node.nodeId(), node.exchangePort(), node.apiPort(), node.metricsPort());
    }
    out.println();
    out.println("Art. 9 emergency request from FR to DE (a kidnapped child, a kidnapper's e-mail account at a German"
        + " provider); DE's duty officer is scripted, US is idle.");
    out.flush();
  }

  private static void printSummary(PrintWriter out, DemoScenario.Outcome outcome, boolean resultsKept) {
    out.println();
    out.printf("Done in %d ms: %d envelopes between FR and DE, %d signed receipts verified, results reassembled"
        + " with every SHA-256 matching.%n", outcome.total().toMillis(), outcome.envelopes(), outcome.receiptsVerified());
    out.printf("Emergency round trip (FR submits the request -> DE's determination stored at FR): %d ms.%n",
        outcome.emergencyRoundTrip().toMillis());
    out.println("(The first messages include TLS connection set-up and JVM warm-up.)");
    if (resultsKept) {
      out.println("FR's copy of the results: " + outcome.results());
    }
    out.flush();
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      System.err.println("relay247 demo: could not delete " + root + ": " + e.getMessage());
    }
  }
}
