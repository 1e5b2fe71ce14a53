package org.relay247.gateway.cases;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.cases.internal.CaseStore;
import org.relay247.gateway.cases.internal.TrackRow;
import org.relay247.gateway.cases.machine.Art9Machine;
import org.relay247.gateway.cases.machine.IllegalTransition;
import org.relay247.gateway.cases.machine.MachineEvent;
import org.relay247.gateway.cases.machine.Machines;
import org.relay247.gateway.cases.machine.TrackSnapshot;
import org.relay247.gateway.cases.machine.Transition;
import org.relay247.gateway.pipeline.MessageStep;
import org.relay247.gateway.rules.DirectoryAsOf;
import org.relay247.gateway.rules.Finding;
import org.relay247.gateway.rules.Overrides;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.InnerMessage.BodyCase;
import org.relay247.protocol.v1.PreservationReference;
import org.relay247.protocol.v1.Receipt;

/**
 * Runs every message through its case, inside the transaction that stores it: at submit (an
 * illegal transition of this node's operator throws {@link CaseRuleViolation}, and nothing is
 * sent) and at receive (the other Party's messages never fail the receive: what does not fit is
 * flagged, since the other side may be out of step or ahead).
 *
 * <p>A request body opens a track keyed by its message id; a reply finds its track through the
 * id its body names (request_message_id, determination_message_id, ...) or routing.reply_to_id.
 * Control messages (ping, receipts, Art. 14 notices) pass through untouched.
 *
 * <p>The engine is the step of the message {@link org.relay247.gateway.pipeline.Pipeline} after
 * the treaty rules: it checks at submit, records in the transaction of the outbox row, of the
 * inbox row, and of the outbox completion when the recipient refused the message.
 */
public final class CaseEngine implements MessageStep {
  /** Replies that belong to a request's track. */
  private static final Set<BodyCase> REPLIES = Set.of(BodyCase.ART9_CONFIRMATION, BodyCase.ART9_FOLLOW_UP,
      BodyCase.USE_EXPLANATION_REQUEST, BodyCase.USE_EXPLANATION_ANSWER, BodyCase.ADDITIONAL_INFO_REQUEST,
      BodyCase.ADDITIONAL_INFO_ANSWER, BodyCase.CENTRAL_AUTHORITY_COPY, BodyCase.DETERMINATION,
      BodyCase.CONDITION_RESPONSE, BodyCase.EXECUTION_STATUS, BodyCase.EVIDENCE_MANIFEST, BodyCase.EVIDENCE_CHUNK,
      BodyCase.NON_DISCLOSURE_INSTRUCTION, BodyCase.PRESERVATION_EXTENSION, BodyCase.REFERRAL);

  /** Human acts (Art. 14.6): the submit must name the person. */
  private static final Set<BodyCase> HUMAN_ACTS = Set.of(BodyCase.DETERMINATION, BodyCase.NON_DISCLOSURE_INSTRUCTION);

  private final CaseStore store;
  private final Machines machines;
  private final Supplier<Directory> directory;
  private final AuditLog audit;

  public CaseEngine(CaseStore store, Machines machines, Supplier<Directory> directory, AuditLog audit) {
    this.store = store;
    this.machines = machines;
    this.directory = directory;
    this.audit = audit;
  }

  /**
   * Checks a message this node is about to send, before it is sealed (read only).
   *
   * @throws CaseRuleViolation when it does not fit its case
   */
  public void checkOutbound(InnerMessage message, Instant at) {
    store.database().read(c -> plan(c, message, true, at));
  }

  /** Records a message this node sends, in the transaction that writes its outbox row. */
  public void recordOutbound(Connection c, InnerMessage message, String actor, Instant at) throws SQLException {
    recordOutbound(c, message, List.of(), actor, at);
  }

  /**
   * As above, with the treaty-rule findings made at submit: each warning (and each blocking
   * finding a person overrode) becomes a flag of the case under the rule's code, so that it stays
   * in front of the people who work the case ({@code relay247 case show}).
   */
  public void recordOutbound(Connection c, InnerMessage message, List<Finding> findings, String actor, Instant at)
      throws SQLException {
    Plan p = plan(c, message, true, at);
    write(c, p, actor);
    findingFlags(c, p, findings, "at submit");
  }

  /** Records a message received from another Party, in the transaction that writes its inbox row. */
  public void recordInbound(Connection c, InnerMessage message, Instant at) throws SQLException {
    recordInbound(c, message, List.of(), at);
  }

