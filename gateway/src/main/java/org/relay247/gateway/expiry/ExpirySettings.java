package org.relay247.gateway.expiry;

import java.time.Duration;
import java.util.Objects;

/**
 * When the node warns about something running out ({@code relay247.node.expiry} in the node's
 * HOCON): {@code warning} and {@code critical} are the time left at which each level starts;
 * {@code checkInterval} is how often the running node looks.
 */
public record ExpirySettings(Duration warning, Duration critical, Duration checkInterval) {
  public ExpirySettings {
    Objects.requireNonNull(warning, "warning");
    Objects.requireNonNull(critical, "critical");
    Objects.requireNonNull(checkInterval, "checkInterval");
    if (critical.isNegative() || critical.isZero()) {
      throw new IllegalArgumentException("critical: " + critical + " (expected: > 0)");
    }
    if (warning.compareTo(critical) <= 0) {
      throw new IllegalArgumentException("warning: " + warning + " (expected: longer than critical, " + critical + ")");
    }
    if (checkInterval.isNegative() || checkInterval.isZero()) {
      throw new IllegalArgumentException("check-interval: " + checkInterval + " (expected: > 0)");
    }
  }

  /** 60 days, 7 days, checked hourly. */
  public static ExpirySettings defaults() {
    return new ExpirySettings(Duration.ofDays(60), Duration.ofDays(7), Duration.ofHours(1));
  }

  /** The level of an item with {@code left} time remaining (negative once run out). */
  public ExpiryLevel level(Duration left) {
    if (left.compareTo(critical) <= 0) {
      return ExpiryLevel.CRITICAL;
    }
    return left.compareTo(warning) <= 0 ? ExpiryLevel.WARNING : ExpiryLevel.OK;
  }
}
