package org.relay247.gateway.cases.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relay247.gateway.cases.machine.Msgs.T0;
import static org.relay247.gateway.cases.machine.Msgs.TIMERS;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relay247.gateway.cases.ConditionView;
import org.relay247.gateway.cases.ObligationView;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.UrgencyClass;
import org.relay247.protocol.v1.Art9FollowUp;
import org.relay247.protocol.v1.Art9Request;
import org.relay247.protocol.v1.ConditionAcceptance;
import org.relay247.protocol.v1.ConditionKind;
import org.relay247.protocol.v1.CopyKind;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.InnerMessage;

class Art9MachineTest {
  final Art9Machine machine = new Art9Machine(TIMERS);

  TrackSnapshot opened(Role role, Map<String, String> context) {
    Transition t = machine.open(role, Msgs.msg("req").setArt9Request(Art9Request.getDefaultInstance()).build(), T0,
        context);
    return Msgs.after(Msgs.track(TrackKind.ART9, role, TrackState.OPEN), t);
  }

  @Test
  void request_opensTrack_withExpeditedDeterminationTimer() {
    Transition t = machine.open(Role.REQUESTING, Msgs.msg("req").setArt9Request(Art9Request.getDefaultInstance())
        .build(), T0, Map.of());

    assertThat(t.state()).isEqualTo(TrackState.OPEN);
    assertThat(t.timersStarted()).singleElement().satisfies(s -> {
      assertThat(s.name()).isEqualTo("art9.determination");
      assertThat(s.urgency()).isEqualTo(UrgencyClass.EXPEDITED);
      assertThat(s.dueAt()).isEqualTo(T0.plus(TIMERS.of(UrgencyClass.EXPEDITED)));
    });
  }

  @Test
  void determinationToProvide_movesToDetermined_andStopsTheDeterminationClock() throws Exception {
    TrackSnapshot t = opened(Role.REQUESTED, Map.of());

    Transition x = machine.apply(t, Msgs.by(Role.REQUESTED, true,
        Msgs.determination("d1", DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE)));

    assertThat(x.state()).isEqualTo(TrackState.DETERMINED);
    assertThat(x.timersCancelled()).contains("art9.determination");
    assertThat(x.timersStarted()).extracting(Transition.TimerStart::name).containsExactly("art9.results");
  }

  @Test
  void secondDetermination_isRefusedPrecisely() throws Exception {
    TrackSnapshot t = Msgs.after(opened(Role.REQUESTED, Map.of()), machine.apply(opened(Role.REQUESTED, Map.of()),
        Msgs.by(Role.REQUESTED, true, Msgs.determination("d1", DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE))));

    assertThatThrownBy(() -> machine.apply(t, Msgs.by(Role.REQUESTED, true,
        Msgs.determination("d2", DeterminationOutcome.DETERMINATION_OUTCOME_WILL_NOT_PROVIDE))))
        .isInstanceOf(IllegalTransition.class)
        .hasMessage("determination on track req in state DETERMINED (expected: OPEN, AWAITING_INFORMATION,"
            + " POSTPONED or CONDITIONS_REFUSED)");
  }

  @Test
  void determinationFromTheRequestingSide_isRefused() {
    TrackSnapshot t = opened(Role.REQUESTING, Map.of());

    assertThatThrownBy(() -> machine.apply(t, Msgs.by(Role.REQUESTING, true,
        Msgs.determination("d1", DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE))))
        .isInstanceOf(IllegalTransition.class)
        .hasMessageContaining("determination from the requesting side on track req (expected: from the requested Party");
  }

  @Test
  void conditions_thenAcceptBound_makeThemBinding() throws Exception {
    TrackSnapshot t = opened(Role.REQUESTING, Map.of());
    Transition imposed = machine.apply(t, Msgs.by(Role.REQUESTED, false, Msgs.determination("d1",
        DeterminationOutcome.DETERMINATION_OUTCOME_CONDITIONS,
        Msgs.condition("c1", ConditionKind.CONDITION_KIND_USE_LIMITATION))));
    assertThat(imposed.state()).isEqualTo(TrackState.CONDITIONS_PENDING);
    assertThat(imposed.conditionsImposed()).extracting(ConditionView::status).containsExactly(ConditionView.Status.IMPOSED);
    assertThat(imposed.timersStarted()).extracting(Transition.TimerStart::urgency).containsExactly(UrgencyClass.PROMPT);
    t = Msgs.after(t, imposed);

    Transition accepted = machine.apply(t, Msgs.by(Role.REQUESTING, true,
        Msgs.conditionResponse("r1", "d1", ConditionAcceptance.CONDITION_ACCEPTANCE_ACCEPT_BOUND)));

    assertThat(accepted.state()).isEqualTo(TrackState.CONDITIONS_ACCEPTED);
    assertThat(accepted.conditionAnswers()).containsEntry("c1", ConditionView.Status.BINDING);
  }

  @Test
  void cannotComply_leavesTheDecisionToTheRequestedParty() throws Exception {
    TrackSnapshot t = opened(Role.REQUESTING, Map.of());
    t = Msgs.after(t, machine.apply(t, Msgs.by(Role.REQUESTED, false, Msgs.determination("d1",
        DeterminationOutcome.DETERMINATION_OUTCOME_CONDITIONS,
        Msgs.condition("c1", ConditionKind.CONDITION_KIND_CONFIDENTIALITY)))));

    Transition refused = machine.apply(t, Msgs.by(Role.REQUESTING, true,
        Msgs.conditionResponse("r1", "d1", ConditionAcceptance.CONDITION_ACCEPTANCE_CANNOT_COMPLY)));
    assertThat(refused.state()).isEqualTo(TrackState.CONDITIONS_REFUSED);
    t = Msgs.after(t, refused);

    Transition anyway = machine.apply(t, Msgs.by(Role.REQUESTED, false,
        Msgs.determination("d2", DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE)));
    assertThat(anyway.state()).isEqualTo(TrackState.DETERMINED);
  }

