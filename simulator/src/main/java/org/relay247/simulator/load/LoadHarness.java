package org.relay247.simulator.load;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relay247.pki.cli.CliErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code relay247 load}: the node-to-node load harness (issue 4, results in docs/benchmarks.md).
 * Starts two national nodes, FR and DE, both in this JVM on loopback with the production wiring
 * ({@code GatewayNode.start}: mutual TLS 1.3 over gRPC Netty, SQLite as Database.open sets it up, delivery
 * lanes, signed receipts) and measures:
 * <ul>
 * <li><b>idle</b>: one Art. 9 emergency at a time, from {@code outbox().submit()} at FR to its
 *     receipt verified and committed at FR (and to "stored at DE"), next to a <b>bare grpc-java
 *     mutual-TLS unary call</b> carrying the same bytes, alternating in blocks in the same run;</li>
 * <li><b>sustained</b>: an open-loop generator at a fixed rate, each message's latency from its
 *     scheduled time to FR's verified receipt, achieved throughput, backlog, heap and CPU; before
 *     it, the bare unary call at the same rate.</li>
 * </ul>
 * With a sustained rate, everything measured comes after sustained warm-up rounds that last until
 * the JIT has compiled the message path ({@code --jit-warmup-max}): the figures are those of a
 * node that has been up for a while, not of its first minute.
 * Prints a table with the issue's targets (missing one is reported, never an error) and writes
 * JSON ({@code --json}). Exit status 0 when the run completed, 1 when it could not (a node did not
 * start, the first emergency did not arrive), 2 for a usage error. Also runs without the launcher,
 * from the repository root after {@code ./mvnw -o -q -pl simulator -am package -DskipTests}:
 * <pre>
 * java -Xmx512m -cp "simulator/target/lib/*:simulator/target/classes" \
 *     org.relay247.simulator.load.LoadHarness --idle-count 500 --sustained-rate 1000 --duration 30s
 * </pre>
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Node-to-node load harness: two nodes (FR, DE) in this JVM on loopback, production wiring.",
        "",
        "Idle: Art. 9 emergencies one at a time, submit at FR to receipt verified at FR (and stored at DE), "
            + "next to a bare grpc-java mutual-TLS unary call with the same bytes. Sustained: an open-loop "
            + "generator at a fixed rate; latency from each message's scheduled time, achieved rate, backlog, heap. "
            + "With a sustained rate, all is measured after warm-up rounds that last until the JIT has settled.",
        "Prints a table with the targets of docs/benchmarks.md and writes JSON. Give the JVM a bounded heap "
            + "(RELAY247_JAVA_OPTS=-Xmx512m).",
        ""},
    footer = {"", "Exit status: 0 the run completed (whether or not the targets were met), 1 the run failed,"
        + " 2 usage error."})
public final class LoadHarness implements Callable<Integer> {
  private static final Gson JSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

  private final Clock clock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--idle-count", paramLabel = "N", description = "Emergencies sent one at a time (and as many bare"
      + " calls); 0 skips the idle phase (default: ${DEFAULT-VALUE}).")
  int idleCount = LoadOptions.defaults().idleCount();

