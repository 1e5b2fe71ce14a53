package org.relay247.gateway.cases.machine;

import static org.relay247.gateway.cases.TrackState.AWAITING_INFORMATION;
import static org.relay247.gateway.cases.TrackState.OPEN;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.UrgencyClass;
import org.relay247.protocol.v1.InnerMessage;

/**
 * Art. 7: the order goes to the provider directly; the gateway carries the simultaneous
 * notification (7.5.a), the notified authority's questions (7.5.d.i) and its non-disclosure
 * instruction (7.5.c). If the data are not disclosed within 30 days or the 7.4.d deadline,
 * whichever is longer, the clock fires (7.7: enforcement only through Art. 8 or MLA); an Art. 8
 * order naming the Art. 7 order converts the track.
 */
public final class Art7Machine implements TrackMachine {
  static final String DISCLOSURE = "art7.disclosure";
  static final Duration DAYS_7_7 = Duration.ofDays(30);

  @Override
  public TrackKind kind() {
    return TrackKind.ART7;
  }

  @Override
  public Transition open(Role role, InnerMessage request, Instant at, Map<String, String> context) {
    Instant due = at.plus(DAYS_7_7);
    var supp = request.getSimultaneousNotification().getSupplementaryInformation();
    if (supp.hasProductionDeadline()) {
      Instant deadline = RequestMachine.instant(supp.getProductionDeadline());
      due = deadline.isAfter(due) ? deadline : due;
    }
    Transition.Builder b = Transition.to(OPEN);
    context.forEach(b::fact);
    return b.start(DISCLOSURE, UrgencyClass.FIXED, "7.7", due).build();
  }

  @Override
  public Transition apply(TrackSnapshot t, MachineEvent e) throws IllegalTransition {
    return switch (e.body()) {
      case ADDITIONAL_INFO_REQUEST -> {
        RequestMachine.by(t, e, Role.REQUESTED);
        RequestMachine.in(t, e, OPEN);
        yield Transition.to(AWAITING_INFORMATION).build();
      }
      case ADDITIONAL_INFO_ANSWER -> {
        RequestMachine.by(t, e, Role.REQUESTING);
        RequestMachine.in(t, e, AWAITING_INFORMATION);
        yield Transition.to(OPEN).build();
      }
      case NON_DISCLOSURE_INSTRUCTION -> {
        RequestMachine.by(t, e, Role.REQUESTED);
        RequestMachine.in(t, e, OPEN, AWAITING_INFORMATION);
        yield Transition.to(TrackState.NON_DISCLOSURE).cancel(Transition.ALL_TIMERS).build();
      }
      case CONSULTATION_MESSAGE -> Transition.to(t.state()).build();
      default -> throw RequestMachine.unexpected(t, e);
    };
  }

  @Override
  public Transition followedBy(TrackSnapshot t, TrackKind kind, Instant at) {
    if (kind == TrackKind.ART8 && !t.state().terminal()) {
      return Transition.to(TrackState.CONVERTED).cancel(Transition.ALL_TIMERS).build();
    }
    return Transition.to(t.state()).build();
  }
}