  @Test
  void conditionResponseWithoutAnAnswerForEachCondition_isRefused() throws Exception {
    TrackSnapshot t = opened(Role.REQUESTING, Map.of());
    TrackSnapshot pending = Msgs.after(t, machine.apply(t, Msgs.by(Role.REQUESTED, false, Msgs.determination("d1",
        DeterminationOutcome.DETERMINATION_OUTCOME_CONDITIONS,
        Msgs.condition("c1", ConditionKind.CONDITION_KIND_CONFIDENTIALITY),
        Msgs.condition("c2", ConditionKind.CONDITION_KIND_USE_LIMITATION)))));

    assertThatThrownBy(() -> machine.apply(pending, Msgs.by(Role.REQUESTING, true,
        Msgs.conditionResponse("r1", "d1", ConditionAcceptance.CONDITION_ACCEPTANCE_ACCEPT_BOUND))))
        .isInstanceOf(IllegalTransition.class)
        .hasMessage("condition response: no answer for c2 on track req (expected: an answer for each of c1, c2)");
  }

  @Test
  void officialResults_toAParty_thatDeclared9_5_openTheFollowUpObligation_closedByTheFollowUp() throws Exception {
    TrackSnapshot t = opened(Role.REQUESTING, Map.of(Art9Machine.DECLARED_9_5, "true"));
    t = Msgs.after(t, machine.apply(t, Msgs.by(Role.REQUESTED, false,
        Msgs.determination("d1", DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE))));

    Transition results = machine.apply(t, Msgs.by(Role.REQUESTED, false,
        Msgs.manifest("m1", CopyKind.COPY_KIND_OFFICIAL, "i1", "1")));
    assertThat(results.state()).isEqualTo(TrackState.RESULTS_DELIVERED);
    assertThat(results.obligationsOpened()).extracting(Transition.ObligationOpen::kind)
        .containsExactly(ObligationView.Kind.FOLLOW_UP_9_5);
    t = Msgs.after(t, results);

    Transition followUp = machine.apply(t, Msgs.by(Role.REQUESTING, true, Msgs.msg("f1")
        .setArt9FollowUp(Art9FollowUp.newBuilder().setRequestMessageId("req")).build()));
    assertThat(followUp.obligationsClosed()).containsExactly(ObligationView.Kind.FOLLOW_UP_9_5);
  }

  @Test
  void officialResults_withoutA9_5Declaration_openNoObligation() throws Exception {
    TrackSnapshot t = opened(Role.REQUESTING, Map.of(Art9Machine.DECLARED_9_5, "false"));
    t = Msgs.after(t, machine.apply(t, Msgs.by(Role.REQUESTED, false,
        Msgs.determination("d1", DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE))));

    Transition results = machine.apply(t, Msgs.by(Role.REQUESTED, false,
        Msgs.manifest("m1", CopyKind.COPY_KIND_OFFICIAL, "i1", "1")));

    assertThat(results.obligationsOpened()).isEmpty();
  }

  @Test
  void resultsSentBeforeADetermination_areRefused_butReceivedOnesAreFlagged() {
    TrackSnapshot requested = opened(Role.REQUESTED, Map.of());
    InnerMessage results = Msgs.manifest("m1", CopyKind.COPY_KIND_OFFICIAL, "i1", "1");

    assertThatThrownBy(() -> machine.apply(requested, Msgs.by(Role.REQUESTED, true, results)))
        .isInstanceOf(IllegalTransition.class)
        .hasMessage("evidence manifest on track req in state OPEN (expected: DETERMINED, AWAITING_PROVIDER,"
            + " CONDITIONS_ACCEPTED, PRELIMINARY_RESULTS or RESULTS_DELIVERED)");

    TrackSnapshot requesting = opened(Role.REQUESTING, Map.of());
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> {
      Transition x = machine.apply(requesting, Msgs.by(Role.REQUESTED, false, results));
      assertThat(x.state()).isEqualTo(TrackState.RESULTS_DELIVERED);
      assertThat(x.flags()).extracting(Transition.Flag::code).containsExactly("OUT_OF_STEP");
    })).isNull();
  }

  @Test
  void preliminaryCopy_isNotAnArt9Channel() throws Exception {
    TrackSnapshot t = opened(Role.REQUESTED, Map.of());
    TrackSnapshot determined = Msgs.after(t, machine.apply(t, Msgs.by(Role.REQUESTED, true,
        Msgs.determination("d1", DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE))));

    assertThatThrownBy(() -> machine.apply(determined, Msgs.by(Role.REQUESTED, true,
        Msgs.manifest("m1", CopyKind.COPY_KIND_PRELIMINARY, "i1", "1"))))
        .isInstanceOf(IllegalTransition.class).hasMessageContaining("PRELIMINARY on ART9 track req");
  }

  @Test
  void refusal_cancelsEveryTimer() throws Exception {
    Transition x = machine.apply(opened(Role.REQUESTED, Map.of()), Msgs.by(Role.REQUESTED, true,
        Msgs.determination("d1", DeterminationOutcome.DETERMINATION_OUTCOME_NOT_AN_EMERGENCY)));

    assertThat(x.state()).isEqualTo(TrackState.REFUSED);
    assertThat(x.timersCancelled()).contains(Transition.ALL_TIMERS);
  }
}
