package org.relay247.gateway.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * A lease held by one member of a Party's cluster on a named piece of work, under an epoch. The
 * epoch is the fence: it increases at every change of holder and a fenced write succeeds only
 * while the row still names this holder and this epoch ({@link LeaseStore#checkHeld}). The expiry
 * only says when others may take the lease over; correctness never depends on clocks agreeing.
 */
public record Lease(String name, String holder, long epoch, Instant expiresAt) {
  public Lease {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(expiresAt, "expiresAt");
    requireValid(name, holder);
    if (epoch < 1) {
      throw new IllegalArgumentException("lease epoch: " + epoch + " (expected: 1 or more)");
    }
  }

  /** Checks a lease name and holder id before they are stored. */
  static void requireValid(String name, String holder) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(holder, "holder");
    if (name.isBlank() || name.length() > 100) {
      throw new IllegalArgumentException("lease name: '" + name + "' (expected: 1 to 100 characters)");
    }
    if (holder.isBlank() || holder.length() > 200) {
      throw new IllegalArgumentException("lease holder: '" + holder + "' (expected: 1 to 200 characters)");
    }
  }
}
