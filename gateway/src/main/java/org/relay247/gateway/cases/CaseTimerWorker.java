package org.relay247.gateway.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.cases.internal.CaseStore;
import org.relay247.gateway.cases.internal.TrackRow;
import org.relay247.gateway.metrics.NodeMetrics;
import org.relay247.gateway.store.EscalationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the case timers that are due by the injected clock. Each firing, in one transaction:
 * the timer becomes FIRED (only once, even with several workers on one database), an escalation
 * of kind {@value #ESCALATION_KIND} appears (ListEscalations), the case's timeline and the audit
 * log record it. After the commit: a log line with ids and the timer's name (no content) and
 * {@code relay247_case_timers_missed_total{class=...}}.
 */
public final class CaseTimerWorker implements Runnable {
  /** Escalation kind of a missed case timer. */
  public static final String ESCALATION_KIND = "CASE_TIMER";
  private static final Logger LOG = LoggerFactory.getLogger(CaseTimerWorker.class);
  private static final int BATCH = 200;

  private final CaseStore store;
  private final EscalationStore escalations;
  private final AuditLog audit;
  private final NodeMetrics metrics;
  private final Clock clock;

  public CaseTimerWorker(CaseStore store, EscalationStore escalations, AuditLog audit, NodeMetrics metrics,
      Clock clock) {
    this.store = store;
    this.escalations = escalations;
    this.audit = audit;
    this.metrics = metrics;
    this.clock = clock;
    metrics.caseTimerClasses(java.util.Arrays.stream(UrgencyClass.values()).map(Enum::name).toList());
  }

  /** Fires every due timer; returns how many this call fired. */
  public int runOnce() {
    Instant now = clock.instant();
    int fired = 0;
    for (TimerView timer : store.dueTimers(now, BATCH)) {
      Optional<String> caseId = store.database().inTransaction(c -> {
        if (!store.fire(c, timer.id())) {
          return Optional.<String>empty();
        }
        TrackRow track = store.track(c, timer.trackId()).orElseThrow();
        String detail = "case " + track.caseId() + ", " + track.kind() + " track " + track.trackId() + " ("
            + track.role() + ", with " + track.counterpart() + ", state " + track.state() + "): " + timer.name()
            + " missed (" + timer.urgency() + ", " + Articles.label(timer.article()) + ", due " + timer.dueAt() + ")"
            + lapseNote(timer, track);
        escalations.raise(c, track.trackId(), ESCALATION_KIND, now, detail);
        store.event(c, track.caseId(), track.trackId(), null, now, "TIMER_FIRED", timer.name(), track.state(),
            track.state(), AuditEvent.NODE);
        audit.append(c, AuditEvent.byNode(AuditAction.CASE_TIMER_MISSED, track.caseId(), track.trackId(),
            timer.name() + " (" + timer.urgency() + ", " + Articles.label(timer.article()) + ")"));
        return Optional.of(track.caseId());
      });
      if (caseId.isPresent()) {
        fired++;
        metrics.caseTimerMissed(timer.urgency().name());
        metrics.escalation(ESCALATION_KIND);
        LOG.atWarn().addKeyValue("caseId", caseId.get()).addKeyValue("trackId", timer.trackId())
            .addKeyValue("timer", timer.name()).addKeyValue("class", timer.urgency().name())
            .addKeyValue("article", timer.article()).log("case timer missed, escalated");
      }
    }
    return fired;
  }

  /**
   * The lapse warning fires before the end of a preservation: say until when the data are
   * preserved, so that it does not read as if they were already lost.
   */
  private static String lapseNote(TimerView timer, TrackRow track) {
    String until = track.facts().get("preserveUntil");
    if (!timer.name().equals("preservation.lapse") || until == null) {
      return "";
    }
    return "; the data are preserved until " + until + ": extend the preservation (PreservationExtension) or send"
        + " the follow-up request before then";
  }

  @Override
  public void run() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      // The scheduler would stop calling a task that throws; the next round retries.
      LOG.warn("case timer round failed: {}", e.toString());
    }
  }
}
