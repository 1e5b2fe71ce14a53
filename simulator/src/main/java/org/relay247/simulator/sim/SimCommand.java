package org.relay247.simulator.sim;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.relay247.simulator.report.HtmlReport;
import org.relay247.simulator.report.JsonReport;
import org.relay247.simulator.report.JunitReport;
import org.relay247.simulator.report.RunRecord;
import org.relay247.simulator.scenario.Location;
import org.relay247.simulator.scenario.PartySpec;
import org.relay247.simulator.scenario.Scenario;
import org.relay247.simulator.scenario.ScenarioException;
import org.relay247.simulator.scenario.ScenarioReader;
import org.relay247.simulator.scenario.Step;
import org.relay247.simulator.scenario.Expectation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relay247 sim}: many Parties in this process, scripted by a scenario file (docs/simulator.md). */
@Command(name = "sim", sortOptions = false, subcommands = {SimCommand.Run.class, SimCommand.Ping.class},
    description = {"The multi-country simulator: real nodes in this process, scripted foreign desks, faults, reports.",
        "See docs/simulator.md for the scenario language."},
    footer = {"", "Exit status: 0 every expectation held, 1 one did not or the scenario is invalid, 2 usage error."})
public final class SimCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: run or ping");
  }

  /** Options both subcommands share. */
  static class Common {
    @Option(names = "--report", paramLabel = "DIR",
        description = "Write report.html, report.json and junit.xml into DIR (created if missing).")
    Path report;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
        description = "Seed of every random choice (jitter, results bytes); default ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--dir", paramLabel = "DIR",
        description = "Keep the network (PKI, configs, databases) in DIR (new or empty) instead of a temporary folder"
            + " deleted on exit.")
    Path dir;
  }

  @Command(name = "run", sortOptions = false,
      description = {"Runs a scenario file: its Parties as real nodes (production wiring, own development PKI, loopback"
          + " ports, one virtual clock), its desks' policies, faults and steps; then checks its expectations."},
      footer = {"", "Exit status: 0 every expectation held, 1 one did not or the scenario is invalid (one sentence"
          + " with its line and column), 2 usage error."})
  static final class Run implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(paramLabel = "SCENARIO.yaml", description = "The scenario file.")
    Path file;

    @CommandLine.Mixin
    Common common;

    @Option(names = "--processes",
        description = "Run each node as its own OS process (needed by crash and restart steps); the desks stay in"
            + " this process and use each node's national API.")
    boolean processes;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Scenario scenario;
      try {
        scenario = ScenarioReader.read(file);
        scenario.requireRunnable(processes);
      } catch (ScenarioException e) {
        err.println("relay247 sim run: " + e.getMessage());
        return 1;
      } catch (IOException e) {
        err.println("relay247 sim run: cannot read " + file + ": " + e.getMessage());
        return 1;
      }
      return execute(scenario, common, processes, out, err);
    }
  }

  @Command(name = "ping", sortOptions = false,
      description = {"Network health check, like the T-CY contact-point tests: N Parties as real nodes; every Party"
          + " sends every other a signed ping (sealed envelope) and waits for the signed pong. Prints who answered,"
          + " in how long, and who did not and why (TLS, certificate, timeout)."},
      footer = {"", "Exit status: 0 every pair answered, 1 a pair did not, 2 usage error."})
  static final class Ping implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--parties", paramLabel = "N", defaultValue = "5",
        description = "How many Parties (2 to 200); default ${DEFAULT-VALUE}.")
    int parties;

    @CommandLine.Mixin
    Common common;

    @Override
    public Integer call() throws Exception {
      if (parties < 2 || parties > 200) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--parties: " + parties + " (expected: 2 to 200)");
      }
      return execute(pingScenario(parties), common, false, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }

  /** The scenario of {@code relay247 sim ping}: N Parties, every one pings every other. */
  public static Scenario pingScenario(int n) {
    List<PartySpec> specs = new ArrayList<>();
    for (String code : PartyCodes.first(n)) {
      specs.add(PartySpec.defaults(code));
    }
    Location here = new Location(1, 1);
    return new Scenario("sim-ping-" + n, "Network check: " + n + " Parties, " + n * (n - 1) + " directed pairs",
        "Every Party pings every other with a signed ping and waits for the signed pong.", Optional.empty(), specs,
        Map.of(),
        List.of(new Step.Ping(1, here, List.of()),
            new Step.Expect(2, here, new Expectation.Pongs(n * (n - 1)))), false);
  }

  static int execute(Scenario scenario, Common common, boolean processes, PrintWriter out, PrintWriter err)
      throws Exception {
    boolean temporary = common.dir == null;
    Path where = temporary ? Files.createTempDirectory("relay247-sim-") : common.dir.toAbsolutePath().normalize();
    if (!temporary && Files.exists(where) && Files.list(where).findAny().isPresent()) {
      err.println("relay247 sim: " + where + " is not empty; choose a new or empty --dir");
      return 1;
    }
    out.println("Scenario: " + scenario.name() + " (" + scenario.file() + "), " + scenario.parties().size()
        + " Parties, " + scenario.steps().size() + " steps");
    out.flush();
    RunRecord record;
    try {
      record = SimRun.run(scenario, where, common.seed, out, processes);
    } finally {
      if (temporary) {
        try {
          deleteTree(where);
        } catch (IOException e) {
          err.println("relay247 sim: could not delete " + where + ": " + e);
        }
      }
    }
    if (!record.pings().isEmpty()) {
      PingTable.print(record, out);
    }
    long held = record.expectations().stream().filter(RunRecord.ExpectationResult::passed).count();
    out.printf("%s: %d of %d expectations held; %d messages; wall %.1f s, virtual %s%s%n",
        record.passed() ? "PASSED" : "FAILED", held, record.expectations().size(), record.messages().size(),
        record.wall().toMillis() / 1000.0, org.relay247.simulator.scenario.Durations.format(
            java.time.Duration.ofSeconds(record.virtual().toSeconds())),
        record.maxHeapUsedBytes().map(b -> "; peak heap " + b / (1024 * 1024) + " MiB").orElse(""));
    for (RunRecord.ExpectationResult e : record.expectations()) {
      if (!e.passed()) {
        out.printf("  FAILED step %d (line %d) at %s: expected %s, saw %s%n", e.step(), e.line(), e.party(),
            e.expected(), e.seen());
      }
    }
    if (common.report != null) {
      Files.createDirectories(common.report);
      Files.writeString(common.report.resolve("report.html"), HtmlReport.render(record));
      Files.writeString(common.report.resolve("report.json"), JsonReport.render(record));
      Files.writeString(common.report.resolve("junit.xml"), JunitReport.render(record));
      out.println("Report: " + common.report.resolve("report.html").toAbsolutePath());
    }
    out.flush();
    return record.passed() ? 0 : 1;
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
