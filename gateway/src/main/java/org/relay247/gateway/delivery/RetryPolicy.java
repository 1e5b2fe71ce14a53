package org.relay247.gateway.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for redelivery, and how much delivery runs at once (the node's
 * {@code relay247.node.retry} settings).
 *
 * @param parallelism deliveries in flight at once to one recipient Party
 * @param workers delivery threads of the node, shared by all recipient Parties
 * @throws IllegalArgumentException naming the setting (e.g. {@code jitter: 3.0 (expected: ...)})
 */
public record RetryPolicy(Duration initial, Duration max, double multiplier, double jitter, int parallelism,
    int workers) {
  public RetryPolicy {
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial-backoff: " + initial + " (expected: > 0)");
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max-backoff: " + max + " (expected: >= initial-backoff)");
    }
    if (multiplier < 1.0) {
      throw new IllegalArgumentException("multiplier: " + multiplier + " (expected: >= 1.0)");
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter: " + jitter + " (expected: between 0 and 1)");
    }
    if (parallelism < 1 || parallelism > 256) {
      throw new IllegalArgumentException("parallelism: " + parallelism + " (expected: 1 to 256)");
    }
    if (workers < 1 || workers > 1024) {
      throw new IllegalArgumentException("workers: " + workers + " (expected: 1 to 1024)");
    }
  }

  /** Delay before attempt number {@code attempt + 1} (attempt counts from 1). */
  public Duration delayAfter(int attempt) {
    double base = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
    double capped = Math.min(base, max.toMillis());
    double spread = capped * jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
    return Duration.ofMillis(Math.max(1, Math.round(capped + spread)));
  }
}