  /**
   * As above, with the findings this node's treaty rules made on arrival (warnings, and blocking
   * findings the sender overrode): each becomes a flag of the case under the rule's code.
   */
  public void recordInbound(Connection c, InnerMessage message, List<Finding> findings, Instant at)
      throws SQLException {
    Plan p = plan(c, message, false, at);
    write(c, p, AuditEvent.NODE);
    findingFlags(c, p, findings, "on arrival");
  }

  @Override
  public void check(InnerMessage message, Instant now) {
    checkOutbound(message, now);
  }

  @Override
  public void submitted(Connection c, InnerMessage message, List<Finding> findings, String actor, Instant now)
      throws SQLException {
    recordOutbound(c, message, findings, actor, now);
  }

  @Override
  public void stored(Connection c, InnerMessage message, List<Finding> findings, Instant now) throws SQLException {
    recordInbound(c, message, findings, now);
  }

  @Override
  public void rejected(Connection c, InnerMessage message, Receipt rejection, Instant now) throws SQLException {
    recordRejection(c, message, rejection.getReason().name(), rejection.getArticle(), now);
  }

  private void findingFlags(Connection c, Plan p, List<Finding> findings, String when) throws SQLException {
    if (p.caseId() == null || findings.isEmpty()) {
      return;
    }
    String messageId = p.message().getRouting().getMessageId();
    String trackId = p.track() == null ? null : p.track().trackId();
    for (Finding f : findings) {
      String detail = f.severity() + " " + when + ": " + f.summary();
      if (f.blocks()) {
        String reason = Overrides.of(p.message(), f).map(o -> o.getReason() + " (" + o.getDecidedBy() + ")")
            .orElse("");
        detail = "BLOCK overridden by the sending Party's person, " + reason + ": " + f.summary();
      }
      store.flag(c, p.caseId(), trackId, messageId, f.code(), detail.length() > 1000 ? detail.substring(0, 999) + "…"
          : detail, p.at());
    }
  }

  /**
   * Records that the recipient refused a message this node sent, with a signed rejection receipt
   * (e.g. a treaty rule its directory enforces). The other Party never took the message on: a
   * refused request ends its track here (REFUSED, every timer cancelled, so no clock escalates an
   * answer that cannot come); a refused reply leaves the track's state as the submit recorded it.
   * Either way the timeline gets a REJECTED event and the case a {@code REJECTED_BY_RECIPIENT} flag
   * naming the reason and the article, for a person to act on. Messages outside any track change
   * nothing.
   */
  public void recordRejection(InnerMessage message, String reason, String article, Instant at) {
    store.database().inTransaction(c -> {
      recordRejection(c, message, reason, article, at);
      return null;
    });
  }

  /**
   * As {@link #recordRejection(InnerMessage, String, String, Instant)}, inside the caller's
   * transaction: the delivery path records the rejection in the transaction that completes the
   * outbox entry, so a crash cannot leave one without the other (and a retry record it twice).
   */
  public void recordRejection(Connection c, InnerMessage message, String reason, String article, Instant at)
      throws SQLException {
    String messageId = message.getRouting().getMessageId();
    Optional<TrackRow> opened = store.track(c, messageId);
    Optional<TrackRow> track = opened;
    if (track.isEmpty()) {
      Optional<String> of = store.trackOfMessage(c, messageId);
      track = of.isPresent() ? store.track(c, of.get()) : Optional.empty();
    }
    if (track.isEmpty()) {
      return;
    }
    TrackRow t = track.get();
    boolean request = opened.isPresent();
    TrackState after = request ? TrackState.REFUSED : t.state();
    if (request && t.state() != TrackState.REFUSED) {
      store.updateTrack(c, t, TrackState.REFUSED, Map.of(), at);
      store.cancelTimers(c, t.trackId(), Transition.ALL_TIMERS);
    }
    store.event(c, t.caseId(), t.trackId(), messageId, at, "REJECTED", message.getBodyCase().name(), t.state(),
        after, AuditEvent.NODE);
    store.flag(c, t.caseId(), t.trackId(), messageId, "REJECTED_BY_RECIPIENT", name(message.getBodyCase()) + " "
        + messageId + " refused by " + message.getRouting().getRecipient() + ": " + reason
        + (article.isEmpty() ? "" : " (Art. " + article + ")"), at);
  }

