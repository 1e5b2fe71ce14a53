package org.relay247.simulator.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * Prints the demo's timeline as it happens, one line per step: when the demo had proven the step
 * (since the start of the scenario; lines are in order), how long the step itself took as the
 * nodes recorded it, which Party acted, and what happened.
 * <pre>
 *    elapsed      took  who what
 * +    23 ms     23 ms  FR  submitted Art. 9 emergency request ... to DE/poc
 * </pre>
 */
final class Timeline {
  private final PrintWriter out;
  private final java.time.Clock clock;
  private final Instant start;

  Timeline(PrintWriter out, java.time.Clock clock) {
    this.out = out;
    this.clock = clock;
    this.start = clock.instant();
  }

  Instant start() {
    return start;
  }

  void header() {
    out.println("   elapsed      took  who what");
    out.flush();
  }

  /** A step proven now, which took {@code took}; returns now. */
  Instant step(Duration took, String party, String what) {
    Instant at = clock.instant();
    out.printf("+%6d ms %6d ms  %-3s %s%n", Math.max(0, Duration.between(start, at).toMillis()),
        Math.max(0, took.toMillis()), party, what);
    out.flush();
    return at;
  }
}
