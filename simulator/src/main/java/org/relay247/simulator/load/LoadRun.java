package org.relay247.simulator.load;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.protocol.v1.InnerMessage;

/**
 * One harness run: two nodes, the bare unary baseline, warm-up, the idle phase, the sustained
 * phase. See {@link LoadHarness} for what each phase measures.
 */
final class LoadRun {
  private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final long POLL_NANOS = 20_000;
  /** The JIT counts as settled once its compilers work less than this share of a warm-up round. */
  static final double JIT_SETTLED = 0.1;

  private final LoadOptions o;
  private final PrintWriter log;
  private final Clock clock;

  /** {@code clock} is the nodes' clock; sustained latencies compare it with the receipts' completion times. */
  LoadRun(LoadOptions options, Clock clock, PrintWriter log) {
    this.o = options;
    this.clock = clock;
    this.log = log;
  }

  /** The outcome of one node round trip, in microseconds from the submit() call. */
  private record RoundTrip(String id, long submitMicros, long storedMicros, long totalMicros) {}

  LoadResults run() throws Exception {
    boolean temporary = o.dir().isEmpty();
    Path dir = o.dir().orElse(Files.createTempDirectory("relay247-load-"));
    Map<String, Object> machine = machine();
    log.printf("load harness: network in %s; starting FR and DE%n", dir);
    try (TwoNodes nodes = TwoNodes.start(dir, o.parallelism(), o.nodeHocon(), clock);
        NodeProbes.Stored stored = new NodeProbes.Stored(nodes.de())) {
      NodeProbes.Receipts receipts = new NodeProbes.Receipts(nodes.fr());
      InnerMessage draft = EmergencyDrafts.draft(o.payloadBytes());

      // The first message opens FR's channel to DE (TLS handshake) and tells the sizes on the wire.
      RoundTrip first = roundTrip(nodes, receipts, stored, draft);
      if (first == null) {
        throw new IllegalStateException("the first emergency from FR to DE did not complete within 30 s");
      }
      OutboxEntry entry = nodes.fr().outboxStore().find(first.id()).orElseThrow();
      int receiptBytes = entry.receipt().map(r -> r.length).orElse(0);
      // The baseline carries the same bytes as a delivery: the sealed envelope, answered with a receipt's size.
      int bareRequestBytes = entry.envelope().length;
      LoadResults.Sizes sizes = new LoadResults.Sizes(draft.getSerializedSize(), entry.innerMessage().length,
          entry.envelope().length, receiptBytes, bareRequestBytes, receiptBytes);
      byte[] bareRequest = BareUnary.request(bareRequestBytes, receiptBytes);

      try (BareUnary bare = BareUnary.connect(nodes.fr(), TwoNodes.DE, nodes.barePort())) {
        bare.call(bareRequest);
        if (o.warmup() > 0) {
          log.printf("warm-up: %d round trips and %d bare calls%n", o.warmup(), o.warmup());
          for (int i = 0; i < o.warmup(); i++) {
            if (roundTrip(nodes, receipts, stored, draft) == null) {
              throw new IllegalStateException("a warm-up emergency did not complete within 30 s");
            }
            bare.call(bareRequest);
          }
        }
        if (o.sustainedRate() > 0 && !o.warmupDuration().isZero() && !o.jitWarmupMax().isZero()) {
          machine.putAll(settleJit(nodes, receipts, stored, draft, dir.resolve("data")));
        }
        // While the nodes are idle, on this thread: the same keys, the message as FR sealed it.
        log.printf("crypto: timing %d exchanges in this JVM%n", o.cryptoIterations());
        ExchangeCrypto.Cost crypto = ExchangeCrypto.measure(dir.resolve("network"),
            InnerMessage.parseFrom(entry.innerMessage()), o.cryptoIterations(), clock);
        Optional<LoadResults.Idle> idle = Optional.empty();
        if (o.idleCount() > 0) {
          idle = Optional.of(idle(nodes, receipts, stored, draft, bare, bareRequest));
        }
        Optional<LoadResults.Sustained> sustained = Optional.empty();
        Optional<LoadResults.BareSustained> bareSustained = Optional.empty();
        if (o.sustainedRate() > 0) {
          // The bare calls first, while the nodes are idle: an overloaded node run leaves a backlog
          // that FR keeps delivering after the measured window.
          if (!o.warmupDuration().isZero()) {
            sustainedBare(bare, bareRequest, o.warmupDuration().toNanos());
          }
          log.printf("bare unary: %d calls/s for %d ms%n", o.sustainedRate(), o.duration().toMillis());
          bareSustained = Optional.of(sustainedBare(bare, bareRequest, o.duration().toNanos()));
          if (!o.warmupDuration().isZero()) {
            log.printf("sustained warm-up: %d msg/s for %d ms (not measured)%n", o.sustainedRate(),
                o.warmupDuration().toMillis());
            sustainedNode(nodes, receipts, stored, draft, o.warmupDuration().toNanos(), false, dir.resolve("data"));
          }
          sustained = Optional.of(sustainedNode(nodes, receipts, stored, draft, o.duration().toNanos(), true,
              dir.resolve("data")));
        }
        return new LoadResults(machine, o, sizes, crypto, idle, sustained, bareSustained, storage(dir, nodes));
      }
    } finally {
      if (temporary) {
        deleteTree(dir);
      }
    }
  }

