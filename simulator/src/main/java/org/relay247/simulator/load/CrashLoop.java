package org.relay247.simulator.load;

import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.relay247.gateway.api.ClientCredentials;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.gateway.node.NodeLauncher;
import org.relay247.pki.PartyCode;
import org.relay247.pki.cli.CliErrors;
import org.relay247.protocol.v1.ListOutboxRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The crash loop (issue 11, docs/deployment.md "Crash safety"): two nodes, FR (sender) and DE
 * (receiver), each in a process of its own started as {@code relay247 node run}; a driver
 * submitting Art. 9 emergencies through FR's national API the whole time; each cycle SIGKILLs one
 * node (DE, then FR, alternating), starts it again and goes on. At the end it waits until FR has
 * nothing pending, lists DE's inbox through DE's national API, stops both nodes and checks every
 * acknowledged submission against both stores ({@link CrashAudit}). Prints lost, duplicated and
 * unverifiable; exit status 0 when all three are 0, 1 when not (or the run failed), 2 for a usage
 * error. Run by {@code scripts/crash-loop.sh}.
 */
@Command(name = "crash-loop", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"SIGKILL cycles under load against two node processes (FR sends to DE); reports lost,"
        + " duplicated and unverifiable receipts.", ""},
    footer = {"", "Exit status: 0 nothing lost, duplicated or unverifiable; 1 otherwise or the run failed;"
        + " 2 usage error."})
