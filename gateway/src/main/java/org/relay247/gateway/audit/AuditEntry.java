package org.relay247.gateway.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit log as stored. Immutable. {@code entryHash} is SHA-256 over the canonical
 * encoding of every other field ({@link AuditEncoding}); {@code prevHash} is the previous entry's
 * {@code entryHash} ({@link AuditHash#GENESIS} for entry 1).
 *
 * <p>An entry read from the database is returned as stored, whether or not it is consistent: use
 * {@link #computedHash()} or {@link AuditLog#verify()} to check it.
 *
 * @param seq position in the chain: 1, 2, 3 ... without gaps
 * @param at when the entry was appended, to the millisecond
 * @param actor who acted
 * @param action the action's stable code ({@link AuditAction#name()} when written by this version)
 * @param caseId the case, or null
 * @param messageId the message, or null
 * @param details a short note, possibly empty
 * @param prevHash the previous entry's hash as stored in this entry
 * @param entryHash this entry's hash as stored
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String caseId, String messageId,
    String details, AuditHash prevHash, AuditHash entryHash) {

  /** Requires every field but {@code caseId} and {@code messageId}; truncates {@code at} to milliseconds. */
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(entryHash, "entryHash");
    at = Instant.ofEpochMilli(at.toEpochMilli());
  }

  /** The hash this entry's fields (including {@code prevHash}) should have: compare with {@link #entryHash()}. */
  public AuditHash computedHash() {
    return AuditEncoding.hash(seq, at.toEpochMilli(), actor, action, caseId, messageId, details, prevHash);
  }
}