  // ---- JIT warm-up -----------------------------------------------------------------------------

  /**
   * Sustained warm-up rounds at the run's rate, each drained, until the JIT compilers worked less
   * than {@link #JIT_SETTLED} of a round or {@code jitWarmupMax} has passed. The message path's
   * methods reach the optimizing compiler only after thousands of messages, and its compilations
   * are large (up to a second each): in a 30 s run right after 300 warm-up round trips they took
   * about a core for the first 40 s, so the run measured a JVM still compiling, not a node that
   * has been up for an hour. What is measured afterwards (crypto, idle, sustained) sees the same
   * compiled code; the compilers' time during the measured run is reported with it.
   */
  private Map<String, Object> settleJit(TwoNodes nodes, NodeProbes.Receipts receipts, NodeProbes.Stored stored,
      InnerMessage draft, Path dataDir) throws InterruptedException {
    long begin = System.nanoTime();
    long deadline = begin + o.jitWarmupMax().toNanos();
    double share;
    int round = 0;
    do {
      round++;
      long jit0 = HeapMonitor.jitMillis();
      long t0 = System.nanoTime();
      sustainedNode(nodes, receipts, stored, draft, o.warmupDuration().toNanos(), false, dataDir);
      share = (HeapMonitor.jitMillis() - jit0) / ((System.nanoTime() - t0) / 1e6);
      log.printf("JIT warm-up round %d: %d msg/s for %d ms, drained; compilers busy %.0f %% of the round%n", round,
          o.sustainedRate(), o.warmupDuration().toMillis(), 100 * share);
    } while (share >= JIT_SETTLED && System.nanoTime() < deadline);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("jit_warmup_rounds", round);
    m.put("jit_warmup_s", LatencyStats.round((System.nanoTime() - begin) / 1e9));
    m.put("jit_warmup_last_round_compiling", LatencyStats.round(share));
    m.put("jit_settled", share < JIT_SETTLED);
    return m;
  }

  // ---- idle ----------------------------------------------------------------------------------

