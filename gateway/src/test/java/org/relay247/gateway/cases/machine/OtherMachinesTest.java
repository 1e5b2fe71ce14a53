package org.relay247.gateway.cases.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relay247.gateway.cases.machine.Msgs.T0;
import static org.relay247.gateway.cases.machine.Msgs.TIMERS;

import com.google.protobuf.util.Timestamps;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;
import org.relay247.protocol.v1.Art6Consultation;
import org.relay247.protocol.v1.Art7SupplementaryInformation;
import org.relay247.protocol.v1.ConsultationMessage;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.NonDisclosureInstruction;
import org.relay247.protocol.v1.PreservationExtension;
import org.relay247.protocol.v1.PreservationRequest;
import org.relay247.protocol.v1.SimultaneousNotification;

/** The smaller machines: Art. 7, Art. 6.5 and preservation (one nested class each). */
class OtherMachinesTest {
  @Nested
  class Art7 {
    final Art7Machine machine = new Art7Machine();

    TrackSnapshot opened() {
      return Msgs.after(Msgs.track(TrackKind.ART7, Role.REQUESTED, TrackState.OPEN), machine.open(Role.REQUESTED,
          Msgs.msg("req").setSimultaneousNotification(SimultaneousNotification.getDefaultInstance()).build(), T0,
          Map.of()));
    }

    @Test
    void notification_runsThe7_7Clock_for30Days_orTheLongerProductionDeadline() {
      Transition plain = machine.open(Role.REQUESTED, Msgs.msg("req")
          .setSimultaneousNotification(SimultaneousNotification.getDefaultInstance()).build(), T0, Map.of());
      assertThat(plain.timersStarted()).extracting(Transition.TimerStart::dueAt)
          .containsExactly(T0.plus(Duration.ofDays(30)));

      var later = T0.plus(Duration.ofDays(40));
      Transition longer = machine.open(Role.REQUESTED, Msgs.msg("req").setSimultaneousNotification(
          SimultaneousNotification.newBuilder().setSupplementaryInformation(Art7SupplementaryInformation.newBuilder()
              .setProductionDeadline(Timestamps.fromMillis(later.toEpochMilli())))).build(), T0, Map.of());
      assertThat(longer.timersStarted()).extracting(Transition.TimerStart::dueAt).containsExactly(later);
    }

    @Test
    void nonDisclosureInstruction_endsTheTrack() throws Exception {
      Transition x = machine.apply(opened(), Msgs.by(Role.REQUESTED, true, Msgs.msg("n1")
          .setNonDisclosureInstruction(NonDisclosureInstruction.newBuilder().setNotificationMessageId("req")).build()));

      assertThat(x.state()).isEqualTo(TrackState.NON_DISCLOSURE);
      assertThat(x.timersCancelled()).containsExactly(Transition.ALL_TIMERS);
    }

    @Test
    void art8Order_convertsTheTrack() {
      assertThat(machine.followedBy(opened(), TrackKind.ART8, T0).state()).isEqualTo(TrackState.CONVERTED);
    }

    @Test
    void determination_isNotAnArt7Message() {
      assertThatThrownBy(() -> machine.apply(opened(), Msgs.by(Role.REQUESTED, true,
          Msgs.determination("d1", DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE))))
          .isInstanceOf(IllegalTransition.class).hasMessageStartingWith("determination on ART7 track req");
    }
  }

  @Nested
  class Art6 {
    final Art6Machine machine = new Art6Machine(TIMERS);

    @Test
    void answerOfTheConsultedAuthority_closesTheConsultation() throws Exception {
      TrackSnapshot t = Msgs.after(Msgs.track(TrackKind.ART6, Role.REQUESTING, TrackState.OPEN), machine.open(
          Role.REQUESTING, Msgs.msg("req").setArt6Consultation(Art6Consultation.getDefaultInstance()).build(), T0,
          Map.of()));

      Transition x = machine.apply(t, Msgs.by(Role.REQUESTED, false, Msgs.msg("c1")
          .setConsultationMessage(ConsultationMessage.newBuilder().setRegardingMessageId("req")).build()));

      assertThat(x.state()).isEqualTo(TrackState.ANSWERED);
      assertThat(x.timersCancelled()).containsExactly("art6.answer");
    }
  }

  @Nested
  class Preservation {
    final PreservationMachine machine = new PreservationMachine(TIMERS);
    final java.time.Instant until = T0.plus(Duration.ofDays(90));

    TrackSnapshot opened() {
      return Msgs.after(Msgs.track(TrackKind.PRESERVATION, Role.REQUESTING, TrackState.OPEN), machine.open(
          Role.REQUESTING, Msgs.msg("req").setPreservationRequest(PreservationRequest.newBuilder()
              .setPreserveUntil(Timestamps.fromMillis(until.toEpochMilli()))).build(), T0, Map.of()));
    }

    @Test
    void lapseWarning_firesTheConfiguredTimeBeforePreserveUntil() {
      Transition t = machine.open(Role.REQUESTING, Msgs.msg("req").setPreservationRequest(PreservationRequest
          .newBuilder().setPreserveUntil(Timestamps.fromMillis(until.toEpochMilli()))).build(), T0, Map.of());

      assertThat(t.timersStarted()).extracting(Transition.TimerStart::dueAt)
          .containsExactly(until.minus(TIMERS.preservationWarning()));
    }

    @Test
    void confirmation_extension_andFollowUp() throws Exception {
      TrackSnapshot t = opened();
      Transition preserved = machine.apply(t, Msgs.by(Role.REQUESTED, false,
          Msgs.determination("d1", DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE)));
      assertThat(preserved.state()).isEqualTo(TrackState.PRESERVED);
      t = Msgs.after(t, preserved);

      var extended = until.plus(Duration.ofDays(60));
      Transition x = machine.apply(t, Msgs.by(Role.REQUESTING, true, Msgs.msg("x1").setPreservationExtension(
          PreservationExtension.newBuilder().setPreservationMessageId("req")
              .setPreserveUntil(Timestamps.fromMillis(extended.toEpochMilli()))).build()));
      assertThat(x.timersCancelled()).containsExactly("preservation.lapse");
      assertThat(x.timersStarted()).extracting(Transition.TimerStart::dueAt)
          .containsExactly(extended.minus(TIMERS.preservationWarning()));

      assertThat(machine.followedBy(Msgs.after(t, x), TrackKind.ART8, T0).state()).isEqualTo(TrackState.FOLLOWED_UP);
    }

    @Test
    void extensionWithoutANewDate_isRefused() {
      assertThatThrownBy(() -> machine.apply(opened(), Msgs.by(Role.REQUESTING, true, Msgs.msg("x1")
          .setPreservationExtension(PreservationExtension.newBuilder().setPreservationMessageId("req")).build())))
          .isInstanceOf(IllegalTransition.class).hasMessageContaining("preserve_until: missing on track req");
    }
  }
}
