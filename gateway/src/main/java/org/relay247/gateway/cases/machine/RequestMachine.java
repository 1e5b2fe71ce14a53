package org.relay247.gateway.cases.machine;

import static org.relay247.gateway.cases.TrackState.AWAITING_INFORMATION;
import static org.relay247.gateway.cases.TrackState.AWAITING_PROVIDER;
import static org.relay247.gateway.cases.TrackState.CONDITIONS_ACCEPTED;
import static org.relay247.gateway.cases.TrackState.CONDITIONS_PENDING;
import static org.relay247.gateway.cases.TrackState.CONDITIONS_REFUSED;
import static org.relay247.gateway.cases.TrackState.DETERMINED;
import static org.relay247.gateway.cases.TrackState.OPEN;
import static org.relay247.gateway.cases.TrackState.POSTPONED;
import static org.relay247.gateway.cases.TrackState.PRELIMINARY_RESULTS;
import static org.relay247.gateway.cases.TrackState.REFUSED;
import static org.relay247.gateway.cases.TrackState.RESULTS_DELIVERED;

import com.google.protobuf.util.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.relay247.gateway.cases.CaseTimerSettings;
import org.relay247.gateway.cases.ConditionView;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.UrgencyClass;
import org.relay247.protocol.v1.Condition;
import org.relay247.protocol.v1.ConditionAcceptance;
import org.relay247.protocol.v1.ConditionAnswer;
import org.relay247.protocol.v1.ConditionResponse;
import org.relay247.protocol.v1.CopyKind;
import org.relay247.protocol.v1.Determination;
import org.relay247.protocol.v1.EvidenceItem;
import org.relay247.protocol.v1.EvidenceManifest;
import org.relay247.protocol.v1.InnerMessage;

/**
 * The life of a request that the requested Party determines and answers with results (Art. 9,
 * 10, 8): determination, additional information, conditions and their acceptance, results. The
 * kinds differ in their clocks and in what follows results; see the subclasses and docs/cases.md.
 */
abstract class RequestMachine implements TrackMachine {
  static final String OUT_OF_STEP = "OUT_OF_STEP";
  static final String CONDITIONS_ANSWER = "conditions.answer";
  static final String CONDITIONS_DECISION = "conditions.decision";
  static final String POSTPONEMENT_END = "postponement.end";

  protected final CaseTimerSettings timers;

  RequestMachine(CaseTimerSettings timers) {
    this.timers = timers;
  }

  /** Timer name prefix, e.g. "art9". */
  abstract String prefix();

  /** Facts kept from the opening request. */
  void openingFacts(InnerMessage request, Transition.Builder b) {}

  /** Clocks that run while the requested Party has what it needs: started at open and after info answers. */
  abstract void startResponseClocks(Transition.Builder b, Map<String, String> facts, Instant at);

  /** Names of the clocks {@link #startResponseClocks} starts: stopped while information is awaited. */
  abstract List<String> responseClocks();

  /** Clocks a determination stops. */
  abstract List<String> determinationClocks();

  /** What starts once the requested Party will provide (after a determination or accepted conditions). */
  abstract void onWillProvide(Transition.Builder b, TrackSnapshot t, Instant at);

  /** Clocks official results stop. */
  abstract List<String> resultsClocks();

  /** What official results open (9.5 follow-up). */
  void onOfficialResults(Transition.Builder b, TrackSnapshot t) {}

  UrgencyClass informationClass() {
    return UrgencyClass.EXPEDITED;
  }

  abstract String informationArticle();

  abstract String conditionsArticle();

  boolean allowsPreliminaryCopy() {
    return false;
  }

  /** Bodies a subclass handles itself; default: not part of this kind of track. */
  Transition other(TrackSnapshot t, MachineEvent e) throws IllegalTransition {
    throw unexpected(t, e);
  }

