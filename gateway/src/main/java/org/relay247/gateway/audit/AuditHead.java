package org.relay247.gateway.audit;

import java.util.Objects;

/**
 * The end of the chain: the last entry's sequence number and hash. An empty log's head is
 * {@code (0, GENESIS)}. Keep the head of a verified log somewhere the database's administrators
 * cannot write (see docs/audit.md, "Limits"): a later chain that still contains this hash at this
 * position has not been changed up to it.
 *
 * @param seq the last entry's sequence number, which is also the number of entries
 * @param hash the last entry's hash
 */
public record AuditHead(long seq, AuditHash hash) {
  public AuditHead {
    Objects.requireNonNull(hash, "hash");
    if (seq < 0) {
      throw new IllegalArgumentException("seq: " + seq + " (expected: 0 or more)");
    }
  }

  /** The number of entries in the chain (entries are numbered 1 to {@code seq}). */
  public long entries() {
    return seq;
  }
}
