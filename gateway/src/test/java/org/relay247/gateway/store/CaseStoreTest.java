package org.relay247.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.cases.CaseEngine;
import org.relay247.gateway.cases.CaseRuleViolation;
import org.relay247.gateway.cases.CaseService;
import org.relay247.gateway.cases.CaseTimerSettings;
import org.relay247.gateway.cases.CaseTimerWorker;
import org.relay247.gateway.cases.CaseView;
import org.relay247.gateway.cases.ConditionView;
import org.relay247.gateway.cases.ConditionViolation;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TimerView;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.UrgencyClass;
import org.relay247.gateway.cases.UseIntent;
import org.relay247.gateway.cases.internal.CaseStore;
import org.relay247.gateway.cases.machine.Machines;
import org.relay247.gateway.metrics.NodeMetrics;
import org.relay247.pki.TestClock;
import org.relay247.protocol.v1.Art9Request;
import org.relay247.protocol.v1.Condition;
import org.relay247.protocol.v1.ConditionAcceptance;
import org.relay247.protocol.v1.ConditionAnswer;
import org.relay247.protocol.v1.ConditionKind;
import org.relay247.protocol.v1.ConditionResponse;
import org.relay247.protocol.v1.ContactDetails;
import org.relay247.protocol.v1.Determination;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Routing;

/** The case engine and timer worker on a real database (SQLite here; PostgreSQL with -Ppostgresql). */
class CaseStoreTest {
  static final String CASE = "019aa430-0000-7000-8000-000000000001";
  static final String REQUEST = "019aa430-0000-7000-8000-000000000002";

  @TempDir Path dir;
  Database db;
  TestClock clock = TestClock.stoppedAt(Instant.parse("2025-11-21T02:00:00Z"));
  CaseStore store;
  CaseEngine engine;
  CaseService cases;
  AuditLog audit;
  EscalationStore escalations;
  NodeMetrics metrics = new NodeMetrics();
  CaseTimerWorker worker;

  @BeforeEach
  void open() throws Exception {
    db = TestNetwork.testDatabase(dir);
    store = new CaseStore(db);
    audit = new AuditLog(db, clock);
    escalations = new EscalationStore(db);
    engine = new CaseEngine(store, new Machines(CaseTimerSettings.defaults()), Directory::getDefaultInstance, audit);
    cases = new CaseService(store, CaseTimerSettings.defaults(), clock);
    worker = new CaseTimerWorker(store, escalations, audit, metrics, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  static InnerMessage.Builder message(String id, String from, String to) {
    return InnerMessage.newBuilder().setRouting(Routing.newBuilder().setMessageId(id).setCaseId(CASE)
        .setSender(from).setRecipient(to).setReplyToId(id.equals(REQUEST) ? "" : REQUEST));
  }

  void sendRequest() {
    db.inTransaction(c -> {
      engine.recordOutbound(c, message(REQUEST, "FR/poc", "DE/poc").setArt9Request(Art9Request.newBuilder()
          .setInvestigationReference("J3-2025-118")).build(), "duty officer", clock.instant());
      return null;
    });
  }

  void receive(InnerMessage m) {
    db.inTransaction(c -> {
      engine.recordInbound(c, m, clock.instant());
      return null;
    });
  }

  void send(InnerMessage m) {
    engine.checkOutbound(m, clock.instant());
    db.inTransaction(c -> {
      engine.recordOutbound(c, m, "duty officer", clock.instant());
      return null;
    });
  }

  @Test
  void sentRequest_opensACaseWithOneTrack_andItsTimer() {
    sendRequest();

    CaseView view = cases.find(CASE).orElseThrow();
    assertThat(view.tracks()).singleElement().satisfies(t -> {
      assertThat(t.requestMessageId()).isEqualTo(REQUEST);
      assertThat(t.kind()).isEqualTo(TrackKind.ART9);
      assertThat(t.role()).isEqualTo(Role.REQUESTING);
      assertThat(t.counterpart()).isEqualTo("DE/poc");
      assertThat(t.state()).isEqualTo(TrackState.OPEN);
    });
    assertThat(view.timers()).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("art9.determination");
      assertThat(t.status()).isEqualTo(TimerView.Status.ACTIVE);
    });
    assertThat(cases.timeline(CASE)).extracting(e -> e.event()).containsExactly("SENT");
    assertThat(audit.entries(CASE)).extracting(e -> e.action()).containsExactly("CASE_OPENED");
  }