  @Override
  public Transition open(Role role, InnerMessage request, Instant at, Map<String, String> context) {
    Transition.Builder b = Transition.to(OPEN);
    context.forEach(b::fact);
    openingFacts(request, b);
    startResponseClocks(b, b.build().facts(), at);
    return b.build();
  }

  @Override
  public Transition apply(TrackSnapshot t, MachineEvent e) throws IllegalTransition {
    return switch (e.body()) {
      case DETERMINATION -> determination(t, e);
      case ADDITIONAL_INFO_REQUEST -> {
        by(t, e, Role.REQUESTED);
        in(t, e, OPEN, POSTPONED);
        Transition.Builder b = Transition.to(AWAITING_INFORMATION);
        responseClocks().forEach(b::cancel);
        Instant due = e.message().getAdditionalInfoRequest().hasAnswerBy()
            ? instant(e.message().getAdditionalInfoRequest().getAnswerBy())
            : e.at().plus(timers.of(informationClass()));
        yield b.start(prefix() + ".information", e.message().getAdditionalInfoRequest().hasAnswerBy()
            ? UrgencyClass.FIXED : informationClass(), informationArticle(), due).build();
      }
      case ADDITIONAL_INFO_ANSWER -> {
        by(t, e, Role.REQUESTING);
        in(t, e, AWAITING_INFORMATION);
        Transition.Builder b = Transition.to(OPEN).cancel(prefix() + ".information");
        startResponseClocks(b, t.facts(), e.at());
        yield b.build();
      }
      case CONDITION_RESPONSE -> conditionResponse(t, e);
      case EVIDENCE_MANIFEST -> results(t, e);
      case EVIDENCE_CHUNK -> {
        by(t, e, Role.REQUESTED);
        // A chunk is results: only once a manifest put the track in a results state.
        if (t.state() != PRELIMINARY_RESULTS && t.state() != RESULTS_DELIVERED) {
          if (e.outbound()) {
            in(t, e, PRELIMINARY_RESULTS, RESULTS_DELIVERED);
          }
          yield Transition.to(t.state()).flag(OUT_OF_STEP, "evidence chunk " + e.message().getRouting().getMessageId()
              + " arrived on track " + t.trackId() + " in state " + t.state()
              + " (expected: PRELIMINARY_RESULTS or RESULTS_DELIVERED; no results while conditions are pending or"
              + " after a refusal)").build();
        }
        yield Transition.to(t.state()).build();
      }
      case USE_EXPLANATION_REQUEST -> {
        by(t, e, Role.REQUESTED);
        yield Transition.to(t.state()).build();
      }
      case USE_EXPLANATION_ANSWER -> {
        by(t, e, Role.REQUESTING);
        yield Transition.to(t.state()).build();
      }
      case CONSULTATION_MESSAGE -> Transition.to(t.state()).build();
      case REFERRAL -> referral(t, e);
      default -> other(t, e);
    };
  }

  /**
   * Art. 10.9: the authority that received the request is not competent and referred it to the
   * competent authority of its Party; the track keeps its state and follows the referral.
   */
  private Transition referral(TrackSnapshot t, MachineEvent e) throws IllegalTransition {
    by(t, e, Role.REQUESTED);
    in(t, e, OPEN, AWAITING_INFORMATION, POSTPONED);
    String to = e.message().getReferral().getReferredTo().strip();
    String party = e.message().getRouting().getSender().split("/", 2)[0];
    org.relay247.protocol.Address address;
    try {
      address = org.relay247.protocol.Address.parse(to);
    } catch (IllegalArgumentException ex) {
      throw new IllegalTransition("referral.referred_to: \"" + to + "\" on track " + t.trackId()
          + " (expected: an authority address of " + party + ", e.g. " + party + "/gsta-berlin)");
    }
    if (!address.party().code().equals(party)) {
      throw new IllegalTransition("referral.referred_to: " + to + " on track " + t.trackId() + " (expected: the"
          + " competent authority of " + party + ", the Party the request was sent to)");
    }
    return Transition.to(t.state()).fact("referredTo", address.toString()).build();
  }

