package org.relay247.gateway.cases.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relay247.gateway.cases.machine.Msgs.T0;
import static org.relay247.gateway.cases.machine.Msgs.TIMERS;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relay247.gateway.cases.ObligationView;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.UrgencyClass;
import org.relay247.protocol.v1.AdditionalInfoAnswer;
import org.relay247.protocol.v1.AdditionalInfoRequest;
import org.relay247.protocol.v1.Art10Request;
import org.relay247.protocol.v1.Art10Route;
import org.relay247.protocol.v1.CentralAuthorityCopy;
import org.relay247.protocol.v1.CopyKind;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.ExecutionStatus;
import org.relay247.protocol.v1.ExecutionStep;
import org.relay247.protocol.v1.InnerMessage;

class Art10MachineTest {
  final Art10Machine machine = new Art10Machine(TIMERS);

  TrackSnapshot opened(Art10Route route) {
    Transition t = machine.open(Role.REQUESTING, Msgs.msg("req").setArt10Request(Art10Request.newBuilder()
        .setRoute(route)).build(), T0, Map.of());
    return Msgs.after(Msgs.track(TrackKind.ART10, Role.REQUESTING, TrackState.OPEN), t);
  }

  TrackSnapshot determined() throws Exception {
    TrackSnapshot t = opened(Art10Route.ART10_ROUTE_CENTRAL_AUTHORITY);
    return Msgs.after(t, machine.apply(t, Msgs.by(Role.REQUESTED, false,
        Msgs.determination("d1", DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE))));
  }

  @Test
  void routeOtherThanCentralAuthorities_opensTheCopyObligation_closedByTheCopy() throws Exception {
    Transition open = machine.open(Role.REQUESTING, Msgs.msg("req").setArt10Request(Art10Request.newBuilder()
        .setRoute(Art10Route.ART10_ROUTE_POINT_OF_CONTACT)).build(), T0, Map.of());
    assertThat(open.obligationsOpened()).extracting(Transition.ObligationOpen::kind)
        .containsExactly(ObligationView.Kind.CENTRAL_AUTHORITY_COPY_10_9);
    // The 10.4 response clock, and the copy's own clock: "simultaneously" (10.9), IMMEDIATE.
    assertThat(open.timersStarted()).extracting(Transition.TimerStart::name, Transition.TimerStart::urgency)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("art10.response", UrgencyClass.MOST_RAPID),
            org.assertj.core.groups.Tuple.tuple("art10.ca_copy", UrgencyClass.IMMEDIATE));