  /** What a message does: nothing, or a step on a track (opening one or moving one), plus flags. */
  private record Plan(String caseId, boolean outbound, InnerMessage message, Instant at, TrackRow track,
      boolean newTrack, TrackState before, Transition transition, List<Link> links, List<Transition.Flag> caseFlags) {
    static final Plan NONE = new Plan(null, false, null, null, null, false, null, null, List.of(), List.of());
  }

  private record Link(TrackRow track, Transition transition) {}

  private Plan plan(Connection c, InnerMessage m, boolean outbound, Instant at) throws SQLException {
    String caseId = m.getRouting().getCaseId();
    String messageId = m.getRouting().getMessageId();
    BodyCase body = m.getBodyCase();
    if (caseId.isEmpty() || messageId.isEmpty() || store.seen(c, messageId)) {
      if (caseId.isEmpty() && outbound && REPLIES.contains(body)) {
        throw new CaseRuleViolation("routing.case_id: empty (expected: the case of the request this "
            + name(body) + " answers)");
      }
      return Plan.NONE;
    }
    TrackKind opens = TrackKind.openedBy(body);
    if (opens != null) {
      return open(c, m, opens, outbound, at);
    }
    boolean consultation = body == BodyCase.CONSULTATION_MESSAGE;
    if (!REPLIES.contains(body) && !consultation) {
      return Plan.NONE;
    }
    if (!store.caseExists(c, caseId)) {
      if (consultation) {
        return Plan.NONE;
      }
      if (outbound) {
        throw new CaseRuleViolation("routing.case_id: " + caseId + " is not a case of this node (expected: the case"
            + " of the request this " + name(body) + " answers; see 'relay247 case list')");
      }
      return new Plan(caseId, false, m, at, null, false, null, null, List.of(), List.of(new Transition.Flag(
          "UNKNOWN_CASE", name(body) + " " + messageId + " names a case this node has no request of")));
    }
    String ref = reference(m);
    Optional<TrackRow> track = resolve(c, ref);
    if (track.isEmpty() && !m.getRouting().getReplyToId().isEmpty()) {
      track = resolve(c, m.getRouting().getReplyToId());
    }
    if (track.isEmpty() || !track.get().caseId().equals(caseId)) {
      if (consultation) {
        return new Plan(caseId, outbound, m, at, null, false, null, null, List.of(), List.of());
      }
      String problem = track.isEmpty()
          ? name(body) + " " + messageId + " names no request of case " + caseId + " (\"" + ref + "\")"
          : name(body) + " " + messageId + " names request " + track.get().trackId() + " of another case, "
              + track.get().caseId();
      if (outbound) {
        throw new CaseRuleViolation(problem + " (expected: the request's message id in " + referenceField(body)
            + " or routing.reply_to_id)");
      }
      return new Plan(caseId, false, m, at, null, false, null, null, List.of(),
          List.of(new Transition.Flag("UNKNOWN_REQUEST", problem)));
    }
    TrackRow t = track.get();
    if (outbound && HUMAN_ACTS.contains(body) && m.getSenderContact().getName().isBlank()) {
      throw new CaseRuleViolation("sender_contact.name: empty on a " + name(body) + " for track " + t.trackId()
          + " (expected: the name of the person who decided; determinations are human acts, Art. 14.6)");
    }
    Role by = outbound ? t.role() : t.role().other();
    TrackSnapshot snapshot = new TrackSnapshot(t.trackId(), t.kind(), t.role(), t.counterpart(), t.state(), t.facts(),
        store.conditionsOfTrack(c, t.trackId()), store.preliminaryHashes(c, t.trackId()));
    List<Transition.Flag> flags = new ArrayList<>();
    if (!outbound && !party(m.getRouting().getSender()).equals(party(t.counterpart()))) {
      flags.add(new Transition.Flag("WRONG_COUNTERPART", name(body) + " " + messageId + " from "
          + m.getRouting().getSender() + " on track " + t.trackId() + " (expected: from " + t.counterpart() + ")"));
    }
    if (body == BodyCase.EVIDENCE_CHUNK) {
      String problem = chunkProblem(c, t, m);
      if (problem != null) {
        if (outbound) {
          throw new CaseRuleViolation(problem);
        }
        flags.add(new Transition.Flag("OUT_OF_STEP", problem));
      }
    }
    Transition transition;
    try {
      transition = machines.of(t.kind()).apply(snapshot, new MachineEvent(by, outbound, m, at));
    } catch (IllegalTransition e) {
      if (outbound) {
        throw new CaseRuleViolation(e.getMessage());
      }
      transition = Transition.to(t.state()).flag("OUT_OF_STEP", e.getMessage()).build();
    }
    return new Plan(caseId, outbound, m, at, t, false, t.state(), transition, List.of(), flags);
  }