  private Transition determination(TrackSnapshot t, MachineEvent e) throws IllegalTransition {
    by(t, e, Role.REQUESTED);
    Determination d = e.message().getDetermination();
    String id = e.message().getRouting().getMessageId();
    if (!e.outbound() && (t.state() == PRELIMINARY_RESULTS || t.state() == RESULTS_DELIVERED)) {
      // Delivery lanes may reorder: the results overtook the determination. Keep what it says.
      Transition.Builder b = Transition.to(t.state()).flag(OUT_OF_STEP, "determination " + id
          + " arrived after the results on track " + t.trackId());
      impose(t, d, id, b);
      return b.build();
    }
    in(t, e, OPEN, AWAITING_INFORMATION, POSTPONED, CONDITIONS_REFUSED);
    TrackState next = switch (d.getOutcome()) {
      case DETERMINATION_OUTCOME_WILL_PROVIDE -> DETERMINED;
      case DETERMINATION_OUTCOME_CONDITIONS -> CONDITIONS_PENDING;
      case DETERMINATION_OUTCOME_WILL_NOT_PROVIDE, DETERMINATION_OUTCOME_NOT_AN_EMERGENCY -> REFUSED;
      case DETERMINATION_OUTCOME_POSTPONED -> POSTPONED;
      default -> throw new IllegalTransition("determination.outcome: " + d.getOutcome() + " on track " + t.trackId()
          + " (expected: WILL_PROVIDE, CONDITIONS, WILL_NOT_PROVIDE, NOT_AN_EMERGENCY or POSTPONED)");
    };
    if (next == DETERMINED && d.getConditionsCount() > 0) {
      next = CONDITIONS_PENDING;
    }
    if (next == CONDITIONS_PENDING && d.getConditionsCount() == 0) {
      throw new IllegalTransition("determination.conditions: empty on track " + t.trackId()
          + " (expected: the conditions, for outcome CONDITIONS)");
    }
    Transition.Builder b = Transition.to(next).cancel(prefix() + ".information").cancel(CONDITIONS_DECISION)
        .cancel(POSTPONEMENT_END);
    determinationClocks().forEach(b::cancel);
    impose(t, d, id, b);
    switch (next) {
      case CONDITIONS_PENDING -> b.start(CONDITIONS_ANSWER, UrgencyClass.PROMPT, conditionsArticle(),
          e.at().plus(timers.of(UrgencyClass.PROMPT)));
      case DETERMINED -> onWillProvide(b, t, e.at());
      case REFUSED -> b.cancel(Transition.ALL_TIMERS);
      case POSTPONED -> {
        if (d.hasPostponedUntil()) {
          b.start(POSTPONEMENT_END, UrgencyClass.FIXED, "27.5", instant(d.getPostponedUntil()));
        }
      }
      default -> { }
    }
    return b.build();
  }

  private static void impose(TrackSnapshot t, Determination d, String determinationId, Transition.Builder b)
      throws IllegalTransition {
    Set<String> ids = new LinkedHashSet<>();
    for (Condition c : d.getConditionsList()) {
      if (c.getId().isBlank() || !ids.add(c.getId())) {
        throw new IllegalTransition("determination.conditions: id \"" + c.getId() + "\" on track " + t.trackId()
            + (c.getId().isBlank() ? " is empty" : " is repeated") + " (expected: a unique id per condition, e.g. c1)");
      }
      b.impose(new ConditionView(t.trackId(), determinationId, c.getId(), c.getKind(), c.getText(), c.getArticle(),
          ConditionView.Status.IMPOSED));
    }
  }