  @Test
  void missedTimer_escalatesOnce_withMetricAuditAndTimeline() {
    sendRequest();
    clock.advance(CaseTimerSettings.defaults().of(UrgencyClass.EXPEDITED).minusSeconds(1));
    assertThat(worker.runOnce()).isZero();

    clock.advance(Duration.ofSeconds(2));
    assertThat(worker.runOnce()).isEqualTo(1);
    assertThat(worker.runOnce()).isZero();

    assertThat(escalations.recent(10)).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(CaseTimerWorker.ESCALATION_KIND);
      assertThat(e.messageId()).isEqualTo(REQUEST);
      assertThat(e.detail()).contains("art9.determination missed (EXPEDITED, Art. 9.6");
    });
    assertThat(metrics.scrape()).contains("relay247_case_timers_missed_total{class=\"EXPEDITED\"} 1.0");
    assertThat(audit.entries(CASE)).extracting(e -> e.action()).contains("CASE_TIMER_MISSED");
    assertThat(cases.find(CASE).orElseThrow().timers()).extracting(TimerView::status)
        .containsExactly(TimerView.Status.FIRED);
    assertThat(cases.timeline(CASE)).extracting(e -> e.event()).containsExactly("SENT", "TIMER_FIRED");
  }

  @Test
  void timerCancelledByTheAwaitedMessage_neverFires() {
    sendRequest();
    receive(determination("019aa430-0000-7000-8000-000000000003", DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE));
    clock.advance(CaseTimerSettings.defaults().of(UrgencyClass.EXPEDITED).plusSeconds(1));

    // The results timer started by the determination fires; the determination timer does not.
    worker.runOnce();
    assertThat(cases.find(CASE).orElseThrow().timers()).extracting(TimerView::name, TimerView::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("art9.determination", TimerView.Status.CANCELLED),
            org.assertj.core.groups.Tuple.tuple("art9.results", TimerView.Status.FIRED));
  }

  InnerMessage determination(String id, DeterminationOutcome outcome, Condition... conditions) {
    return message(id, "DE/poc", "FR/poc").setSenderContact(ContactDetails.newBuilder().setName("KHK Brenner"))
        .setDetermination(Determination.newBuilder().setRequestMessageId(REQUEST).setOutcome(outcome)
            .addAllConditions(java.util.List.of(conditions))).build();
  }

  static Condition condition(String id, ConditionKind kind, String text, String article) {
    return Condition.newBuilder().setId(id).setKind(kind).setText(text).setArticle(article).build();
  }

  /** FR accepts to be bound by the determination's conditions {@code ids}. */
  void acceptBound(String determinationId, String... ids) {
    ConditionResponse.Builder r = ConditionResponse.newBuilder().setDeterminationMessageId(determinationId);
    for (String id : ids) {
      r.addAnswers(ConditionAnswer.newBuilder().setConditionId(id)
          .setAcceptance(ConditionAcceptance.CONDITION_ACCEPTANCE_ACCEPT_BOUND));
    }
    send(message("019aa430-0000-7000-8000-000000000005", "FR/poc", "DE/poc").setConditionResponse(r).build());
  }

  @Test
  void acceptedConditions_bind_andCheckUseNamesTheConditionThatForbidsAUse() {
    sendRequest();
    String determinationId = "019aa430-0000-7000-8000-000000000004";
    receive(determination(determinationId, DeterminationOutcome.DETERMINATION_OUTCOME_CONDITIONS,
        condition("c1", ConditionKind.CONDITION_KIND_CONFIDENTIALITY, "keep confidential", "28.2.a"),
        condition("c2", ConditionKind.CONDITION_KIND_USE_LIMITATION, "only for J3-2025-118", "28.2.b")));
    // Imposed but not yet accepted: nothing binds.
    cases.checkUse(CASE, UseIntent.export("IT/ca", "J3-2025-118"));

    acceptBound(determinationId, "c1", "c2");

    assertThat(cases.find(CASE).orElseThrow().conditions()).extracting(ConditionView::status)
        .containsOnly(ConditionView.Status.BINDING);
    assertThatThrownBy(() -> cases.checkUse(CASE, UseIntent.export("IT/ca", "J3-2025-118")))
        .isInstanceOf(ConditionViolation.class).hasMessageContaining("condition c1 (CONFIDENTIALITY, Art. 28.2.a)")
        .hasMessageContaining("forbids export to IT/ca");
    assertThatThrownBy(() -> cases.checkUse(CASE, UseIntent.reuse("tax audit", "TAX-77")))
        .isInstanceOf(ConditionViolation.class)
        .hasMessageContaining("condition c2 (USE_LIMITATION, Art. 28.2.b)")
        .hasMessageContaining("limits use to investigation J3-2025-118; this re-use is for TAX-77");
    cases.checkUse(CASE, UseIntent.reuse("arrest warrant", "J3-2025-118"));
  }

  @Test
  void purgeRecorded_replacesConditionTexts_keepsThemBinding_andPutsPurgedOnTheTimeline() {
    sendRequest();
    String determinationId = "019aa430-0000-7000-8000-000000000004";
    receive(determination(determinationId, DeterminationOutcome.DETERMINATION_OUTCOME_CONDITIONS,
        condition("c1", ConditionKind.CONDITION_KIND_CONFIDENTIALITY, "do not tell Max Mustermann", "28.2.a")));
    acceptBound(determinationId, "c1");
    String proofId = "019aa430-0000-7000-8000-000000000009";

    db.inTransaction(c -> {
      cases.recordPurge(c, CASE, proofId, "dpo", clock.instant());
      return null;
    });

    assertThat(cases.find(CASE).orElseThrow().conditions()).singleElement().satisfies(c -> {
      assertThat(c.text()).isEqualTo(CaseService.PURGED_TEXT);
      assertThat(c.kind()).isEqualTo(ConditionKind.CONDITION_KIND_CONFIDENTIALITY);
      assertThat(c.status()).isEqualTo(ConditionView.Status.BINDING);
    });
    assertThatThrownBy(() -> cases.checkUse(CASE, UseIntent.export("IT/ca", "J3-2025-118")))
        .isInstanceOf(ConditionViolation.class).hasMessageContaining("condition c1 (CONFIDENTIALITY, Art. 28.2.a)")
        .hasMessageNotContaining("Mustermann");
    assertThat(cases.timeline(CASE)).last().satisfies(e -> {
      assertThat(e.event() + " " + e.bodyType() + " " + e.actor()).isEqualTo("PURGED PURGE_RECORD dpo");
      assertThat(e.messageId()).contains(proofId);
    });
  }

  @Test
  void determinationWithoutAPersonsName_isRefusedAtSubmit() {
    db.inTransaction(c -> {
      engine.recordInbound(c, message(REQUEST, "FR/poc", "DE/poc").setArt9Request(Art9Request.getDefaultInstance())
          .build(), clock.instant());
      return null;
    });
    InnerMessage anonymous = determination("019aa430-0000-7000-8000-000000000006",
        DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE).toBuilder().clearSenderContact()
        .setRouting(message("x", "DE/poc", "FR/poc").getRouting().toBuilder()
            .setMessageId("019aa430-0000-7000-8000-000000000006")).build();

    assertThatThrownBy(() -> engine.checkOutbound(anonymous, clock.instant()))
        .isInstanceOf(CaseRuleViolation.class)
        .hasMessage("sender_contact.name: empty on a determination for track " + REQUEST
            + " (expected: the name of the person who decided; determinations are human acts, Art. 14.6)");
  }

  @Test
  void replyNamingAnUnknownCase_isRefusedAtSubmit_butFlaggedWhenReceived() {
    InnerMessage reply = determination("019aa430-0000-7000-8000-000000000007",
        DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE);

    assertThatThrownBy(() -> engine.checkOutbound(reply, clock.instant()))
        .isInstanceOf(CaseRuleViolation.class)
        .hasMessageStartingWith("routing.case_id: " + CASE + " is not a case of this node");

    receive(reply);
    assertThat(cases.find(CASE).orElseThrow().flags()).extracting(f -> f.code()).containsExactly("UNKNOWN_CASE");
  }

  @Test
  void receivedMessageOutOfStep_isFlagged_andLeavesTheStateAlone() {
    sendRequest();
    InnerMessage second = determination("019aa430-0000-7000-8000-000000000008",
        DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE);
    receive(second);
    receive(determination("019aa430-0000-7000-8000-000000000009",
        DeterminationOutcome.DETERMINATION_OUTCOME_WILL_NOT_PROVIDE));

    CaseView view = cases.find(CASE).orElseThrow();
    assertThat(view.tracks().get(0).state()).isEqualTo(TrackState.DETERMINED);
    assertThat(view.flags()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo("OUT_OF_STEP");
      assertThat(f.detail()).isEqualTo("determination on track " + REQUEST + " in state DETERMINED (expected: OPEN,"
          + " AWAITING_INFORMATION, POSTPONED or CONDITIONS_REFUSED)");
    });
  }

  @Test
  void requestRefusedByTheRecipientsSignedRejection_endsItsTrack_withoutTimers_andIsFlagged() {
    sendRequest();
    InnerMessage request = message(REQUEST, "FR/poc", "DE/poc").setArt9Request(Art9Request.getDefaultInstance())
        .build();

    engine.recordRejection(request, "REJECTION_REASON_TREATY_RULE", "9.1.b", clock.instant());

    CaseView view = cases.find(CASE).orElseThrow();
    assertThat(view.tracks()).singleElement().satisfies(t -> assertThat(t.state()).isEqualTo(TrackState.REFUSED));
    assertThat(view.timers()).extracting(TimerView::status).containsOnly(TimerView.Status.CANCELLED);
    assertThat(view.flags()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo("REJECTED_BY_RECIPIENT");
      assertThat(f.detail()).isEqualTo("art9 request " + REQUEST + " refused by DE/poc: REJECTION_REASON_TREATY_RULE"
          + " (Art. 9.1.b)");
    });
    assertThat(cases.timeline(CASE)).extracting(e -> e.event() + " " + e.stateAfter().orElseThrow())
        .containsExactly("SENT OPEN", "REJECTED REFUSED");
    clock.advance(CaseTimerSettings.defaults().of(UrgencyClass.EXPEDITED).plusSeconds(1));
    assertThat(worker.runOnce()).isZero();
  }

  @Test
  void replyRefusedByTheRecipient_isFlagged_andLeavesTheTrackAsRecorded() {
    db.inTransaction(c -> {
      engine.recordInbound(c, message(REQUEST, "FR/poc", "DE/poc").setArt9Request(Art9Request.getDefaultInstance())
          .build(), clock.instant());
      return null;
    });
    InnerMessage reply = message("019aa430-0000-7000-8000-00000000000a", "DE/poc", "FR/poc")
        .setSenderContact(ContactDetails.newBuilder().setName("KHK Brenner")).setDetermination(Determination
            .newBuilder().setRequestMessageId(REQUEST)
            .setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE)).build();
    send(reply);

    engine.recordRejection(reply, "REJECTION_REASON_TREATY_RULE", "", clock.instant());

    CaseView view = cases.find(CASE).orElseThrow();
    assertThat(view.tracks().get(0).state()).isEqualTo(TrackState.DETERMINED);
    assertThat(view.flags()).extracting(f -> f.code() + ": " + f.detail()).containsExactly("REJECTED_BY_RECIPIENT:"
        + " determination 019aa430-0000-7000-8000-00000000000a refused by FR/poc: REJECTION_REASON_TREATY_RULE");
  }
}
