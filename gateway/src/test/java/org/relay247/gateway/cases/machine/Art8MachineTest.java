package org.relay247.gateway.cases.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relay247.gateway.cases.machine.Msgs.T0;
import static org.relay247.gateway.cases.machine.Msgs.TIMERS;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;
import org.relay247.protocol.v1.AdditionalInfoAnswer;
import org.relay247.protocol.v1.AdditionalInfoRequest;
import org.relay247.protocol.v1.Art8Order;
import org.relay247.protocol.v1.Art8OrderPart;
import org.relay247.protocol.v1.CopyKind;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.DataDescription;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.InnerMessage;

class Art8MachineTest {
  final Art8Machine machine = new Art8Machine(TIMERS);

  static InnerMessage order(DataCategory... categories) {
    return Msgs.msg("req").setArt8Order(Art8Order.newBuilder().setOrder(Art8OrderPart.newBuilder()
        .setData(DataDescription.newBuilder().addAllCategories(java.util.List.of(categories))))).build();
  }

  TrackSnapshot opened(DataCategory... categories) {
    return Msgs.after(Msgs.track(TrackKind.ART8, Role.REQUESTED, TrackState.OPEN),
        machine.open(Role.REQUESTED, order(categories), T0, Map.of()));
  }

  @Test
  void subscriberOrder_runs45DaysToServe_and20ToProduce() {
    Transition t = machine.open(Role.REQUESTED, order(DataCategory.DATA_CATEGORY_SUBSCRIBER), T0, Map.of());

    assertThat(t.timersStarted()).extracting(Transition.TimerStart::name, Transition.TimerStart::dueAt)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("art8.serve", T0.plus(Duration.ofDays(45))),
            org.assertj.core.groups.Tuple.tuple("art8.produce", T0.plus(Duration.ofDays(20))));
  }

  @Test
  void trafficOrder_runs45DaysToProduce() {
    Transition t = machine.open(Role.REQUESTED, order(DataCategory.DATA_CATEGORY_SUBSCRIBER,
        DataCategory.DATA_CATEGORY_TRAFFIC), T0, Map.of());

    assertThat(t.timersStarted()).filteredOn(s -> s.name().equals("art8.produce"))
        .extracting(Transition.TimerStart::dueAt).containsExactly(T0.plus(Duration.ofDays(45)));
  }

  @Test
  void clocks_stopWhileInformationIsMissing_andStartAgainWhenItArrives() throws Exception {
    TrackSnapshot t = opened(DataCategory.DATA_CATEGORY_SUBSCRIBER);
    Transition asked = machine.apply(t, Msgs.by(Role.REQUESTED, true, Msgs.msg("q1")
        .setAdditionalInfoRequest(AdditionalInfoRequest.newBuilder().setArticle("8.4").setRequestMessageId("req"))
        .build()));
    assertThat(asked.timersCancelled()).contains("art8.serve", "art8.produce");
    t = Msgs.after(t, asked);

    MachineEvent answer = new MachineEvent(Role.REQUESTING, false, Msgs.msg("a1")
        .setAdditionalInfoAnswer(AdditionalInfoAnswer.newBuilder().setRequestMessageId("q1")).build(),
        T0.plus(Duration.ofDays(3)));
    Transition answered = machine.apply(t, answer);

    assertThat(answered.timersStarted()).extracting(Transition.TimerStart::name, Transition.TimerStart::dueAt)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("art8.serve", T0.plus(Duration.ofDays(48))),
            org.assertj.core.groups.Tuple.tuple("art8.produce", T0.plus(Duration.ofDays(23))));
  }

  @Test
  void determinationToProvide_countsAsService_andResultsStopTheProductionClock() throws Exception {
    TrackSnapshot t = opened(DataCategory.DATA_CATEGORY_SUBSCRIBER);
    Transition determined = machine.apply(t, Msgs.by(Role.REQUESTED, true,
        Msgs.determination("d1", DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE)));
    assertThat(determined.timersCancelled()).contains("art8.serve").doesNotContain("art8.produce");
    t = Msgs.after(t, determined);

    Transition results = machine.apply(t, Msgs.by(Role.REQUESTED, true,
        Msgs.manifest("m1", CopyKind.COPY_KIND_OFFICIAL, "i1", "1")));
    assertThat(results.state()).isEqualTo(TrackState.RESULTS_DELIVERED);
    assertThat(results.timersCancelled()).contains("art8.produce");
  }

  @Test
  void questionFromTheRequestingSide_isRefused() {
    assertThatThrownBy(() -> machine.apply(opened(DataCategory.DATA_CATEGORY_SUBSCRIBER), Msgs.by(Role.REQUESTING,
        true, Msgs.msg("q1").setAdditionalInfoRequest(AdditionalInfoRequest.newBuilder()).build())))
        .isInstanceOf(IllegalTransition.class).hasMessageContaining("from the requesting side");
  }
}