    Transition copy = machine.apply(opened(Art10Route.ART10_ROUTE_POINT_OF_CONTACT), Msgs.by(Role.REQUESTING, true,
        Msgs.msg("cc").setCentralAuthorityCopy(CentralAuthorityCopy.newBuilder().setOriginalMessageId("req")).build()));
    assertThat(copy.obligationsClosed()).containsExactly(ObligationView.Kind.CENTRAL_AUTHORITY_COPY_10_9);
    assertThat(copy.timersCancelled()).contains("art10.ca_copy");
  }

  @Test
  void centralAuthorityRoute_opensNoObligation() {
    Transition open = machine.open(Role.REQUESTING, Msgs.msg("req").setArt10Request(Art10Request.newBuilder()
        .setRoute(Art10Route.ART10_ROUTE_CENTRAL_AUTHORITY)).build(), T0, Map.of());

    assertThat(open.obligationsOpened()).isEmpty();
  }

  @Test
  void additionalInformationLoop_stopsAndRestartsTheResponseClock() throws Exception {
    TrackSnapshot t = opened(Art10Route.ART10_ROUTE_CENTRAL_AUTHORITY);
    Transition asked = machine.apply(t, Msgs.by(Role.REQUESTED, false, Msgs.msg("q1").setAdditionalInfoRequest(
        AdditionalInfoRequest.newBuilder().setRequestMessageId("req")).build()));
    assertThat(asked.state()).isEqualTo(TrackState.AWAITING_INFORMATION);
    assertThat(asked.timersCancelled()).contains("art10.response");
    assertThat(asked.timersStarted()).extracting(Transition.TimerStart::name).containsExactly("art10.information");
    t = Msgs.after(t, asked);

    Transition answered = machine.apply(t, Msgs.by(Role.REQUESTING, true, Msgs.msg("a1").setAdditionalInfoAnswer(
        AdditionalInfoAnswer.newBuilder().setRequestMessageId("q1")).build()));
    assertThat(answered.state()).isEqualTo(TrackState.OPEN);
    assertThat(answered.timersStarted()).extracting(Transition.TimerStart::name).containsExactly("art10.response");
  }

  @Test
  void answerWithoutAQuestion_isRefused() {
    assertThatThrownBy(() -> machine.apply(opened(Art10Route.ART10_ROUTE_CENTRAL_AUTHORITY), Msgs.by(Role.REQUESTING,
        true, Msgs.msg("a1").setAdditionalInfoAnswer(AdditionalInfoAnswer.newBuilder()).build())))
        .isInstanceOf(IllegalTransition.class)
        .hasMessage("additional info answer on track req in state OPEN (expected: AWAITING_INFORMATION)");
  }

  private static InnerMessage awaitingProvider(String id) {
    return Msgs.msg(id).setExecutionStatus(ExecutionStatus.newBuilder().setRequestMessageId("req")
        .setStep(ExecutionStep.EXECUTION_STEP_AWAITING_PROVIDER).setArticle("10.4")).build();
  }

  @Test
  void servedOnTheProvider_isAwaitingProvider_withTheResultsClockRunning_thenResultsDeliver() throws Exception {
    TrackSnapshot t = determined();

    Transition served = machine.apply(t, Msgs.by(Role.REQUESTED, false, awaitingProvider("s1")));

    assertThat(served.state()).isEqualTo(TrackState.AWAITING_PROVIDER);
    assertThat(served.timersCancelled()).isEmpty();
    assertThat(served.timersStarted()).isEmpty();
    t = Msgs.after(t, served);
    Transition results = machine.apply(t, Msgs.by(Role.REQUESTED, false,
        Msgs.manifest("m1", CopyKind.COPY_KIND_OFFICIAL, "i1", "1")));
    assertThat(results.state()).isEqualTo(TrackState.RESULTS_DELIVERED);
    assertThat(results.flags()).isEmpty();
  }

  @Test
  void awaitingProvider_fromTheRequestingSide_orBeforeADetermination_isRefused() throws Exception {
    assertThatThrownBy(() -> machine.apply(determined(), Msgs.by(Role.REQUESTING, true, awaitingProvider("s1"))))
        .isInstanceOf(IllegalTransition.class).hasMessageContaining("execution status from the requesting side");
    assertThatThrownBy(() -> machine.apply(opened(Art10Route.ART10_ROUTE_CENTRAL_AUTHORITY),
        Msgs.by(Role.REQUESTED, true, awaitingProvider("s1"))))
        .isInstanceOf(IllegalTransition.class)
        .hasMessage("execution status on track req in state OPEN (expected: DETERMINED, CONDITIONS_ACCEPTED or"
            + " AWAITING_PROVIDER)");
  }

  @Test
  void officialCopy_withTheHashesOfThePreliminary_raisesNoFlag() throws Exception {
    TrackSnapshot t = determined();
    Transition prelim = machine.apply(t, Msgs.by(Role.REQUESTED, false,
        Msgs.manifest("m1", CopyKind.COPY_KIND_PRELIMINARY, "i1", "1", "i2", "2")));
    assertThat(prelim.state()).isEqualTo(TrackState.PRELIMINARY_RESULTS);
    t = Msgs.after(t, prelim);

    Transition official = machine.apply(t, Msgs.by(Role.REQUESTED, false,
        Msgs.manifest("m2", CopyKind.COPY_KIND_OFFICIAL, "i1", "1", "i2", "2")));

    assertThat(official.state()).isEqualTo(TrackState.RESULTS_DELIVERED);
    assertThat(official.flags()).isEmpty();
  }

  @Test
  void officialCopy_whoseHashDiffersFromThePreliminary_isFlagged() throws Exception {
    TrackSnapshot t = determined();
    t = Msgs.after(t, machine.apply(t, Msgs.by(Role.REQUESTED, false,
        Msgs.manifest("m1", CopyKind.COPY_KIND_PRELIMINARY, "i1", "1", "i2", "2"))));

    Transition official = machine.apply(t, Msgs.by(Role.REQUESTED, false,
        Msgs.manifest("m2", CopyKind.COPY_KIND_OFFICIAL, "i1", "9")));

    assertThat(official.flags()).extracting(Transition.Flag::code)
        .containsExactly("RESULTS_HASH_MISMATCH", "RESULTS_ITEM_MISSING");
    assertThat(official.flags().get(0).detail()).startsWith("item i1 of official results m2: SHA-256 09");
  }
}
