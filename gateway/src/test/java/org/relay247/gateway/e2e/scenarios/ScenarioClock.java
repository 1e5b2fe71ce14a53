package org.relay247.gateway.e2e.scenarios;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock every node of a scenario shares: real time plus an offset the test moves on. Time keeps
 * flowing (delivery backoff and receipts work as in production), and a scenario that spans days
 * (30 days of provider silence, the 45-day Art. 8 clocks) jumps there without waiting. One clock for
 * all nodes keeps signing times within the allowed skew.
 */
final class ScenarioClock extends Clock {
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  /** Moves every node's time on by {@code d}. */
  void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("advance: " + d + " (expected: forward only)");
    }
    offset.accumulateAndGet(d, Duration::plus);
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
    throw new UnsupportedOperationException("scenario clock is UTC");
  }
}