  private Transition conditionResponse(TrackSnapshot t, MachineEvent e) throws IllegalTransition {
    by(t, e, Role.REQUESTING);
    in(t, e, CONDITIONS_PENDING);
    ConditionResponse r = e.message().getConditionResponse();
    Set<String> pending = new LinkedHashSet<>();
    for (ConditionView c : t.conditions()) {
      if (c.status() == ConditionView.Status.IMPOSED && (r.getDeterminationMessageId().isEmpty()
          || r.getDeterminationMessageId().equals(c.determinationMessageId()))) {
        pending.add(c.conditionId());
      }
    }
    Transition.Builder b = Transition.to(CONDITIONS_ACCEPTED).cancel(CONDITIONS_ANSWER);
    Set<String> answered = new LinkedHashSet<>();
    boolean refused = false;
    for (ConditionAnswer a : r.getAnswersList()) {
      if (!pending.contains(a.getConditionId())) {
        throw new IllegalTransition("condition response: condition \"" + a.getConditionId()
            + "\" is not pending on track " + t.trackId() + " (expected: one of " + String.join(", ", pending) + ")");
      }
      if (a.getAcceptance() != ConditionAcceptance.CONDITION_ACCEPTANCE_ACCEPT_BOUND
          && a.getAcceptance() != ConditionAcceptance.CONDITION_ACCEPTANCE_CANNOT_COMPLY) {
        throw new IllegalTransition("condition response: acceptance of " + a.getConditionId() + ": "
            + a.getAcceptance() + " (expected: ACCEPT_BOUND or CANNOT_COMPLY)");
      }
      boolean accept = a.getAcceptance() == ConditionAcceptance.CONDITION_ACCEPTANCE_ACCEPT_BOUND;
      refused |= !accept;
      answered.add(a.getConditionId());
      b.answer(a.getConditionId(), accept ? ConditionView.Status.BINDING : ConditionView.Status.REFUSED);
    }
    List<String> missing = new ArrayList<>(pending);
    missing.removeAll(answered);
    if (!missing.isEmpty()) {
      throw new IllegalTransition("condition response: no answer for " + String.join(", ", missing) + " on track "
          + t.trackId() + " (expected: an answer for each of " + String.join(", ", pending) + ")");
    }
    if (refused) {
      b.state(CONDITIONS_REFUSED).start(CONDITIONS_DECISION, UrgencyClass.PROMPT, conditionsArticle(),
          e.at().plus(timers.of(UrgencyClass.PROMPT)));
    } else {
      onWillProvide(b, t, e.at());
    }
    return b.build();
  }

