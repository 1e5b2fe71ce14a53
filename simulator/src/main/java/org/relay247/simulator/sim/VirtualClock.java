package org.relay247.simulator.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock every node of a simulation shares: real time plus an offset the run moves on. Time
 * keeps flowing, so delivery, retries and receipts behave as in production, and "advance 20 days"
 * jumps without waiting; one clock for all nodes keeps signing times within the allowed skew.
 * (The same design as the gateway's scenario tests' clock.)
 */
public final class VirtualClock extends Clock {
  private final AtomicReference<Duration> offset;
  private final Instant start;
  private final java.util.List<Runnable> moved = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A clock that starts at the real time now. */
  public VirtualClock() {
    this(Instant.now());
  }

  private VirtualClock(Instant start) {
    this.start = start;
    this.offset = new AtomicReference<>(Duration.between(Instant.now(), start));
  }

  /** A clock that reads {@code start} now (earlier or later than real time) and flows on from there. */
  public static VirtualClock startingAt(Instant start) {
    return new VirtualClock(start);
  }

  /** {@code listener} runs after each move of the clock (e.g. to give the offset to node processes). */
  public void onMove(Runnable listener) {
    moved.add(listener);
  }

  /** How far ahead of real time this clock runs (negative: behind, when it started in the past). */
  public Duration offset() {
    return offset.get();
  }

  /** Moves time on by {@code d} (forward only). */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("advance: " + d + " (expected: forward only)");
    }
    offset.accumulateAndGet(d, Duration::plus);
    moved.forEach(Runnable::run);
  }

  /** Moves time on to {@code at}, if that is later than now. */
  public void advanceTo(Instant at) {
    Duration d = Duration.between(instant(), at);
    if (!d.isNegative()) {
      advance(d);
    }
  }

  /** Virtual time since the clock was made. */
  public Duration elapsed() {
    return Duration.between(start, instant());
  }

  public Instant start() {
    return start;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the simulation clock is UTC");
  }
}
