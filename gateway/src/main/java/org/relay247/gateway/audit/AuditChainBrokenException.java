package org.relay247.gateway.audit;

/**
 * The audit chain does not verify: an entry was changed, deleted or inserted other than through
 * {@link AuditLog#append}. Names the first entry at which the chain breaks and why.
 */
public final class AuditChainBrokenException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the chain is broken at {@link #seq()}. */
  public enum Reason {
    /** The entry's fields, or its stored {@code entry_hash}, were changed: the hash no longer matches. */
    HASH_MISMATCH,
    /** The entry's {@code prev_hash} is not the previous entry's hash: the link was changed, or the previous entry was rewritten. */
    PREV_LINK_CHANGED,
    /** The entry with this sequence number is missing: it was deleted (a gap, or the end of the log cut off). */
    MISSING_ENTRY,
    /** The entry's sequence number is out of order (zero or negative): it was inserted or renumbered. */
    OUT_OF_SEQUENCE,
    /** The entry lies beyond the last one the log appended: it was inserted directly into the table. */
    UNRECORDED_ENTRY,
    /** The log's head record (table {@code audit_head}) is missing or does not match the last entry. */
    HEAD_MISMATCH
  }

  private final long seq;
  private final Reason reason;
  private final String detail;

  /**
   * @param seq the first broken entry
   * @param reason the kind of break
   * @param detail one clause saying what is wrong, without the entry number
   */
  public AuditChainBrokenException(long seq, Reason reason, String detail) {
    super("audit chain broken at entry " + seq + ": " + detail);
    this.seq = seq;
    this.reason = reason;
    this.detail = detail;
  }

  /** The sequence number of the first entry at which the chain does not verify. */
  public long seq() {
    return seq;
  }

  public Reason reason() {
    return reason;
  }

  /** What is wrong at {@link #seq()}, e.g. "hash mismatch: ...". */
  public String detail() {
    return detail;
  }
}