  /**
   * Why an evidence chunk does not belong to the results of its track, or null: a chunk carries
   * results, so it must name a manifest already on the track (which passed the track's checks:
   * no results while conditions are pending or after a refusal) and an item of that manifest.
   */
  private String chunkProblem(Connection c, TrackRow t, InnerMessage m) throws SQLException {
    String manifestId = m.getEvidenceChunk().getManifestMessageId();
    String itemId = m.getEvidenceChunk().getItemId();
    String chunk = "evidence chunk " + m.getRouting().getMessageId();
    List<String> items = manifestId.isEmpty() ? List.of() : store.manifestItemIds(c, t.trackId(), manifestId);
    if (items.isEmpty()) {
      return chunk + " names " + (manifestId.isEmpty() ? "no manifest" : "\"" + manifestId + "\", not an evidence"
          + " manifest of track " + t.trackId()) + " (expected: manifest_message_id of results sent on the track;"
          + " send the manifest first with 'relay247 case send-results')";
    }
    if (!items.contains(itemId)) {
      return chunk + ": item \"" + itemId + "\" is not in manifest " + manifestId + " (expected: one of "
          + String.join(", ", items) + ")";
    }
    return null;
  }

  private Plan open(Connection c, InnerMessage m, TrackKind kind, boolean outbound, Instant at) throws SQLException {
    String messageId = m.getRouting().getMessageId();
    if (store.track(c, messageId).isPresent()) {
      return Plan.NONE;
    }
    // The oral record is written by the side that took the call: the requested Party.
    Role role = kind == TrackKind.ORAL_ART9 ? (outbound ? Role.REQUESTED : Role.REQUESTING)
        : (outbound ? Role.REQUESTING : Role.REQUESTED);
    String counterpart = outbound ? m.getRouting().getRecipient() : m.getRouting().getSender();
    String requestedParty = party(role == Role.REQUESTED ? (outbound ? m.getRouting().getSender()
        : m.getRouting().getRecipient()) : counterpart);
    Map<String, String> context = new LinkedHashMap<>();
    if (kind == TrackKind.ART9 || kind == TrackKind.ORAL_ART9) {
      boolean declared = new DirectoryAsOf(directory.get(), at)
          .declaration(requestedParty, DeclarationKind.DECLARATION_KIND_D_9_5).isPresent();
      context.put(Art9Machine.DECLARED_9_5, Boolean.toString(declared));
    }
    String investigation = investigationReference(m);
    if (!investigation.isEmpty()) {
      context.put("investigationReference", investigation);
    }
    Transition t = machines.of(kind).open(role, m, at, context);
    List<Link> links = new ArrayList<>();
    for (String earlier : followedUp(m)) {
      Optional<TrackRow> linked = store.track(c, earlier);
      if (linked.isPresent() && linked.get().caseId().equals(m.getRouting().getCaseId())) {
        TrackRow l = linked.get();
        TrackSnapshot s = new TrackSnapshot(l.trackId(), l.kind(), l.role(), l.counterpart(), l.state(), l.facts(),
            List.of(), Map.of());
        links.add(new Link(l, machines.of(l.kind()).followedBy(s, kind, at)));
      }
    }
    TrackRow row = new TrackRow(messageId, m.getRouting().getCaseId(), kind, role, counterpart, t.state(), at, at,
        links.isEmpty() ? Optional.empty() : Optional.of(links.get(0).track().trackId()), t.facts(), 0);
    return new Plan(m.getRouting().getCaseId(), outbound, m, at, row, true, null, t, links, List.of());
  }