  @Option(names = "--idle-gap", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Pause between idle round trips, e.g. 10ms (default: 10ms).")
  Duration idleGap = LoadOptions.defaults().idleGap();

  @Option(names = "--idle-block", paramLabel = "N", description = "Idle node round trips and bare calls alternate in"
      + " blocks of this many (default: ${DEFAULT-VALUE}).")
  int idleBlock = LoadOptions.defaults().idleBlock();

  @Option(names = "--warmup", paramLabel = "N", description = "Unmeasured round trips and bare calls first"
      + " (default: ${DEFAULT-VALUE}).")
  int warmup = LoadOptions.defaults().warmup();

  @Option(names = "--sustained-rate", paramLabel = "PER_SECOND", description = "Messages per second of the open-loop"
      + " generator; 0 skips the sustained phase (default: ${DEFAULT-VALUE}).")
  int sustainedRate = LoadOptions.defaults().sustainedRate();

  @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Measured length of the sustained phase, e.g. 30s (default: 30s).")
  Duration duration = LoadOptions.defaults().duration();

  @Option(names = "--warmup-duration", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Unmeasured sustained load at the same rate before it; 0s for none (default: 5s).")
  Duration warmupDuration = LoadOptions.defaults().warmupDuration();

  @Option(names = "--jit-warmup-max", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "With a sustained rate, before the crypto timing and the idle phase: warm-up rounds of"
      + " --warmup-duration at the rate, each drained, until the JIT compilers worked less than a tenth of a round,"
      + " for at most this long; 0s for none (default: 120s).")
  Duration jitWarmupMax = LoadOptions.defaults().jitWarmupMax();

  @Option(names = "--payload-bytes", paramLabel = "N", description = "Serialized size of each emergency draft"
      + " (default: ${DEFAULT-VALUE}).")
  int payloadBytes = LoadOptions.defaults().payloadBytes();

  @Option(names = "--submitters", paramLabel = "N", description = "Threads submitting at FR during the sustained phase"
      + " (default: ${DEFAULT-VALUE}).")
  int submitters = LoadOptions.defaults().submitters();

  @Option(names = "--parallelism", paramLabel = "N", description = "The nodes' retry.parallelism: delivery workers per"
      + " recipient (default: ${DEFAULT-VALUE}).")
  int parallelism = LoadOptions.defaults().parallelism();

  @Option(names = "--drain-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long to wait for the last receipts after the generator stops (default: 60s).")
  Duration drainTimeout = LoadOptions.defaults().drainTimeout();

  @Option(names = "--dir", paramLabel = "DIR", description = "Keep the network and databases here (new or empty"
      + " directory; default: a temporary directory, deleted).")
  Path dir;

  @Option(names = "--json", paramLabel = "FILE", description = "Where to write the results as JSON"
      + " (default: ${DEFAULT-VALUE}).")
  Path json = LoadOptions.defaults().json().orElseThrow();

  @Option(names = "--node-hocon", paramLabel = "HOCON", description = "Extra HOCON inside relay247.node { } of both"
      + " nodes, e.g. 'database.pool-size = 20'.")
  String nodeHocon = "";

  @Option(names = "--crypto-iterations", paramLabel = "N", description = "Exchanges whose cryptography (seal, open,"
      + " receipt sign and verify) is timed in this JVM for the crypto-bound rate, after as many unmeasured ones"
      + " (default: ${DEFAULT-VALUE}).")
  int cryptoIterations = LoadOptions.defaults().cryptoIterations();

  public LoadHarness(Clock clock) {
    this.clock = clock;
  }

  /** The documented java command (see the class comment); the same as {@code relay247 load}. */
  public static void main(String[] args) {
    System.exit(CliErrors.install(new CommandLine(new LoadHarness(Clock.systemUTC()))).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    LoadOptions options;
    try {
      options = new LoadOptions(idleCount, idleGap, idleBlock, warmup, sustainedRate, duration, warmupDuration,
          jitWarmupMax, payloadBytes, submitters, parallelism, drainTimeout, Optional.ofNullable(dir),
          Optional.ofNullable(json), nodeHocon, cryptoIterations);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    // A failed run (a node that does not start, an emergency that never arrives) throws: exit 1
    // with one sentence (CliErrors).
    LoadResults results = run(options, clock, spec.commandLine().getErr());
    results.printTable(out);
    options.json().ifPresent(p -> out.println("\nJSON: " + p.toAbsolutePath()));
    out.flush();
    return 0;
  }

  /** Runs the harness; writes the JSON file if the options name one. Progress goes to {@code log}. */
  static LoadResults run(LoadOptions options, Clock clock, PrintWriter log) throws Exception {
    LoadResults results = new LoadRun(options, clock, log).run();
    if (options.json().isPresent()) {
      Path file = options.json().get().toAbsolutePath();
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.toJson(results.toJson()) + "\n");
    }
    return results;
  }

  /** Durations as 500ms, 30s, 2m (or ISO-8601, PT30S). */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
      Matcher m = SIMPLE.matcher(value.trim().toLowerCase(Locale.ROOT));
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      try {
        return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' (expected: e.g. 500ms, 30s, 2m)");
      }
    }
  }
}
