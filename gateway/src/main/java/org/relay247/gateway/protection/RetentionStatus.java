package org.relay247.gateway.protection;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a case stands under Art. 14.5.
 *
 * @param retentionDays the period applied: set for the case, else the node's default
 * @param setForCase whether an operator set the period for this case
 * @param lastActivity when the case's last message was received or sent (empty: no messages)
 * @param expiresAt last activity plus the period (empty: no messages)
 * @param reviewFlaggedAt when the worker asked a person to review the case
 * @param purgedAt when the case's content was last purged
 */
public record RetentionStatus(String caseId, int retentionDays, boolean setForCase, Optional<Instant> lastActivity,
    Optional<Instant> expiresAt, Optional<Instant> reviewFlaggedAt, Optional<Instant> purgedAt) {
  public RetentionStatus {
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(lastActivity, "lastActivity");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(reviewFlaggedAt, "reviewFlaggedAt");
    Objects.requireNonNull(purgedAt, "purgedAt");
  }

  /** Elapsed at {@code at} and content not purged since the last activity. */
  public boolean due(Instant at) {
    return expiresAt.filter(e -> !at.isBefore(e)).isPresent()
        && purgedAt.map(p -> p.isBefore(lastActivity.orElseThrow())).orElse(true);
  }
}
