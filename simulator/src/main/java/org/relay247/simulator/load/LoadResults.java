package org.relay247.simulator.load;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What a run measured, the targets of issue 4 judged against it, as a table and as JSON. */
record LoadResults(Map<String, Object> machine, LoadOptions options, Sizes sizes, ExchangeCrypto.Cost crypto,
    Optional<Idle> idle, Optional<Sustained> sustained, Optional<BareSustained> bareSustained, Storage storage) {

  /** Bytes on the wire. */
  record Sizes(int draftBytes, int innerMessageBytes, int envelopeBytes, int receiptBytes, int bareRequestBytes,
      int bareResponseBytes) {}

  /** One message at a time, node round trips and bare calls alternating in blocks. */
  record Idle(LatencyStats roundTrip, LatencyStats storedAtDe, LatencyStats submit, LatencyStats receiptBack,
      LatencyStats bare, int failures,
      int verifiedDelivered, String loadBefore, String loadAfter) {
    double ratioP50() {
      return bare.p50Ms() == 0 ? Double.NaN : roundTrip.p50Ms() / bare.p50Ms();
    }

    double ratioP99() {
      return bare.p99Ms() == 0 ? Double.NaN : roundTrip.p99Ms() / bare.p99Ms();
    }
  }

  /**
   * The open-loop node run. Latencies start at each message's scheduled time (no coordinated
   * omission): round trip = scheduled to receipt verified at FR; stored = scheduled to the
   * message committed at DE; submit = scheduled to submit() returned (queueing included).
   */
  record Sustained(int rate, double windowS, int scheduled, int submitFailures, int notSubmitted, long pendingAtStart,
      double submitRate,
      int deliveredInWindow, double deliveryRateInWindow, double deliveryRateOverall, long backlogAtEnd,
      int submitQueueAtEnd, double drainMs, boolean drained, int delivered, int rejected, int undelivered,
      LatencyStats roundTrip, LatencyStats storedAtDe, LatencyStats submit, Map<String, Object> heap,
      double cpuMsPerMessage, String loadBefore, String loadAfter, List<Double> roundTripP99ByTenth) {}

  /** The bare unary call at the same rate, open loop (asynchronous stub). */
  record BareSustained(int rate, int calls, int failures, int completedInWindow, double completionRateInWindow,
      LatencyStats latency, double cpuMsPerCall) {}

  /**
   * Both nodes' database files after the run (main file, WAL and shared memory; the nodes still
   * running), per message retained: each message is stored once at FR (outbox) and once at DE
   * (inbox), so {@code messages} counts FR's outbox rows. With the write transactions both nodes
   * committed over the whole run and the commits (one fsync each) made for them
   * ({@code Database.commits()}).
   */
  record Storage(long fileBytes, long messages, long transactions, long commits) {
    double bytesPerMessage() {
      return perMessage(fileBytes);
    }

    double perMessage(long n) {
      return messages == 0 ? 0 : (double) n / messages;
    }
  }

  /** Delivered rate (receipts verified per second, overall) / crypto-bound rate; empty without a sustained phase. */
  Optional<Double> fractionOfBound() {
    return sustained.filter(s -> crypto.boundRate() > 0).map(s -> s.deliveryRateOverall() / crypto.boundRate());
  }

  /** One target of the issue: goal, where it stands, met or not (empty: not measured). */
  record Target(String name, String goal, String actual, Optional<Boolean> met) {}

  List<Target> targets() {
    List<Target> t = new ArrayList<>();
    idle.ifPresent(i -> {
      t.add(new Target("idle p50 vs bare unary", "emergency round trip p50 <= 4 x bare unary p50",
          f("%.2f ms vs %.2f ms = %.1f x", i.roundTrip().p50Ms(), i.bare().p50Ms(), i.ratioP50()),
          Optional.of(i.failures() == 0 && i.ratioP50() <= 4.0)));
      t.add(new Target("idle p99", "emergency round trip p99 < 50 ms", f("%.2f ms", i.roundTrip().p99Ms()),
          Optional.of(i.failures() == 0 && i.roundTrip().p99Ms() < 50.0)));
    });
    sustained.ifPresent(s -> {
      boolean rateHeld = s.rate() >= 1000 && s.submitRate() >= 0.99 * s.rate()
          && s.deliveryRateInWindow() >= 0.97 * s.rate() && s.undelivered() == 0 && s.notSubmitted() == 0
          && s.drained();
      t.add(new Target("sustained rate", ">= 1,000 msg/s between two nodes",
          f("offered %d/s: submitted %.0f/s, receipts verified %.0f/s in the window, backlog at end %d",
              s.rate(), s.submitRate(), s.deliveryRateInWindow(), s.backlogAtEnd()), Optional.of(rateHeld)));
      fractionOfBound().ifPresent(fraction -> t.add(new Target("fraction of crypto bound",
          "delivered rate >= 60 % of the crypto-bound rate", f("%.0f/s of %.0f/s = %.0f %%", s.deliveryRateOverall(),
              crypto.boundRate(), 100 * fraction), Optional.of(fraction >= 0.6))));
      t.add(new Target("sustained p99", "round trip p99 < 100 ms at that rate",
          f("%.1f ms (p50 %.1f ms)", s.roundTrip().p99Ms(), s.roundTrip().p50Ms()),
          Optional.of(s.roundTrip().p99Ms() < 100.0 && s.undelivered() == 0 && s.notSubmitted() == 0)));
      double first = number(s.heap().get("after_gc_first_third_max_mb"));
      double last = number(s.heap().get("after_gc_last_third_max_mb"));
      double maxUsed = number(s.heap().get("max_used_mb"));
      double maxHeap = number(s.heap().get("max_heap_mb"));
      double fullGcs = number(s.heap().get("full_gc_count"));
      // Bounded: the backlog was cleared (else queues grew for as long as the run lasted), no
      // full collection, and what survives collections in the last third of the run is not much
      // more than in the first third (a growing live set would be a leak or an unbounded queue).
      boolean bounded = s.drained() && fullGcs == 0 && maxUsed < maxHeap && (first == 0 || last <= 1.25 * first + 16);
      t.add(new Target("heap bounded", "live heap does not grow with the run",
          f("max used %.0f of %.0f MB; after GC: first third %.0f MB, last third %.0f MB; %.0f full GC; %s", maxUsed,
              maxHeap, first, last, fullGcs, s.drained() ? "drained" : "backlog not drained"), Optional.of(bounded)));
    });
    return t;
  }

  void printTable(PrintWriter out) {
    out.println();
    out.println("Relay247 load harness: FR -> DE on loopback, both nodes and the bare server in one JVM");
    out.println(f("machine: %s cores, %s, max heap %s MB, load average at start %s", machine.get("cpus"),
        machine.get("jvm"), machine.get("max_heap_mb"), machine.get("load_average_at_start")));
    if (machine.containsKey("jit_warmup_rounds")) {
      out.println(f("JIT warm-up: %s round(s) in %s s; compilers busy %.0f %% of the last (%s)",
          machine.get("jit_warmup_rounds"), machine.get("jit_warmup_s"),
          100 * number(machine.get("jit_warmup_last_round_compiling")),
          Boolean.TRUE.equals(machine.get("jit_settled")) ? "settled" : "not settled: limit reached"));
    }
    out.println(f("sizes: draft %d B, inner message %d B, envelope %d B, receipt %d B; bare unary %d B -> %d B",
        sizes.draftBytes(), sizes.innerMessageBytes(), sizes.envelopeBytes(), sizes.receiptBytes(),
        sizes.bareRequestBytes(), sizes.bareResponseBytes()));
    out.println(f("crypto: %.3f ms CPU per exchange (seal + open + receipt sign + verify, %d timed in this JVM);"
        + " bound %.0f exchanges/s on %d cores", crypto.exchangeCpuMs(), crypto.iterations(), crypto.boundRate(),
        crypto.cores()));
    idle.ifPresent(i -> {
      out.println();
      out.println(f("IDLE (one at a time, %d each, gap %d ms; load %s -> %s)", i.roundTrip().count(),
          options.idleGap().toMillis(), i.loadBefore(), i.loadAfter()));
      header(out);
      row(out, "emergency round trip (submit -> receipt verified at FR)", i.roundTrip());
      row(out, "  of which: submit -> stored at DE", i.storedAtDe());
      row(out, "  of which: submit() call (seal + outbox insert)", i.submit());
      row(out, "  of which: stored at DE -> receipt verified at FR", i.receiptBack());
      row(out, "bare grpc-java mTLS unary, same bytes", i.bare());
      out.println(f("ratio round trip / bare: p50 %.1f x, p99 %.1f x; failures %d; verified DELIVERED %d",
          i.ratioP50(), i.ratioP99(), i.failures(), i.verifiedDelivered()));
    });
    sustained.ifPresent(s -> {
      out.println();
      out.println(f("SUSTAINED (open loop, %d msg/s for %.1f s, %d submitters; load %s -> %s)", s.rate(), s.windowS(),
          options.submitters(), s.loadBefore(), s.loadAfter()));
      out.println(f("scheduled %d (FR outbox pending at start: %d); submitted %.0f/s; receipts verified in window %d"
              + " (%.0f/s), overall %.0f/s", s.scheduled(), s.pendingAtStart(), s.submitRate(), s.deliveredInWindow(),
          s.deliveryRateInWindow(), s.deliveryRateOverall()));
      out.println(f("backlog at end %d (submit queue %d); drained %s in %.0f ms; delivered %d, rejected %d,"
              + " undelivered %d, never submitted %d, submit failures %d", s.backlogAtEnd(), s.submitQueueAtEnd(),
          s.drained() ? "yes" : "NO", s.drainMs(), s.delivered(), s.rejected(), s.undelivered(), s.notSubmitted(),
          s.submitFailures()));
      header(out);
      row(out, "scheduled -> receipt verified at FR", s.roundTrip());
      row(out, "scheduled -> stored at DE", s.storedAtDe());
      row(out, "scheduled -> submit() returned", s.submit());
      out.println(f("round trip p99 by tenth of the schedule, ms: %s", s.roundTripP99ByTenth()));
      bareSustained.ifPresent(b -> row(out, f("bare unary, same rate (%d/s, %d failed)", b.rate(), b.failures()),
          b.latency()));
      out.println(f("heap: max used %s MB of %s MB; after GC max %s MB (first third %s, last third %s); GC %s x,"
              + " %s ms, %s full", s.heap().get("max_used_mb"), s.heap().get("max_heap_mb"),
          s.heap().get("after_gc_max_mb"), s.heap().get("after_gc_first_third_max_mb"),
          s.heap().get("after_gc_last_third_max_mb"), s.heap().get("gc_count"), s.heap().get("gc_time_ms"),
          s.heap().get("full_gc_count")));
      out.println(f("by thirds of the run: heap after GC max %s MB; store files max %s MB",
          s.heap().get("after_gc_max_mb_per_third"), s.heap().get("file_mb_per_third")));
      out.println(f("CPU: %.2f ms per delivered message, both nodes and harness (this JVM: %.2f cores busy;"
              + " JIT compiling %s ms of the run)%s",
          s.cpuMsPerMessage(),
          number(s.heap().get("cpu_cores_busy")), s.heap().get("jit_compile_ms"),
          bareSustained.map(b -> f("; bare unary %.2f ms per call", b.cpuMsPerCall())).orElse("")));
      fractionOfBound().ifPresent(fraction -> out.println(f("fraction of the crypto bound: %.2f (%.0f/s delivered"
          + " overall of %.0f/s)", fraction, s.deliveryRateOverall(), crypto.boundRate())));
    });
    out.println();
    out.println(f("storage: %d bytes on disk for both stores (WAL included) / %d messages retained = %.0f bytes per"
        + " message", storage.fileBytes(), storage.messages(), storage.bytesPerMessage()));
    out.println(f("store: %d write transactions, %d commits (fsyncs) in both nodes: %.2f transactions and %.2f commits"
        + " per message", storage.transactions(), storage.commits(), storage.perMessage(storage.transactions()),
        storage.perMessage(storage.commits())));
    out.println();
    out.println("TARGETS (missing one fails nothing; see docs/benchmarks.md)");
    for (Target t : targets()) {
      out.println(f("  [%s] %-24s %-48s %s", t.met().map(m -> m ? "met " : "MISS").orElse(" -- "), t.name(), t.goal(),
          t.actual()));
    }
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("harness", "org.relay247.simulator.load.LoadHarness");
    m.put("machine", machine);
    m.put("options", options.toJson());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("draft_bytes", sizes.draftBytes());
    s.put("inner_message_bytes", sizes.innerMessageBytes());
    s.put("envelope_bytes", sizes.envelopeBytes());
    s.put("receipt_bytes", sizes.receiptBytes());
    s.put("bare_request_bytes", sizes.bareRequestBytes());
    s.put("bare_response_bytes", sizes.bareResponseBytes());
    m.put("sizes", s);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("exchange_cpu_ms", LatencyStats.round(crypto.exchangeCpuMs()));
    c.put("iterations", crypto.iterations());
    c.put("cores", crypto.cores());
    c.put("bound_rate", LatencyStats.round(crypto.boundRate()));
    m.put("crypto", c);
    idle.ifPresent(i -> {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("round_trip", i.roundTrip().toJson());
      j.put("stored_at_de", i.storedAtDe().toJson());
      j.put("submit", i.submit().toJson());
      j.put("stored_at_de_to_receipt_verified", i.receiptBack().toJson());
      j.put("bare_unary", i.bare().toJson());
      j.put("ratio_p50", finite(i.ratioP50()));
      j.put("ratio_p99", finite(i.ratioP99()));
      j.put("failures", i.failures());
      j.put("verified_delivered", i.verifiedDelivered());
      j.put("load_before", i.loadBefore());
      j.put("load_after", i.loadAfter());
      m.put("idle", j);
    });
    sustained.ifPresent(x -> {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("rate", x.rate());
      j.put("window_s", LatencyStats.round(x.windowS()));
      j.put("scheduled", x.scheduled());
      j.put("submit_failures", x.submitFailures());
      j.put("never_submitted", x.notSubmitted());
      j.put("fr_pending_at_start", x.pendingAtStart());
      j.put("submit_rate", LatencyStats.round(x.submitRate()));
      j.put("delivered_in_window", x.deliveredInWindow());
      j.put("delivery_rate_in_window", LatencyStats.round(x.deliveryRateInWindow()));
      j.put("delivery_rate_overall", LatencyStats.round(x.deliveryRateOverall()));
      j.put("backlog_at_end", x.backlogAtEnd());
      j.put("submit_queue_at_end", x.submitQueueAtEnd());
      j.put("drain_ms", LatencyStats.round(x.drainMs()));
      j.put("drained", x.drained());
      j.put("delivered", x.delivered());
      j.put("rejected", x.rejected());
      j.put("undelivered", x.undelivered());
      j.put("round_trip", x.roundTrip().toJson());
      j.put("round_trip_p99_ms_by_tenth", x.roundTripP99ByTenth());
      j.put("stored_at_de", x.storedAtDe().toJson());
      j.put("submit", x.submit().toJson());
      j.put("cpu_ms_per_delivered_message", LatencyStats.round(x.cpuMsPerMessage()));
      j.put("fraction_of_bound", fractionOfBound().map(LoadResults::finite).orElse(null));
      j.put("heap", x.heap());
      j.put("load_before", x.loadBefore());
      j.put("load_after", x.loadAfter());
      bareSustained.ifPresent(b -> {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("rate", b.rate());
        k.put("calls", b.calls());
        k.put("failures", b.failures());
        k.put("completed_in_window", b.completedInWindow());
        k.put("completion_rate_in_window", LatencyStats.round(b.completionRateInWindow()));
        k.put("latency", b.latency().toJson());
        k.put("cpu_ms_per_call", LatencyStats.round(b.cpuMsPerCall()));
        j.put("bare_unary", k);
      });
      m.put("sustained", j);
    });
    Map<String, Object> st = new LinkedHashMap<>();
    st.put("file_bytes", storage.fileBytes());
    st.put("messages", storage.messages());
    st.put("bytes_per_message", LatencyStats.round(storage.bytesPerMessage()));
    st.put("transactions", storage.transactions());
    st.put("commits", storage.commits());
    st.put("transactions_per_message", LatencyStats.round(storage.perMessage(storage.transactions())));
    st.put("commits_per_message", LatencyStats.round(storage.perMessage(storage.commits())));
    m.put("storage", st);
    List<Object> targets = new ArrayList<>();
    for (Target t : targets()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("name", t.name());
      j.put("goal", t.goal());
      j.put("actual", t.actual());
      j.put("met", t.met().orElse(null));
      targets.add(j);
    }
    m.put("targets", targets);
    return m;
  }

  private static void header(PrintWriter out) {
    out.println(f("  %-56s %7s %8s %8s %8s %8s %8s", "", "count", "p50 ms", "p90 ms", "p99 ms", "p99.9", "max ms"));
  }

  private static void row(PrintWriter out, String name, LatencyStats s) {
    out.println(f("  %-56s %7d %8.2f %8.2f %8.2f %8.2f %8.2f", name, s.count(), s.p50Ms(), s.p90Ms(), s.p99Ms(),
        s.p999Ms(), s.maxMs()));
  }

  /** Rounded, or null (JSON has no NaN). */
  private static Double finite(double v) {
    return Double.isFinite(v) ? LatencyStats.round(v) : null;
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : 0;
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
