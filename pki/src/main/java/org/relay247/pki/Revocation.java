package org.relay247.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/** One entry of a CRL: which certificate (by serial), since when, and why. */
public record Revocation(BigInteger serial, Instant revokedAt, RevocationReason reason) {
  public Revocation {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(reason, "reason");
  }
}
