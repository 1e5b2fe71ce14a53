package org.relay247.gateway.cases.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relay247.gateway.cases.machine.Msgs.T0;
import static org.relay247.gateway.cases.machine.Msgs.TIMERS;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.UrgencyClass;
import org.relay247.protocol.v1.Art9Confirmation;
import org.relay247.protocol.v1.Art9Request;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.DataDescription;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.OralRequestRecord;

class OralArt9MachineTest {
  final OralArt9Machine machine = new OralArt9Machine(TIMERS);

  TrackSnapshot recorded() {
    InnerMessage record = Msgs.msg("req").setOralRequestRecord(OralRequestRecord.newBuilder()
        .setCallerAuthority("FR/poc").addCategories(DataCategory.DATA_CATEGORY_SUBSCRIBER)
        .addCategories(DataCategory.DATA_CATEGORY_TRAFFIC)).build();
    return Msgs.after(Msgs.track(TrackKind.ORAL_ART9, Role.REQUESTING, TrackState.RECORDED),
        machine.open(Role.REQUESTING, record, T0, Map.of()));
  }

  static InnerMessage confirmation(String sender, DataCategory... categories) {
    InnerMessage.Builder m = Msgs.msg("conf").setArt9Confirmation(Art9Confirmation.newBuilder()
        .setOralRequestRecordId("req").setRequest(Art9Request.newBuilder()
            .setData(DataDescription.newBuilder().addAllCategories(java.util.List.of(categories)))));
    m.getRoutingBuilder().setSender(sender);
    return m.build();
  }

  @Test
  void oralRecord_startsTheImmediateConfirmationWindow() {
    Transition t = machine.open(Role.REQUESTED, Msgs.msg("req").setOralRequestRecord(
        OralRequestRecord.newBuilder().setCallerAuthority("FR/poc")).build(), T0, Map.of());

    assertThat(t.state()).isEqualTo(TrackState.RECORDED);
    assertThat(t.timersStarted()).singleElement().satisfies(s -> {
      assertThat(s.urgency()).isEqualTo(UrgencyClass.IMMEDIATE);
      assertThat(s.dueAt()).isEqualTo(T0.plus(TIMERS.of(UrgencyClass.IMMEDIATE)));
    });
  }

  @Test
  void recordCarryingTheWindowAsItsDate_keepsClassImmediate_whileALaterDateIsFixed() {
    java.time.Instant window = T0.plus(TIMERS.of(UrgencyClass.IMMEDIATE));
    // As the recording node writes it (a few ms before the machine runs), and as the other node reads it later.
    for (java.time.Instant recordedAt : new java.time.Instant[] {T0.minusMillis(3), T0.minusSeconds(2)}) {
      java.time.Instant due = recordedAt.plus(TIMERS.of(UrgencyClass.IMMEDIATE));
      assertThat(oralTimer(due)).satisfies(s -> {
        assertThat(s.urgency()).isEqualTo(UrgencyClass.IMMEDIATE);
        assertThat(s.dueAt()).isEqualTo(due);
      });
    }
    assertThat(oralTimer(window.plusSeconds(1))).satisfies(s -> {
      assertThat(s.urgency()).isEqualTo(UrgencyClass.FIXED);
      assertThat(s.dueAt()).isEqualTo(window.plusSeconds(1));
    });
  }

  private Transition.TimerStart oralTimer(java.time.Instant confirmationDueAt) {
    Transition t = machine.open(Role.REQUESTED, Msgs.msg("req").setOralRequestRecord(OralRequestRecord.newBuilder()
        .setCallerAuthority("FR/poc").setConfirmationDueAt(com.google.protobuf.util.Timestamps.fromMillis(
            confirmationDueAt.toEpochMilli()))).build(), T0, Map.of());
    assertThat(t.timersStarted()).hasSize(1);
    return t.timersStarted().get(0);
  }

  @Test
  void matchingConfirmation_opensTheArt9Life_withoutFlags() throws Exception {
    Transition x = machine.apply(recorded(), Msgs.by(Role.REQUESTING, true,
        confirmation("FR/poc", DataCategory.DATA_CATEGORY_TRAFFIC, DataCategory.DATA_CATEGORY_SUBSCRIBER)));

    assertThat(x.state()).isEqualTo(TrackState.OPEN);
    assertThat(x.flags()).isEmpty();
    assertThat(x.timersCancelled()).contains("oral.confirmation");
    assertThat(x.timersStarted()).extracting(Transition.TimerStart::name).containsExactly("art9.determination");
  }

  @Test
  void eachDifferingField_ofTheConfirmation_isFlagged() throws Exception {
    Transition x = machine.apply(recorded(), Msgs.by(Role.REQUESTING, true,
        confirmation("FR/ca", DataCategory.DATA_CATEGORY_CONTENT)));

    assertThat(x.flags()).extracting(Transition.Flag::code).containsExactly("ORAL_MISMATCH", "ORAL_MISMATCH");
    assertThat(x.flags()).extracting(Transition.Flag::detail).containsExactly(
        "data categories: oral request [SUBSCRIBER,TRAFFIC], confirmation [CONTENT]",
        "caller authority: oral request FR/poc, confirmation sent by FR/ca");
  }

  @Test
  void determinationBeforeTheConfirmation_isRefused() {
    assertThatThrownBy(() -> machine.apply(recorded(), Msgs.by(Role.REQUESTED, true,
        Msgs.determination("d1", DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE))))
        .isInstanceOf(IllegalTransition.class)
        .hasMessage("determination on track req in state RECORDED (expected: the electronic confirmation of the oral"
            + " request first, Art. 9.4)");
  }

  @Test
  void confirmationFromTheSideThatTookTheCall_isRefused() {
    assertThatThrownBy(() -> machine.apply(recorded(), Msgs.by(Role.REQUESTED, false,
        confirmation("DE/poc", DataCategory.DATA_CATEGORY_SUBSCRIBER))))
        .isInstanceOf(IllegalTransition.class).hasMessageContaining("art9 confirmation from the requested side");
  }
}
