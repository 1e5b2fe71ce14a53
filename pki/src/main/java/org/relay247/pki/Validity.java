package org.relay247.pki;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The explicit validity window written into a certificate. */
public record Validity(Instant notBefore, Instant notAfter) {
  /**
   * Certificates start a few minutes in the past so that a peer whose clock is slightly behind
   * does not see a brand-new certificate as not yet valid.
   */
  public static final Duration BACKDATE = Duration.ofMinutes(5);

  public Validity {
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException(
          "validity: notAfter " + notAfter + " (expected: after notBefore " + notBefore + ")");
    }
  }

  /** From now (minus {@link #BACKDATE}) for the given duration. */
  public static Validity starting(Clock clock, Duration duration) {
    Instant now = clock.instant();
    return new Validity(now.minus(BACKDATE), now.plus(duration));
  }

  public static Validity ofDays(Clock clock, int days) {
    if (days <= 0) {
      throw new IllegalArgumentException("validity days: " + days + " (expected: > 0)");
    }
    return starting(clock, Duration.ofDays(days));
  }
}
