package org.relay247.pki;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The project's one test clock, moved on by the test instead of by sleeping (in pki's test root,
 * so the other modules reach it through pki's test-jar). {@link #flowing()} is real time plus an
 * offset (timers, backoff and receipts work as in production, and a scenario jumps days ahead);
 * {@link #stoppedAt} stands still until advanced (a unit test decides every instant). One clock
 * shared by several nodes keeps their signing times within the allowed skew. UTC only.
 */
public final class TestClock extends Clock {
  private final Instant stoppedAt;  // null: flowing
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  private TestClock(Instant stoppedAt) {
    this.stoppedAt = stoppedAt;
  }

  /** Real time, plus whatever {@link #advance} added. */
  public static TestClock flowing() {
    return new TestClock(null);
  }

  /** {@code at}, plus whatever {@link #advance} added; time does not flow on its own. */
  public static TestClock stoppedAt(Instant at) {
    return new TestClock(at);
  }

  /** Moves time on by {@code d} for everyone reading this clock. */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("advance: " + d + " (expected: forward only)");
    }
    offset.accumulateAndGet(d, Duration::plus);
  }

  /**
   * Moves time back by {@code d}, as a corrected system clock does: for a test of that case, or to
   * undo an {@link #advance} for the tests that share this clock.
   */
  public void stepBack(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("stepBack: " + d + " (expected: a positive duration)");
    }
    offset.accumulateAndGet(d, Duration::minus);
  }

  @Override
  public Instant instant() {
    return (stoppedAt == null ? Instant.now() : stoppedAt).plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone)) {
      throw new UnsupportedOperationException("the test clock is UTC (asked: " + zone + ")");
    }
    return this;
  }
}