  private Transition results(TrackSnapshot t, MachineEvent e) throws IllegalTransition {
    by(t, e, Role.REQUESTED);
    EvidenceManifest m = e.message().getEvidenceManifest();
    String manifestId = e.message().getRouting().getMessageId();
    boolean preliminary = m.getCopyKind() == CopyKind.COPY_KIND_PRELIMINARY;
    if (preliminary && !allowsPreliminaryCopy()) {
      throw new IllegalTransition("evidence manifest.copy_kind: PRELIMINARY on " + kind() + " track " + t.trackId()
          + " (expected: OFFICIAL; a preliminary copy by an agreed alternate channel is Art. 10.6)");
    }
    Set<TrackState> ready = Set.of(DETERMINED, AWAITING_PROVIDER, CONDITIONS_ACCEPTED, PRELIMINARY_RESULTS,
        RESULTS_DELIVERED);
    if (!e.outbound() && (t.state() == CONDITIONS_PENDING || t.state() == CONDITIONS_REFUSED)) {
      // Not a reordering: this node answered (or has yet to answer) the conditions itself. The
      // track keeps its state; the items are recorded so the chunks that follow are flagged too.
      Transition.Builder b = Transition.to(t.state()).flag("RESULTS_UNDER_CONDITIONS", "results " + manifestId
          + " arrived on track " + t.trackId() + " in state " + t.state() + " (expected: after the conditions were"
          + " accepted, Art. " + conditionsArticle() + "; do not use the data before a person decides)");
      HexFormat hex = HexFormat.of();
      for (EvidenceItem item : m.getItemsList()) {
        b.item(new Transition.ManifestItem(manifestId, item.getItemId(), preliminary ? "PRELIMINARY" : "OFFICIAL",
            hex.formatHex(item.getSha256().toByteArray())));
      }
      return b.build();
    }
    Transition.Builder b = Transition.to(preliminary && t.state() != RESULTS_DELIVERED ? PRELIMINARY_RESULTS
        : RESULTS_DELIVERED);
    if (!ready.contains(t.state())) {
      if (e.outbound() || t.state().terminal()) {
        in(t, e, DETERMINED, AWAITING_PROVIDER, CONDITIONS_ACCEPTED, PRELIMINARY_RESULTS, RESULTS_DELIVERED);
      }
      b.flag(OUT_OF_STEP, "results " + manifestId + " arrived on track " + t.trackId() + " in state " + t.state()
          + " (expected: after a determination to provide)");
    }
    HexFormat hex = HexFormat.of();
    String copy = preliminary ? "PRELIMINARY" : "OFFICIAL";
    for (EvidenceItem item : m.getItemsList()) {
      b.item(new Transition.ManifestItem(manifestId, item.getItemId(), copy, hex.formatHex(item.getSha256().toByteArray())));
    }
    if (!preliminary) {
      Set<String> official = new LinkedHashSet<>();
      for (EvidenceItem item : m.getItemsList()) {
        official.add(item.getItemId());
        String earlier = t.preliminaryHashes().get(item.getItemId());
        String now = hex.formatHex(item.getSha256().toByteArray());
        if (earlier != null && !earlier.equals(now)) {
          b.flag("RESULTS_HASH_MISMATCH", "item " + item.getItemId() + " of official results " + manifestId
              + ": SHA-256 " + now + " differs from the preliminary copy's " + earlier + " (Art. 10.6)");
        }
      }
      for (String item : t.preliminaryHashes().keySet()) {
        if (!official.contains(item)) {
          b.flag("RESULTS_ITEM_MISSING", "item " + item + " of the preliminary copy is not in official results "
              + manifestId + " (Art. 10.6)");
        }
      }
      resultsClocks().forEach(b::cancel);
      onOfficialResults(b, t);
    }
    return b.build();
  }

  static void by(TrackSnapshot t, MachineEvent e, Role expected) throws IllegalTransition {
    if (e.by() != expected) {
      throw new IllegalTransition(e.bodyName() + " from the " + side(e.by()) + " side on track " + t.trackId()
          + " (expected: from the " + side(expected) + " Party" + (t.role() == expected ? ", this node" : ", "
          + t.counterpart()) + ")");
    }
  }

  static void in(TrackSnapshot t, MachineEvent e, TrackState... allowed) throws IllegalTransition {
    if (!List.of(allowed).contains(t.state())) {
      throw new IllegalTransition(e.bodyName() + " on track " + t.trackId() + " in state " + t.state()
          + " (expected: " + or(allowed) + ")");
    }
  }

  static IllegalTransition unexpected(TrackSnapshot t, MachineEvent e) {
    return new IllegalTransition(e.bodyName() + " on " + t.kind() + " track " + t.trackId()
        + " (expected: a message of this kind of request; see docs/cases.md)");
  }

  static String or(TrackState... states) {
    if (states.length == 1) {
      return states[0].name();
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < states.length; i++) {
      s.append(i == 0 ? "" : i == states.length - 1 ? " or " : ", ").append(states[i].name());
    }
    return s.toString();
  }

  static String side(Role r) {
    return r == Role.REQUESTING ? "requesting" : "requested";
  }

  static Instant instant(com.google.protobuf.Timestamp t) {
    return Instant.ofEpochMilli(Timestamps.toMillis(t));
  }
}
