package org.relay247.gateway.expiry;

import java.time.Duration;
import java.util.Objects;

/**
 * When the node warns about something running out ({@code relay247.node.expiry} in the node's
 * HOCON): {@code warning} and {@code critical} are the time left at which each level starts;
 * CRLs, re-published every day or so with a 30-day window, warn at {@code crlWarning} instead
 * (a CRL 29 days from its nextUpdate is the normal state). {@code checkInterval} is how often the
 * running node looks.
 */
public record ExpirySettings(Duration warning, Duration critical, Duration crlWarning, Duration checkInterval) {
  public ExpirySettings {
    Objects.requireNonNull(warning, "warning");
    Objects.requireNonNull(critical, "critical");
    Objects.requireNonNull(checkInterval, "checkInterval");
    Objects.requireNonNull(crlWarning, "crlWarning");
    if (crlWarning.compareTo(critical) <= 0) {
      throw new IllegalArgumentException("crl-warning: " + crlWarning + " (expected: longer than critical, " + critical
          + ")");
    }
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

  /** 60 days, 7 days, CRLs 15 days, checked hourly. */
  public static ExpirySettings defaults() {
    return new ExpirySettings(Duration.ofDays(60), Duration.ofDays(7), Duration.ofDays(15), Duration.ofHours(1));
  }

  /** The level of an item with {@code left} time remaining (negative once run out). */
  public ExpiryLevel level(ExpiryItem item, Duration left) {
    if (left.compareTo(critical) <= 0) {
      return ExpiryLevel.CRITICAL;
    }
    return left.compareTo(item.kind().equals("crl") ? crlWarning : warning) <= 0 ? ExpiryLevel.WARNING
        : ExpiryLevel.OK;
  }
}