public final class CrashLoop implements Callable<Integer> {
  private final Clock clock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--cycles", paramLabel = "N", description = "Kill-and-restart cycles, DE and FR alternating"
      + " (default: ${DEFAULT-VALUE}).")
  int cycles = 100;

  @Option(names = "--rate", paramLabel = "PER_SECOND", description = "Drafts per second the driver submits to FR"
      + " (default: ${DEFAULT-VALUE}).")
  int rate = 50;

  @Option(names = "--submitters", paramLabel = "N", description = "Driver threads (default: ${DEFAULT-VALUE}).")
  int submitters = 4;

  @Option(names = "--interval", paramLabel = "DURATION", converter = LoadHarness.DurationConverter.class,
      description = "Load between a restart and the next kill, e.g. 2s (default: 2s).")
  Duration interval = Duration.ofSeconds(2);

  @Option(names = "--drain-timeout", paramLabel = "DURATION", converter = LoadHarness.DurationConverter.class,
      description = "How long to wait at the end until FR has delivered everything (default: 5m).")
  Duration drainTimeout = Duration.ofMinutes(5);

  @Option(names = "--dir", paramLabel = "DIR", required = true, description = "New or empty directory for the"
      + " network, configs and databases (kept).")
  Path dir;

  @Option(names = "--node-java-options", paramLabel = "OPTIONS", description = "JVM options of each node process"
      + " (default: ${DEFAULT-VALUE}).")
  String nodeJavaOptions = "-Xmx256m";

  @Option(names = "--class-path", paramLabel = "PATH", description = "Class path of the node processes (default:"
      + " this JVM's).")
  String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

  public CrashLoop(Clock clock) {
    this.clock = clock;
  }

  /** The command of {@code scripts/crash-loop.sh}. */
  public static void main(String[] args) {
    System.exit(CliErrors.install(new CommandLine(new CrashLoop(Clock.systemUTC()))).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (cycles < 0 || rate < 1 || submitters < 1 || interval.isNegative()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--cycles " + cycles + ", --rate " + rate
          + ", --submitters " + submitters + ", --interval " + interval
          + " (expected: cycles >= 0, rate >= 1, submitters >= 1, interval >= 0)");
    }
    PrintWriter out = spec.commandLine().getOut();
    CrashAudit.Verdict v = run(out);
    out.printf("%nlost %d, duplicated %d, unverifiable %d (of %d acknowledged submissions; %d cycles)%n", v.lost(),
        v.duplicated(), v.unverifiable(), v.acknowledged(), cycles);
    v.examples().forEach(e -> out.println("  " + e));
    out.flush();
    return v.clean() ? 0 : 1;
  }

  /** Runs the cycles and returns the verdict; progress goes to {@code out}. */
  CrashAudit.Verdict run(PrintWriter out) throws Exception {
    if (Files.exists(dir)) {
      try (var entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalStateException(dir + " is not empty; choose a new or empty --dir");
        }
      }
    }
    int[] api = TwoNodes.freePorts(2);
    Map<PartyCode, Integer> apiPorts = Map.of(TwoNodes.FR, api[0], TwoNodes.DE, api[1]);
    TwoNodes.writeNetwork(dir, 8, "", apiPorts, clock);
    List<String> javaOptions = Arrays.stream(nodeJavaOptions.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    Path network = dir.resolve("network");
    long started = System.nanoTime();
    out.printf("crash loop: %d cycles, %d drafts/s from %d submitters, %s between kills; network in %s%n", cycles,
        rate, submitters, interval, dir.toAbsolutePath());
    out.flush();

    NodeLauncher de = startNode(TwoNodes.DE, javaOptions);
    NodeLauncher fr = null;
    try (NationalApiClient frApi = NationalApiClient.connect(TwoNodes.HOST, api[0],
            ClientCredentials.fromNetwork(network, TwoNodes.FR, clock));
        NationalApiClient deApi = NationalApiClient.connect(TwoNodes.HOST, api[1],
            ClientCredentials.fromNetwork(network, TwoNodes.DE, clock))) {
      fr = startNode(TwoNodes.FR, javaOptions);
      CrashLoopDriver driver = CrashLoopDriver.start(frApi, EmergencyDrafts.draft(2048), rate, submitters, clock);
      try {
        for (int cycle = 1; cycle <= cycles; cycle++) {
          Thread.sleep(interval.toMillis());
          boolean receiver = cycle % 2 == 1;
          NodeLauncher victim = receiver ? de : fr;
          long acknowledged = driver.acknowledgedCount();
          long t0 = System.nanoTime();
          victim.kill();
          NodeLauncher restarted = startNode(receiver ? TwoNodes.DE : TwoNodes.FR, javaOptions);
          if (receiver) {
            de = restarted;
          } else {
            fr = restarted;
          }
          out.printf("cycle %3d/%d: SIGKILL %s (pid %d) at %d acknowledged; running again after %.1f s%n", cycle,
              cycles, receiver ? "DE" : "FR", victim.pid(), acknowledged, (System.nanoTime() - t0) / 1e9);
          out.flush();
        }
      } finally {
        driver.close();
      }
      out.printf("driver stopped: %d acknowledged, %d retried after a transport failure, %d refused%n",
          driver.acknowledgedCount(), driver.retries(), driver.refused());
      awaitDrained(frApi);
      out.printf("FR has nothing pending after %.0f s%n", (System.nanoTime() - started) / 1e9);
      var listing = CrashAudit.listInbox(deApi);
      fr.close();
      de.close();
      return CrashAudit.judge(driver.acknowledged(), listing, dir, clock);
    } finally {
      if (fr != null) {
        fr.close();
      }
      de.close();
    }
  }

  /** Starts {@code party}'s node in a process of its own, as {@code relay247 node run}; up to 120 s to run. */
  private NodeLauncher startNode(PartyCode party, List<String> javaOptions) throws IOException, InterruptedException {
    return NodeLauncher.start(classPath, javaOptions, TwoNodes.config(dir, party), Duration.ofSeconds(120));
  }

  /** Waits until FR's national API reports nothing pending for any Party. */
  private void awaitDrained(NationalApiClient frApi) throws InterruptedException {
    long deadline = System.nanoTime() + drainTimeout.toNanos();
    while (true) {
      try {
        var pending = frApi.blocking(Duration.ofSeconds(10)).listOutbox(ListOutboxRequest.newBuilder().setLimit(1)
            .build()).getPendingByPartyMap();
        if (pending.values().stream().allMatch(n -> n == 0)) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("FR still has " + pending + " pending after " + drainTimeout);
        }
      } catch (StatusRuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }
}