  private void write(Connection c, Plan p, String actor) throws SQLException {
    if (p.caseId() == null) {
      return;
    }
    String messageId = p.message().getRouting().getMessageId();
    String event = p.outbound() ? "SENT" : "RECEIVED";
    String body = p.message().getBodyCase().name();
    if (store.createCase(c, p.caseId(), p.at())) {
      audit.append(c, new AuditEvent(actor, AuditAction.CASE_OPENED, p.caseId(), messageId,
          "by " + name(p.message().getBodyCase()) + (p.outbound() ? " sent" : " received")));
    }
    if (p.track() == null) {
      store.event(c, p.caseId(), null, messageId, p.at(), event, body, null, null, actor);
      for (Transition.Flag f : p.caseFlags()) {
        store.flag(c, p.caseId(), null, messageId, f.code(), f.detail(), p.at());
      }
      return;
    }
    TrackRow t = p.track();
    if (p.newTrack()) {
      store.insertTrack(c, t);
    } else if (p.transition().state() != t.state() || !p.transition().facts().isEmpty()) {
      // Only real changes take the track's version: evidence chunks arriving in parallel must not collide.
      store.updateTrack(c, t, p.transition().state(), p.transition().facts(), p.at());
    }
    store.event(c, p.caseId(), t.trackId(), messageId, p.at(), event, body, p.before(), p.transition().state(), actor);
    effects(c, p.caseId(), t.trackId(), messageId, p.at(), p.transition());
    for (Transition.Flag f : p.caseFlags()) {
      store.flag(c, p.caseId(), t.trackId(), messageId, f.code(), f.detail(), p.at());
    }
    if (p.message().getBodyCase() == BodyCase.REFERRAL && p.transition().facts().containsKey("referredTo")) {
      // The track follows the referral: the requesting side addresses the competent authority from now on.
      String to = p.transition().facts().get("referredTo");
      if (!p.outbound()) {
        store.setCounterpart(c, t.trackId(), to);
      }
      store.flag(c, p.caseId(), t.trackId(), messageId, "REFERRED", "request " + t.trackId() + " referred by "
          + p.message().getRouting().getSender() + " to " + to + ", the competent authority ("
          + Articles.label(p.message().getReferral().getArticle().isBlank() ? "10.9"
              : p.message().getReferral().getArticle()) + "): " + p.message().getReferral().getReasons(), p.at());
    }
    for (Link l : p.links()) {
      store.updateTrack(c, l.track(), l.transition().state(), l.transition().facts(), p.at());
      store.event(c, p.caseId(), l.track().trackId(), messageId, p.at(), "FOLLOWED_UP", body, l.track().state(),
          l.transition().state(), actor);
      effects(c, p.caseId(), l.track().trackId(), messageId, p.at(), l.transition());
    }
    if (p.outbound() && p.message().getBodyCase() == BodyCase.DETERMINATION) {
      // Art. 14.6: who decided, in the audit log, next to the node's record of the submission.
      String person = p.message().getSenderContact().getName().strip();
      audit.append(c, new AuditEvent(AuditEvent.actor(person), AuditAction.DETERMINATION_RECORDED, p.caseId(), messageId,
          p.message().getDetermination().getOutcome().name() + " on track " + t.trackId()));
    }
  }

  private void effects(Connection c, String caseId, String trackId, String messageId, Instant at, Transition t)
      throws SQLException {
    for (String name : t.timersCancelled()) {
      store.cancelTimers(c, trackId, name);
    }
    for (Transition.TimerStart s : t.timersStarted()) {
      store.startTimer(c, caseId, trackId, s.name(), s.urgency(), s.article(), at, s.dueAt());
    }
    for (Transition.ObligationOpen o : t.obligationsOpened()) {
      store.openObligation(c, caseId, trackId, o.kind(), o.owedBy(), o.article(), at);
    }
    for (ObligationView.Kind k : t.obligationsClosed()) {
      store.closeObligations(c, trackId, k, messageId, at);
    }
    for (ConditionView v : t.conditionsImposed()) {
      store.imposeCondition(c, caseId, v);
    }
    for (Map.Entry<String, ConditionView.Status> a : t.conditionAnswers().entrySet()) {
      store.answerCondition(c, trackId, a.getKey(), a.getValue());
    }
    for (Transition.ManifestItem i : t.manifestItems()) {
      store.manifestItem(c, trackId, i.manifestId(), i.itemId(), i.copyKind(), i.sha256Hex());
    }
    for (Transition.Flag f : t.flags()) {
      store.flag(c, caseId, trackId, messageId, f.code(), f.detail(), at);
    }
  }

