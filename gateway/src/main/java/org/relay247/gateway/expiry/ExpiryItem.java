package org.relay247.gateway.expiry;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing the node relies on that runs out: a certificate ({@code notAfter}), a CRL
 * ({@code nextUpdate}) or the directory signer. {@code id} is stable across checks and unique per
 * node (e.g. {@code own/tls}, {@code crl/DE}, {@code peer/DE/tls}); {@code kind} groups them
 * (certificate, ca, crl, directory, peer).
 */
public record ExpiryItem(String id, String kind, String subject, Instant notAfter) {
  public ExpiryItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(notAfter, "notAfter");
    if (id.isBlank() || id.length() > 128) {
      throw new IllegalArgumentException("expiry item id: \"" + id + "\" (expected: 1 to 128 characters)");
    }
  }
}
