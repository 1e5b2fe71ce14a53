package org.relay247.gateway.cases;

import com.google.protobuf.util.Timestamps;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.relay247.gateway.cases.internal.CaseStore;
import org.relay247.protocol.v1.ConditionKind;
import org.relay247.protocol.v1.ContactDetails;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.OralRequestRecord;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * The cases of this node (docs/cases.md): what operators, the national API, the CLI and other
 * packages (Art. 14 protection) read and check, and where a purge leaves the case. Cases move by
 * the messages of both sides; the only local operator action that is not a message is an oral
 * request: {@link #oralRequestDraft} builds the record of a call, which the caller (the national
 * API) submits to the caller's Party so its confirmation can cite it.
 */
public final class CaseService {
  private static final int LIST_LIMIT = 200;
  /** What a condition's text reads once its case was purged (Art. 14.5). */
  public static final String PURGED_TEXT = "(text purged with the case's content, Art. 14.5)";

  private final CaseStore store;
  private final CaseTimerSettings timers;
  private final Clock clock;

  public CaseService(CaseStore store, CaseTimerSettings timers, Clock clock) {
    this.store = store;
    this.timers = timers;
    this.clock = clock;
  }

  /** The case, if this node has it. */
  public Optional<CaseView> find(String caseId) {
    return caseId == null || caseId.isBlank() ? Optional.empty() : store.find(caseId.strip());
  }

  /** The most recently opened cases (at most 200), newest first. */
  public List<CaseView> list() {
    return list(LIST_LIMIT);
  }

  /** The {@code limit} most recently opened cases, newest first. */
  public List<CaseView> list(int limit) {
    return store.recentCaseIds(limit).stream().map(store::find).flatMap(Optional::stream).toList();
  }

  /**
   * The case's timeline, oldest first.
   *
   * @throws IllegalArgumentException when this node has no such case
   */
  public List<CaseEventView> timeline(String caseId) {
    require(caseId);
    return store.timeline(caseId.strip());
  }

  /**
   * Checks an intended use of the case's data against the conditions the requesting side accepted
   * (status BINDING). A confidentiality condition (Conv. 28.2.a) forbids any export; a use
   * limitation (28.2.b) allows only the investigation the request named; an OTHER condition cannot
   * be checked by a machine, so it forbids exports until a person decides. Returns normally when
   * the use is allowed.
   *
   * @throws ConditionViolation naming the first condition that forbids the use
   * @throws IllegalArgumentException when this node has no such case
   */
  public void checkUse(String caseId, UseIntent intent) {
    CaseView view = require(caseId);
    for (ConditionView c : view.conditions()) {
      if (c.status() != ConditionView.Status.BINDING) {
        continue;
      }
      if (c.onwardTransfer()) {
        // Art. 14.10: conditions of an authorisation govern that transfer. They travel with an
        // export to its destination (shown and returned with the data); they govern no re-use
        // here; any other export must not rely on them, so a person decides.
        if (intent.kind() == UseIntent.Kind.REUSE || c.destination().equalsIgnoreCase(intent.destination())) {
          continue;
        }
        throw new ConditionViolation(c, "condition " + c.conditionId() + " ("
            + c.kind().name().replaceFirst("^CONDITION_KIND_", "") + ", Art. " + c.article() + ") of the onward-transfer"
            + " authorisation " + c.determinationMessageId() + " for " + c.destination() + " in case " + view.caseId()
            + " binds the data; export to " + intent.destination() + " waits for a person to decide: \"" + c.text()
            + "\"");
      }
      String where = "condition " + c.conditionId() + " (" + c.kind().name().replaceFirst("^CONDITION_KIND_", "")
          + ", Art. " + c.article() + ") accepted on track " + c.trackId() + " of case " + view.caseId();
      if (c.kind() == ConditionKind.CONDITION_KIND_CONFIDENTIALITY && intent.kind() == UseIntent.Kind.EXPORT) {
        throw new ConditionViolation(c, where + " forbids export to " + intent.destination()
            + ": \"" + c.text() + "\"");
      }
      if (c.kind() == ConditionKind.CONDITION_KIND_USE_LIMITATION) {
        Map<String, String> facts = store.trackFacts(c.trackId());
        String allowed = facts.getOrDefault("investigationReference", "");
        if (allowed.isEmpty() || !allowed.equals(intent.investigationReference())) {
          throw new ConditionViolation(c, where + " limits use to investigation "
              + (allowed.isEmpty() ? "(none named by the request)" : allowed) + "; this "
              + (intent.kind() == UseIntent.Kind.EXPORT ? "export" : "re-use") + " is for "
              + (intent.investigationReference().isEmpty() ? "no investigation" : intent.investigationReference())
              + ": \"" + c.text() + "\"");
        }
      }
      if (c.kind() != ConditionKind.CONDITION_KIND_CONFIDENTIALITY
          && c.kind() != ConditionKind.CONDITION_KIND_USE_LIMITATION && intent.kind() == UseIntent.Kind.EXPORT) {
        throw new ConditionViolation(c, where + " cannot be checked automatically and forbids export until a person"
            + " decides: \"" + c.text() + "\"");
      }
    }
  }

