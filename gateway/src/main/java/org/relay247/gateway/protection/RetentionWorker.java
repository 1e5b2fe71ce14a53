package org.relay247.gateway.protection;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.EscalationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Art. 14.5 review: finds cases whose retention period elapsed (by the injected clock) and,
 * as configured, flags each for a person (an escalation of kind {@value #ESCALATION} naming the
 * case's last message, and a RETENTION_REVIEWED audit entry) or purges it with a proof. A flagged
 * case is not flagged again until an operator sets a new period or purges it.
 */
public final class RetentionWorker {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionWorker.class);
  /** Escalation kind of a case due for review. */
  public static final String ESCALATION = "RETENTION_REVIEW";

  /** What one run did, by case id. */
  public record Run(List<String> flagged, List<String> purged) {
    public Run {
      flagged = List.copyOf(flagged);
      purged = List.copyOf(purged);
    }
  }

  private final Retention retention;
  private final CasePurger purger;
  private final CaseMessages messages;
  private final EscalationStore escalations;
  private final Database db;
  private final AuditLog audit;
  private final Clock clock;
  private final ProtectionSettings.OnExpiry onExpiry;

  RetentionWorker(Retention retention, CasePurger purger, CaseMessages messages, EscalationStore escalations,
      Database db, AuditLog audit, Clock clock, ProtectionSettings.OnExpiry onExpiry) {
    this.retention = retention;
    this.purger = purger;
    this.messages = messages;
    this.escalations = escalations;
    this.db = db;
    this.audit = audit;
    this.clock = clock;
    this.onExpiry = onExpiry;
  }

  /** One pass over every case; a case that fails is logged and retried on the next pass. */
  public Run runOnce() {
    Instant now = clock.instant();
    List<String> flagged = new ArrayList<>();
    List<String> purged = new ArrayList<>();
    for (RetentionStatus due : retention.due(now)) {
      String reason = "retention period of " + due.retentionDays() + " days elapsed on " + due.expiresAt().orElseThrow();
      try {
        if (onExpiry == ProtectionSettings.OnExpiry.PURGE) {
          purger.purge(due.caseId(), AuditEvent.NODE, reason + " (Art. 14.5)");
          purged.add(due.caseId());
        } else {
          flag(due, reason, now);
          flagged.add(due.caseId());
        }
      } catch (RuntimeException e) {
        LOG.atWarn().addKeyValue("caseId", due.caseId()).log("retention review failed: {}", e.getMessage());
      }
    }
    return new Run(flagged, purged);
  }

  private void flag(RetentionStatus due, String reason, Instant now) {
    List<CaseMessage> held = messages.of(due.caseId());
    String lastMessage = held.get(held.size() - 1).messageId();
    db.inTransaction(c -> {
      Retention.flag(c, due.caseId(), now);
      return audit.append(c, AuditEvent.byNode(AuditAction.RETENTION_REVIEWED, due.caseId(), null,
          reason + "; review needed: purge, or set a longer period"));
    });
    escalations.raise(lastMessage, ESCALATION, now, "case " + due.caseId() + ": " + reason
        + " (Art. 14.5); purge it or set a longer retention period");
  }
}
