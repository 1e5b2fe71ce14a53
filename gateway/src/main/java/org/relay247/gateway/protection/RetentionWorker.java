package org.relay247.gateway.protection;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.cluster.FencedOut;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.EscalationStore;
import org.relay247.gateway.store.Fence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Art. 14.5 review: finds cases whose retention period elapsed (by the injected clock) and,
 * as configured, flags each for a person (an escalation of kind {@value #ESCALATION} naming the
 * case's last message, and a RETENTION_REVIEWED audit entry) or purges it with a proof. A flagged
 * case is not flagged again until an operator sets a new period or purges it.
 *
 * <p>In a cluster the review is the work of the {@code retention} lease: every write of a run (a
 * flag with its audit entry and escalation, a purge) first runs the run's fence in its own
 * transaction, so a member that lost the lease mid-run (hung, cut off) has its next write refused
 * ({@link FencedOut}) and stops the run there, writing nothing more.
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

  /** One pass over every case on a single node (no fence). */
  public Run runOnce() {
    return runOnce(Fence.NONE);
  }

  /**
   * One pass over every case, each write after {@code fence} in its transaction; a case that fails
   * is logged and retried on the next pass.
   *
   * @throws FencedOut when the fence refuses a write: the run stops, the cases before it stay done
   */
  public Run runOnce(Fence fence) {
    Instant now = clock.instant();
    List<String> flagged = new ArrayList<>();
    List<String> purged = new ArrayList<>();
    for (RetentionStatus due : retention.due(now)) {
      String reason = "retention period of " + due.retentionDays() + " days elapsed on " + due.expiresAt().orElseThrow();
      try {
        if (onExpiry == ProtectionSettings.OnExpiry.PURGE) {
          purger.purge(due.caseId(), AuditEvent.NODE, reason + " (Art. 14.5)", fence);
          purged.add(due.caseId());
        } else {
          flag(due, reason, now, fence);
          flagged.add(due.caseId());
        }
      } catch (FencedOut e) {
        throw e;
      } catch (RuntimeException e) {
        LOG.atWarn().addKeyValue("caseId", due.caseId()).log("retention review failed: {}", e.getMessage());
      }
    }
    return new Run(flagged, purged);
  }

  private void flag(RetentionStatus due, String reason, Instant now, Fence fence) {
    List<CaseMessage> held = messages.of(due.caseId());
    String lastMessage = held.get(held.size() - 1).messageId();
    db.inTransaction(c -> {
      fence.check(c);
      Retention.flag(c, due.caseId(), now);
      audit.append(c, AuditEvent.byNode(AuditAction.RETENTION_REVIEWED, due.caseId(), null,
          reason + "; review needed: purge, or set a longer period"));
      return escalations.raise(c, lastMessage, ESCALATION, now, "case " + due.caseId() + ": " + reason
          + " (Art. 14.5); purge it or set a longer retention period");
    });
  }
}
