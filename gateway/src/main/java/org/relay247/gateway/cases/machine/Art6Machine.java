package org.relay247.gateway.cases.machine;

import java.time.Instant;
import java.util.Map;
import org.relay247.gateway.cases.CaseTimerSettings;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.UrgencyClass;
import org.relay247.protocol.v1.InnerMessage;

/**
 * Art. 6.5: after a registrar refused, the requesting Party consults the requested Party's 6.6
 * authority; its answer (a consultation message) closes the track.
 */
public final class Art6Machine implements TrackMachine {
  static final String ANSWER = "art6.answer";

  private final CaseTimerSettings timers;

  public Art6Machine(CaseTimerSettings timers) {
    this.timers = timers;
  }

  @Override
  public TrackKind kind() {
    return TrackKind.ART6;
  }

  @Override
  public Transition open(Role role, InnerMessage request, Instant at, Map<String, String> context) {
    Transition.Builder b = Transition.to(TrackState.OPEN);
    context.forEach(b::fact);
    return b.start(ANSWER, UrgencyClass.ASAP, "6.5", at.plus(timers.of(UrgencyClass.ASAP))).build();
  }

  @Override
  public Transition apply(TrackSnapshot t, MachineEvent e) throws IllegalTransition {
    if (e.body() != InnerMessage.BodyCase.CONSULTATION_MESSAGE) {
      throw RequestMachine.unexpected(t, e);
    }
    if (e.by() == Role.REQUESTED && t.state() == TrackState.OPEN) {
      return Transition.to(TrackState.ANSWERED).cancel(ANSWER).build();
    }
    return Transition.to(t.state()).build();
  }
}