  private Optional<TrackRow> resolve(Connection c, String id) throws SQLException {
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Optional<TrackRow> t = store.track(c, id);
    if (t.isPresent()) {
      return t;
    }
    Optional<String> viaMessage = store.trackOfMessage(c, id);
    return viaMessage.isPresent() ? store.track(c, viaMessage.get()) : Optional.empty();
  }

  /** The id a reply's body names: the request, or a message of its track. */
  static String reference(InnerMessage m) {
    return switch (m.getBodyCase()) {
      case ART9_CONFIRMATION -> m.getArt9Confirmation().getOralRequestRecordId();
      case ART9_FOLLOW_UP -> m.getArt9FollowUp().getRequestMessageId();
      case USE_EXPLANATION_REQUEST -> m.getUseExplanationRequest().getDeterminationMessageId();
      case USE_EXPLANATION_ANSWER -> m.getUseExplanationAnswer().getRequestMessageId();
      case ADDITIONAL_INFO_REQUEST -> m.getAdditionalInfoRequest().getRequestMessageId();
      case ADDITIONAL_INFO_ANSWER -> m.getAdditionalInfoAnswer().getRequestMessageId();
      case CENTRAL_AUTHORITY_COPY -> m.getCentralAuthorityCopy().getOriginalMessageId();
      case DETERMINATION -> m.getDetermination().getRequestMessageId();
      case CONDITION_RESPONSE -> m.getConditionResponse().getDeterminationMessageId();
      case EXECUTION_STATUS -> m.getExecutionStatus().getRequestMessageId();
      case EVIDENCE_MANIFEST -> m.getEvidenceManifest().getRequestMessageId();
      case EVIDENCE_CHUNK -> m.getEvidenceChunk().getManifestMessageId();
      case NON_DISCLOSURE_INSTRUCTION -> m.getNonDisclosureInstruction().getNotificationMessageId();
      case PRESERVATION_EXTENSION -> m.getPreservationExtension().getPreservationMessageId();
      case CONSULTATION_MESSAGE -> m.getConsultationMessage().getRegardingMessageId();
      case REFERRAL -> m.getReferral().getRequestMessageId();
      default -> "";
    };
  }

  private static String referenceField(BodyCase body) {
    return switch (body) {
      case ART9_CONFIRMATION -> "oral_request_record_id";
      case USE_EXPLANATION_REQUEST, CONDITION_RESPONSE -> "determination_message_id";
      case CENTRAL_AUTHORITY_COPY -> "original_message_id";
      case EVIDENCE_CHUNK -> "manifest_message_id";
      case NON_DISCLOSURE_INSTRUCTION -> "notification_message_id";
      case PRESERVATION_EXTENSION -> "preservation_message_id";
      default -> "request_message_id";
    };
  }

  /** Earlier tracks a request follows up: preservations it names, the Art. 7 order an Art. 8 order converts. */
  private static List<String> followedUp(InnerMessage m) {
    List<String> ids = new ArrayList<>();
    List<PreservationReference> refs = switch (m.getBodyCase()) {
      case ART9_REQUEST -> m.getArt9Request().getPreservationsList();
      case ART10_REQUEST -> m.getArt10Request().getPreservationsList();
      case ART8_ORDER -> m.getArt8Order().getSupportingInformation().getPreservationsList();
      case SIMULTANEOUS_NOTIFICATION -> m.getSimultaneousNotification().getSupplementaryInformation()
          .getPreservationsList();
      default -> List.of();
    };
    if (m.getBodyCase() == BodyCase.ART8_ORDER && !m.getArt8Order().getPriorArt7MessageId().isEmpty()) {
      ids.add(m.getArt8Order().getPriorArt7MessageId());
    }
    refs.stream().map(PreservationReference::getPreservationMessageId).filter(s -> !s.isEmpty()).forEach(ids::add);
    return ids;
  }

  private static String investigationReference(InnerMessage m) {
    return switch (m.getBodyCase()) {
      case ART9_REQUEST -> m.getArt9Request().getInvestigationReference();
      case ART10_REQUEST -> m.getArt10Request().getInvestigationReference();
      case ART8_ORDER -> m.getArt8Order().getOrder().getOrderReference();
      case PRESERVATION_REQUEST -> m.getPreservationRequest().getInvestigationReference();
      default -> "";
    };
  }

  private static String party(String address) {
    try {
      return Address.parse(address).party().code();
    } catch (IllegalArgumentException e) {
      return address;
    }
  }

  static String name(BodyCase body) {
    return body.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
