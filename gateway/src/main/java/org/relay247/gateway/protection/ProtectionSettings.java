package org.relay247.gateway.protection;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The node's Art. 14 settings ({@code relay247.node.protection} in reference.conf): the default
 * retention period of a case (Art. 14.5), how often the review worker looks for cases whose
 * period elapsed, and what it does then.
 *
 * @param retentionDays default retention of a case's data, counted from the case's last message;
 *     1 to {@value #MAX_RETENTION_DAYS}
 * @param reviewInterval how often the worker runs; positive
 * @param onExpiry flag the case for a person to review, or purge it at once
 */
public record ProtectionSettings(int retentionDays, Duration reviewInterval, OnExpiry onExpiry) {
  /** About a century: longer is not a retention period. */
  public static final int MAX_RETENTION_DAYS = 36_500;

  /** What the worker does with a case whose retention elapsed. */
  public enum OnExpiry {
    /** Raise an escalation and record a review entry; a person decides (Art. 14.5 periodic review, 14.6). */
    FLAG,
    /** Delete the content and keep a signed proof of purge. */
    PURGE;

    /** "flag" or "purge", any case. */
    public static OnExpiry parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("on-expiry: \"" + text + "\" (expected: flag or purge)", e);
      }
    }
  }

  /** Validates every field; messages name the field and what is expected. */
  public ProtectionSettings {
    requireRetentionDays("retention-days", retentionDays);
    Objects.requireNonNull(reviewInterval, "reviewInterval");
    Objects.requireNonNull(onExpiry, "onExpiry");
    if (reviewInterval.isNegative() || reviewInterval.isZero()) {
      throw new IllegalArgumentException("review-interval: " + reviewInterval + " (expected: > 0)");
    }
  }

  /** The defaults of reference.conf: 365 days, hourly review, flag. */
  public static ProtectionSettings defaults() {
    return new ProtectionSettings(365, Duration.ofHours(1), OnExpiry.FLAG);
  }

  /**
   * @throws IllegalArgumentException {@code "retention-days: 0 (expected: 1 to 36500)"}
   */
  static int requireRetentionDays(String field, long days) {
    if (days < 1 || days > MAX_RETENTION_DAYS) {
      throw new IllegalArgumentException(field + ": " + days + " (expected: 1 to " + MAX_RETENTION_DAYS + ")");
    }
    return (int) days;
  }
}
