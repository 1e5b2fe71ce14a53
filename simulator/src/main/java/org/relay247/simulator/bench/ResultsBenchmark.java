package org.relay247.simulator.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.relay247.gateway.cli.Relay247Command;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.protocol.results.ChunkSize;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.simulator.load.EmergencyDrafts;
import org.relay247.simulator.load.TwoNodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code relay247 bench results --size 1g}: one evidence item of the given size sent from a file
 * with {@code relay247 case send-results} (DE) and written back with {@code relay247 case
 * fetch-results} (FR), both commands run as an operator runs them, against two nodes in this JVM
 * on loopback (SQLite). Prints the time and throughput of each step and the peak heap of the
 * whole JVM (both nodes and both commands): run it with {@code RELAY247_JAVA_OPTS=-Xmx256m} to
 * show that results are streamed, never held whole (docs/benchmarks.md).
 */
@Command(name = "results", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Time 'relay247 case send-results' and 'fetch-results' for one item of --size bytes between "
        + "two nodes in this JVM (FR asks, DE answers), and report the peak heap of the JVM.",
        "Run with RELAY247_JAVA_OPTS=-Xmx256m to check memory stays bounded."})
final class ResultsBenchmark implements Callable<Integer> {
  private static final Duration DELIVERY = Duration.ofMinutes(30);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--size", defaultValue = "1g", paramLabel = "SIZE",
      description = "Item size: a number with k, m or g (KiB, MiB, GiB); default 1g.")
  String size;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Work directory (network, databases, the item and its copy); default a new temporary one, "
          + "deleted at the end.")
  Path dir;

  @Option(names = "--out", paramLabel = "FILE", description = "Also append the result line to this file.")
  Path out;

  @Override
  public Integer call() throws Exception {
    long bytes = parseSize(size);
    boolean temporary = dir == null;
    Path work = temporary ? Files.createTempDirectory("relay247-bench-results-") : Files.createDirectories(dir);
    Clock clock = Clock.systemUTC();
    try (TwoNodes nodes = TwoNodes.start(work.resolve("net"), 4, "", clock)) {
      InnerMessage request = nodes.fr().outbox().submit(EmergencyDrafts.draft(0), "bench");
      String requestId = request.getRouting().getMessageId();
      String caseId = request.getRouting().getCaseId();
      await("the request to reach DE", () -> nodes.de().inbox().find(requestId).isPresent());
      String determination = cli(nodes.de(), work, "case", "determine", caseId, "--request", requestId,
          "--outcome", "will-provide", "--by", "Bench Officer").strip();
      await("the determination to reach FR", () -> nodes.fr().inbox().find(determination).isPresent());

      Path item = work.resolve("item.bin");
      write(item, bytes);
      long chunks = (bytes + ChunkSize.DEFAULT - 1) / ChunkSize.DEFAULT;
      resetPeakHeap();

      long t0 = System.nanoTime();
      cli(nodes.de(), work, "case", "send-results", caseId, "--request", requestId, "--by", "Bench Officer",
          item.toString());
      long submitted = System.nanoTime();
      await("the " + chunks + " chunks to be delivered to FR", () -> nodes.de().outboxStore().pendingByParty()
          .getOrDefault("FR", 0L) == 0);
      long delivered = System.nanoTime();
      Path fetched = work.resolve("fetched");
      cli(nodes.fr(), work, "case", "fetch-results", caseId, "--out", fetched.toString());
      long written = System.nanoTime();
      if (Files.size(fetched.resolve("item.bin")) != bytes) {
        throw new IllegalStateException("fetched item has " + Files.size(fetched.resolve("item.bin"))
            + " bytes (expected: " + bytes + ")");
      }
      String line = String.format(Locale.ROOT, "results %s (%d chunks of %d KiB): send-results %s, delivered %s,"
          + " fetch-results %s; peak heap %d MiB of max %d MiB", size, chunks, ChunkSize.DEFAULT / 1024,
          rate(bytes, submitted - t0), rate(bytes, delivered - t0), rate(bytes, written - delivered),
          peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
      spec.commandLine().getOut().println(line);
      if (out != null) {
        Files.writeString(out, line + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      }
    } finally {
      if (temporary) {
        delete(work);
      }
    }
    return 0;
  }

  /** Runs a relay247 command as {@code node}'s operator; its standard output, or a failure with its error. */
  private static String cli(GatewayNode node, Path work, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--node", "localhost:" + node.apiPort(), "--network", work.resolve("net/network").toString(),
        "--party", node.party().code()));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CommandLine c = Relay247Command.newCommandLine(Clock.systemUTC());
    c.setOut(new PrintWriter(o, true));
    c.setErr(new PrintWriter(e, true));
    int exit = c.execute(all.toArray(String[]::new));
    if (exit != 0) {
      throw new IllegalStateException("relay247 " + String.join(" ", args) + ": exit " + exit + ": " + e);
    }
    return o.toString();
  }

  /** Waits (bounded) for a condition of the nodes; a benchmark harness, not a test. */
  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + DELIVERY.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  /** Random bytes (incompressible), written 1 MiB at a time. */
  private static void write(Path item, long bytes) throws IOException {
    SplittableRandom random = new SplittableRandom(247);
    byte[] buffer = new byte[1 << 20];
    try (OutputStream o = Files.newOutputStream(item)) {
      for (long left = bytes; left > 0; left -= buffer.length) {
        for (int i = 0; i < buffer.length; i += 8) {
          long r = random.nextLong();
          for (int k = 0; k < 8; k++) {
            buffer[i + k] = (byte) (r >>> (8 * k));
          }
        }
        o.write(buffer, 0, (int) Math.min(buffer.length, left));
      }
    }
  }

  private static void resetPeakHeap() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  private static String rate(long bytes, long nanos) {
    double seconds = nanos / 1e9;
    return String.format(Locale.ROOT, "%.1f s (%.1f MiB/s)", seconds, bytes / 1048576.0 / seconds);
  }

  static long parseSize(String s) {
    String v = s.strip().toLowerCase(Locale.ROOT);
    long unit = v.endsWith("g") ? 1L << 30 : v.endsWith("m") ? 1L << 20 : v.endsWith("k") ? 1L << 10 : 1;
    try {
      long n = Long.parseLong(unit == 1 ? v : v.substring(0, v.length() - 1));
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n * unit;
    } catch (NumberFormatException e) {
      throw new CommandLine.ParameterException(new CommandLine(ResultsBenchmark.class), "--size: \"" + s
          + "\" (expected: a positive number with k, m or g, e.g. 1g)");
    }
  }

  private static void delete(Path work) throws IOException {
    try (var files = Files.walk(work)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
