package org.relay247.gateway.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Art. 14.8 record of one case, as {@link AuditLog#export(String)} took it: who did what, when,
 * on which message, with each entry's chain hashes, and whether the whole chain verified at that
 * moment. Immutable. Exactly one of {@code verifiedHead} and {@code chainBroken} is present.
 *
 * @param caseId the case
 * @param exportedAt when the record was taken
 * @param entries the case's entries, oldest first, as stored
 * @param verifiedHead the head of the whole chain, verified, if it verified
 * @param chainBroken why the whole chain did not verify, if it did not
 */
public record CaseAuditRecord(String caseId, Instant exportedAt, List<AuditEntry> entries,
    Optional<AuditHead> verifiedHead, Optional<AuditChainBrokenException> chainBroken) {

  /** The JSON document's {@code format} value; changes only with an incompatible layout. */
  public static final String FORMAT = "relay247.audit.case-record.v1";

  public CaseAuditRecord {
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(exportedAt, "exportedAt");
    entries = List.copyOf(entries);
    Objects.requireNonNull(verifiedHead, "verifiedHead");
    Objects.requireNonNull(chainBroken, "chainBroken");
    if (verifiedHead.isPresent() == chainBroken.isPresent()) {
      throw new IllegalArgumentException("exactly one of verifiedHead and chainBroken must be present");
    }
  }

  /** Whether the whole chain verified when the record was taken. */
  public boolean intact() {
    return verifiedHead.isPresent();
  }

  /**
   * The record as a JSON document (UTF-8 when written out), for a supervisor. Layout in
   * docs/audit.md ("Export"); every entry carries all the fields its hash covers, so its
   * {@code entry_hash} can be recomputed offline.
   */
  public String json() {
    return CaseRecordJson.write(this);
  }
}