  private LoadResults.Idle idle(TwoNodes nodes, NodeProbes.Receipts receipts, NodeProbes.Stored stored,
      InnerMessage draft, BareUnary bare, byte[] bareRequest) throws InterruptedException {
    log.printf("idle: %d emergencies one at a time, %d bare calls, alternating in blocks of %d, gap %d ms%n",
        o.idleCount(), o.idleCount(), o.idleBlock(), o.idleGap().toMillis());
    String loadBefore = loadAverage();
    Histogram rt = LatencyStats.newHistogram();
    Histogram st = LatencyStats.newHistogram();
    Histogram sub = LatencyStats.newHistogram();
    Histogram back = LatencyStats.newHistogram();
    Histogram bareH = LatencyStats.newHistogram();
    int failures = 0;
    int verified = 0;
    int block = Math.max(1, o.idleBlock());
    for (int done = 0; done < o.idleCount(); done += block) {
      int n = Math.min(block, o.idleCount() - done);
      for (int i = 0; i < n; i++) {
        RoundTrip r = roundTrip(nodes, receipts, stored, draft);
        if (r == null) {
          failures++;
        } else {
          LatencyStats.record(rt, r.totalMicros());
          LatencyStats.record(sub, r.submitMicros());
          LatencyStats.record(st, r.storedMicros());
          LatencyStats.record(back, r.totalMicros() - r.storedMicros());
          // Outside the timed part: the outbox says DELIVERED, i.e. the receipt was verified and stored.
          if (nodes.fr().outboxStore().find(r.id()).map(e -> e.state() == OutboxEntry.State.DELIVERED)
              .orElse(false)) {
            verified++;
          }
        }
        pause();
      }
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        bare.call(bareRequest);
        LatencyStats.record(bareH, (System.nanoTime() - t0) / 1000);
        pause();
      }
    }
    return new LoadResults.Idle(LatencyStats.of(rt), LatencyStats.of(st), LatencyStats.of(sub), LatencyStats.of(back),
        LatencyStats.of(bareH), failures, verified, loadBefore, loadAverage());
  }

  private void pause() throws InterruptedException {
    if (!o.idleGap().isZero()) {
      Thread.sleep(o.idleGap().toMillis());
    }
  }

  /**
   * Submits at FR and waits for DE's inbox event (parked), then for FR's verified-receipt counter
   * (spinning with yields: the receipt is about a millisecond behind), then for FR's outbox row to
   * be committed as completed (the counter moves just before that commit). Null on timeout or
   * rejection.
   */
  private RoundTrip roundTrip(TwoNodes nodes, NodeProbes.Receipts receipts, NodeProbes.Stored stored,
      InnerMessage draft) {
    double accepted = receipts.accepted();
    double rejected = receipts.rejected();
    long t0 = System.nanoTime();
    InnerMessage sent = nodes.fr().outbox().submit(draft);
    long t1 = System.nanoTime();
    String id = sent.getRouting().getMessageId();
    long ts = stored.awaitStored(id, TIMEOUT_NANOS);
    if (ts < 0) {
      return null;
    }
    long deadline = t0 + TIMEOUT_NANOS;
    // Parked between looks, not spinning: on 2 cores a spinning harness would take the CPU the
    // nodes need for the receipt (each look costs up to ~0.1 ms of timer slack, not a core).
    while (receipts.accepted() <= accepted) {
      if (System.nanoTime() > deadline || receipts.rejected() > rejected) {
        return null;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    while (!NodeProbes.completed(nodes.fr(), id)) {
      if (System.nanoTime() > deadline) {
        return null;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    long t2 = System.nanoTime();
    return new RoundTrip(id, (t1 - t0) / 1000, (ts - t0) / 1000, (t2 - t0) / 1000);
  }

  // ---- sustained -----------------------------------------------------------------------------

  private LoadResults.Sustained sustainedNode(TwoNodes nodes, NodeProbes.Receipts receipts, NodeProbes.Stored stored,
      InnerMessage draft, long durationNanos, boolean measured, Path dataDir) throws InterruptedException {
    int rate = o.sustainedRate();
    int n = (int) Math.max(1, Math.round(rate * (durationNanos / 1e9)));
    if (measured) {
      log.printf("sustained: %d emergencies at %d/s (open loop, %d submitters)%n", n, rate, o.submitters());
    }
    String loadBefore = loadAverage();
    long pendingAtStart = NodeProbes.pending(nodes.fr());
    long[] intended = new long[n];
    AtomicLongArray submitEnd = new AtomicLongArray(n);
    MessageTimes ids = new MessageTimes(n);
    AtomicInteger submitFailures = new AtomicInteger();
    AtomicInteger submitted = new AtomicInteger();
    MessageTimes storedTimes = stored.recordAll(n);
    AtomicInteger threadNo = new AtomicInteger();
    ThreadPoolExecutor submitters = new ThreadPoolExecutor(o.submitters(), o.submitters(), 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), r -> daemon(r, "load-submit-" + threadNo.incrementAndGet()));
    double accepted0 = receipts.accepted();
    double rejected0 = receipts.rejected();
    HeapMonitor heap = new HeapMonitor(() -> fileBytes(dataDir));

    // Wall clock (what the node writes to completed_at) against nanoTime, read once.
    long nanoA = System.nanoTime();
    Instant wall = clock.instant();
    long nanoB = System.nanoTime();
    long nano0 = nanoA + (nanoB - nanoA) / 2;
    long wall0Micros = wall.getEpochSecond() * 1_000_000L + wall.getNano() / 1000;

    long start = System.nanoTime() + 20_000_000;
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "load-progress"));
    if (measured) {
      progress.scheduleAtFixedRate(() -> log.printf("  t=%3ds submitted %d, receipts verified %.0f, heap %.0f MB%n",
          (System.nanoTime() - start) / 1_000_000_000L, submitted.get(),
          receipts.accepted() - accepted0, HeapMonitor.mb(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()
              .getUsed())), 5, 5, TimeUnit.SECONDS);
    }
    for (int i = 0; i < n; i++) {
      long t = start + (long) (i * 1e9 / rate);
      waitUntil(t);
      intended[i] = t;
      int k = i;
      submitters.execute(() -> {
        try {
          InnerMessage m = nodes.fr().outbox().submit(draft);
          long end = System.nanoTime();
          submitEnd.set(k, end);
          ids.set(k, m.getRouting().getMessageId(), end);
          submitted.incrementAndGet();
        } catch (RuntimeException e) {
          submitFailures.incrementAndGet();
          submitEnd.set(k, -1);
        }
      });
    }
    long genEnd = System.nanoTime();
    int submitQueueAtEnd = submitters.getQueue().size();
    double deliveredAtEnd = receipts.accepted() - accepted0;
    submitters.shutdown();
    if (!submitters.awaitTermination(o.drainTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
      // What is still queued is never submitted (counted below). No shutdownNow(): a submitter
      // interrupted mid-submit would be counted neither as submitted nor as dropped.
      submitters.getQueue().clear();
      submitters.awaitTermination(60, TimeUnit.SECONDS);
    }
    // Drained when FR's outbox has nothing pending: every receipt verified and committed. The
    // in-memory counters tell when that is near, so the database is asked only then.
    long drainDeadline = genEnd + o.drainTimeout().toNanos();
    boolean drained;
    while (true) {
      boolean counted = receipts.accepted() - accepted0 + receipts.rejected() - rejected0 >= submitted.get();
      drained = counted && NodeProbes.pending(nodes.fr()) == 0;
      if (drained || System.nanoTime() > drainDeadline) {
        break;
      }
      Thread.sleep(counted ? 1 : 10);
    }
    long drainedAt = System.nanoTime();
    progress.shutdownNow();
    Map<String, Object> heapSummary = heap.summary();
    stored.stopRecording();
    if (!measured) {
      return null;
    }

    Map<String, long[]> done = NodeProbes.completions(nodes.fr());
    Map<String, Long> storedAt = storedTimes.byId();
    Histogram rt = LatencyStats.newHistogram();
    // The same round trips by tenth of the schedule: where in the run a tail comes from.
    Histogram[] rtByTenth = new Histogram[10];
    Arrays.setAll(rtByTenth, t -> LatencyStats.newHistogram());
    Histogram st = LatencyStats.newHistogram();
    Histogram sub = LatencyStats.newHistogram();
    int delivered = 0;
    int rejected = 0;
    int undelivered = 0;
    int inWindow = 0;
    int submittedInWindow = 0;
    long lastCompletion = 0;
    long genEndWall = wall0Micros + (genEnd - nano0) / 1000;
    for (int i = 0; i < n; i++) {
      String id = ids.id(i);
      if (id == null) {
        continue;
      }
      long intendedWall = wall0Micros + (intended[i] - nano0) / 1000;
      LatencyStats.record(sub, (submitEnd.get(i) - intended[i]) / 1000);
      if (submitEnd.get(i) <= genEnd) {
        submittedInWindow++;
      }
      Long s = storedAt.get(id);
      if (s != null) {
        LatencyStats.record(st, (s - intended[i]) / 1000);
      }
      long[] c = done.get(id);
      if (c == null) {
        undelivered++;
      } else if (c[1] == 0) {
        rejected++;
      } else {
        delivered++;
        // completed_at is in whole milliseconds: take the middle of that millisecond.
        long completion = c[0] * 1000 + 500;
        LatencyStats.record(rt, completion - intendedWall);
        LatencyStats.record(rtByTenth[(int) ((long) i * 10 / n)], completion - intendedWall);
        if (completion <= genEndWall) {
          inWindow++;
        }
        lastCompletion = Math.max(lastCompletion, completion);
      }
    }
    double window = (genEnd - start) / 1e9;
    long startWall = wall0Micros + (start - nano0) / 1000;
    double overall = lastCompletion > startWall ? delivered / ((lastCompletion - startWall) / 1e6) : 0;
    long backlog = Math.round((n - submitFailures.get()) - deliveredAtEnd);
    int notSubmitted = n - submitted.get() - submitFailures.get();
    // Per message whose receipt was verified (undelivered ones did part of the work: an upper bound).
    double cpuMsPerMessage = number(heapSummary.get("process_cpu_s")) * 1000.0 / Math.max(1, delivered);
    return new LoadResults.Sustained(rate, window, n, submitFailures.get(), notSubmitted, pendingAtStart,
        submittedInWindow / window, inWindow, inWindow / window, overall, backlog, submitQueueAtEnd,
        (drainedAt - genEnd) / 1e6, drained, delivered, rejected, undelivered, LatencyStats.of(rt),
        LatencyStats.of(st), LatencyStats.of(sub), heapSummary, cpuMsPerMessage, loadBefore, loadAverage(),
        Arrays.stream(rtByTenth).map(h -> LatencyStats.of(h).p99Ms()).toList());
  }

  private LoadResults.BareSustained sustainedBare(BareUnary bare, byte[] request, long durationNanos)
      throws InterruptedException {
    int rate = o.sustainedRate();
    int n = (int) Math.max(1, Math.round(rate * (durationNanos / 1e9)));
    Histogram h = new SynchronizedHistogram(600_000_000L, 3);
    CountDownLatch done = new CountDownLatch(n);
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger inWindow = new AtomicInteger();
    AtomicLong genEnd = new AtomicLong(Long.MAX_VALUE);
    long cpu0 = HeapMonitor.processCpuNanos();
    long start = System.nanoTime() + 20_000_000;
    for (int i = 0; i < n; i++) {
      long t = start + (long) (i * 1e9 / rate);
      waitUntil(t);
      ListenableFuture<byte[]> f = bare.callAsync(request);
      f.addListener(() -> {
        long now = System.nanoTime();
        try {
          f.get();
          LatencyStats.record(h, (now - t) / 1000);
          if (now <= genEnd.get()) {
            inWindow.incrementAndGet();
          }
        } catch (ExecutionException | InterruptedException e) {
          failures.incrementAndGet();
        }
        done.countDown();
      }, MoreExecutors.directExecutor());
    }
    long end = System.nanoTime();
    genEnd.set(end);
    done.await(o.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
    double cpuMs = (HeapMonitor.processCpuNanos() - cpu0) / 1e6;
    double window = (end - start) / 1e9;
    return new LoadResults.BareSustained(rate, n, failures.get(), inWindow.get(), inWindow.get() / window,
        LatencyStats.of(h), cpuMs / n);
  }

  private static void waitUntil(long nanoTime) {
    long now;
    while ((now = System.nanoTime()) < nanoTime) {
      LockSupport.parkNanos(nanoTime - now);
    }
  }

  /** The bytes of the files under {@code data} (both stores, WAL included), 0 if unreadable. */
  private static long fileBytes(Path data) {
    try {
      return bytesUnder(data);
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;  // a WAL truncated between listing and sizing: the next sample counts it
    }
  }

  private static long bytesUnder(Path data) throws IOException {
    try (Stream<Path> files = Files.walk(data)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** Both stores' files as they are now, the nodes running (WAL included), FR's outbox rows, the commits. */
  private static LoadResults.Storage storage(Path dir, TwoNodes nodes) throws IOException {
    long bytes = bytesUnder(dir.resolve("data"));
    long messages = nodes.fr().database().read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
    Database.Commits fr = nodes.fr().database().commits();
    Database.Commits de = nodes.de().database().commits();
    return new LoadResults.Storage(bytes, messages, fr.transactions() + de.transactions(), fr.commits() + de.commits());
  }

  // ---- facts -----------------------------------------------------------------------------------

  private static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    m.put("max_heap_mb", HeapMonitor.mb(Runtime.getRuntime().maxMemory()));
    m.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(g -> g.getName()).toList().toString());
    m.put("jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    m.put("load_average_at_start", loadAverage());
    m.put("started_at", Instant.now().toString());
    return m;
  }

  /** The 1, 5 and 15 minute load averages (Linux), or "n/a". */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      return l < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f", l);
    }
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : 0;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
