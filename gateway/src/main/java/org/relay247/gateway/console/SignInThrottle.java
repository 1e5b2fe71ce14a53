package org.relay247.gateway.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing from one address across accounts (the account lockout stops it on one
 * account): at most {@link #MAX_FAILURES} failed sign-ins per address per minute.
 */
final class SignInThrottle {
  static final int MAX_FAILURES = 20;
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private record Window(Instant start, int failures) {}

  private final Map<String, Window> failures = new ConcurrentHashMap<>();
  private final Clock clock;

  SignInThrottle(Clock clock) {
    this.clock = clock;
  }

  boolean allow(String address) {
    Window w = failures.get(address);
    return w == null || w.start().plus(WINDOW).isBefore(clock.instant()) || w.failures() < MAX_FAILURES;
  }

  void failed(String address) {
    Instant now = clock.instant();
    failures.compute(address, (a, w) -> w == null || w.start().plus(WINDOW).isBefore(now) ? new Window(now, 1)
        : new Window(w.start(), w.failures() + 1));
    if (failures.size() > 10_000) {
      failures.entrySet().removeIf(e -> e.getValue().start().plus(WINDOW).isBefore(now));
    }
  }
}
