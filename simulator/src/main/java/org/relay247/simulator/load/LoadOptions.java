package org.relay247.simulator.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to run. Zero {@code idleCount} skips the idle phase, zero {@code sustainedRate} the
 * sustained one.
 *
 * @param idleCount emergencies sent one at a time (and as many bare unary calls)
 * @param idleGap pause between two idle round trips, so each starts from quiet threads
 * @param idleBlock the idle phase alternates blocks of this many node round trips and bare calls
 * @param warmup messages (and bare calls) sent before anything is measured
 * @param sustainedRate messages per second the open-loop generator submits
 * @param duration how long the sustained generator runs (measured)
 * @param warmupDuration sustained load at the same rate before the measured run (not measured);
 *     also the length of each JIT warm-up round
 * @param jitWarmupMax with a sustained rate: before the crypto timing and the idle phase,
 *     sustained warm-up rounds (each {@code warmupDuration} at the rate, then drained) repeat until
 *     the JIT compilers worked less than a tenth of a round, for at most this long; zero: none
 * @param payloadBytes serialized size of each emergency draft
 * @param submitters threads submitting at FR (concurrent national API clients)
 * @param parallelism the nodes' {@code retry.parallelism} (delivery workers per recipient)
 * @param drainTimeout after the generator stops, how long to wait for the last receipts
 * @param dir where the network lives; empty: a temporary directory deleted afterwards
 * @param json where the machine-readable results go; empty: not written
 * @param nodeHocon extra HOCON inside relay247.node of both configs (may be empty)
 * @param cryptoIterations exchanges whose cryptography is timed in-process for the crypto bound
 *     (after as many unmeasured ones)
 */
record LoadOptions(int idleCount, Duration idleGap, int idleBlock, int warmup, int sustainedRate,
    Duration duration, Duration warmupDuration, Duration jitWarmupMax, int payloadBytes, int submitters,
    int parallelism, Duration drainTimeout, Optional<Path> dir, Optional<Path> json, String nodeHocon, int cryptoIterations) {

  /** @throws IllegalArgumentException naming the first option out of range */
  LoadOptions {
    atLeast("idle count", idleCount, 0);
    atLeast("idle block", idleBlock, 1);
    atLeast("warm-up count", warmup, 0);
    atLeast("sustained rate", sustainedRate, 0);
    atLeast("payload bytes", payloadBytes, 0);
    atLeast("submitters", submitters, 1);
    atLeast("parallelism", parallelism, 1);
    atLeast("crypto iterations", cryptoIterations, 1);
    notNegative("idle gap", idleGap);
    notNegative("duration", duration);
    notNegative("warm-up duration", warmupDuration);
    notNegative("JIT warm-up limit", jitWarmupMax);
    notNegative("drain timeout", drainTimeout);
    if (sustainedRate > 0 && duration.isZero()) {
      throw new IllegalArgumentException("duration: 0 (expected: more than 0 when the sustained rate is set)");
    }
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(json, "json");
    nodeHocon = nodeHocon == null ? "" : nodeHocon;
  }

  static LoadOptions defaults() {
    return new LoadOptions(500, Duration.ofMillis(10), 50, 300, 1000, Duration.ofSeconds(30), Duration.ofSeconds(5),
        Duration.ofSeconds(120), 2048, 16, 8, Duration.ofSeconds(60), Optional.empty(),
        Optional.of(Path.of("target", "load-results.json")),
        "", 500);
  }

  private static void atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: at least " + min + ")");
    }
  }

  private static void notNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: zero or more)");
    }
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("idle_count", idleCount);
    m.put("idle_gap_ms", idleGap.toMillis());
    m.put("idle_block", idleBlock);
    m.put("warmup", warmup);
    m.put("sustained_rate", sustainedRate);
    m.put("duration_s", duration.toMillis() / 1000.0);
    m.put("warmup_duration_s", warmupDuration.toMillis() / 1000.0);
    m.put("jit_warmup_max_s", jitWarmupMax.toMillis() / 1000.0);
    m.put("payload_bytes", payloadBytes);
    m.put("submitters", submitters);
    m.put("parallelism", parallelism);
    m.put("drain_timeout_s", drainTimeout.toMillis() / 1000.0);
    m.put("node_hocon", nodeHocon);
    m.put("crypto_iterations", cryptoIterations);
    return m;
  }
}