  /**
   * Records an Art. 14.5 purge of the case, in the purge's transaction: the case tables keep no
   * copy of message content either (the text of each condition is replaced by
   * {@value #PURGED_TEXT}; kind, article and status stay, so an accepted condition still binds),
   * and the timeline gets a {@code PURGED} event naming the proof of purge. Nothing happens for a
   * case this node has no track of.
   */
  public void recordPurge(Connection c, String caseId, String proofMessageId, String actor, Instant at)
      throws SQLException {
    if (!store.caseExists(c, caseId)) {
      return;
    }
    store.replaceConditionTexts(c, caseId, PURGED_TEXT);
    store.event(c, caseId, null, proofMessageId, at, "PURGED", "PURGE_RECORD", null, null, actor);
  }

  /**
   * The draft that records an oral (telephone) request taken by this node's point of contact
   * (Art. 9.4), to submit to the caller's authority so that its electronic confirmation can cite
   * it. Once submitted, the case engine opens an ORAL_ART9 track in state RECORDED with an
   * IMMEDIATE confirmation window (or the record's {@code confirmation_due_at}).
   *
   * @param record the call: caller_authority (a network address, e.g. FR/poc) is required
   * @param recordedBy the person who took the call (Art. 14.6, 001 V§24); name required
   * @param caseId an existing case to add the request to, or empty for a new case
   * @return the draft, addressed to the caller's authority, EMERGENCY
   * @throws IllegalArgumentException naming the missing field
   */
  public InnerMessage oralRequestDraft(OralRequestRecord record, ContactDetails recordedBy, String caseId) {
    if (record.getCallerAuthority().isBlank()) {
      throw new IllegalArgumentException("record.caller_authority: empty (expected: the caller's authority on the"
          + " network, e.g. FR/poc)");
    }
    if (recordedBy.getName().isBlank()) {
      throw new IllegalArgumentException("recorded_by.name: empty (expected: the person who took the call)");
    }
    Instant now = clock.instant();
    OralRequestRecord.Builder r = record.toBuilder().setRecordedBy(recordedBy);
    if (!r.hasCallReceivedAt()) {
      r.setCallReceivedAt(Timestamps.fromMillis(now.toEpochMilli()));
    }
    if (!r.hasConfirmationDueAt()) {
      r.setConfirmationDueAt(Timestamps.fromMillis(now.plus(timers.of(UrgencyClass.IMMEDIATE)).toEpochMilli()));
    }
    return InnerMessage.newBuilder()
        .setRouting(Routing.newBuilder().setRecipient(record.getCallerAuthority().strip())
            .setPriority(Priority.PRIORITY_EMERGENCY).setCaseId(caseId == null ? "" : caseId.strip()))
        .setSenderContact(recordedBy).setOralRequestRecord(r).build();
  }

  private CaseView require(String caseId) {
    return find(caseId).orElseThrow(() -> new IllegalArgumentException("case " + caseId
        + ": not a case of this node (expected: a case id from 'relay247 case list')"));
  }
}
