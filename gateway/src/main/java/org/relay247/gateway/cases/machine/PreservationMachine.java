package org.relay247.gateway.cases.machine;

import static org.relay247.gateway.cases.TrackState.FOLLOWED_UP;
import static org.relay247.gateway.cases.TrackState.OPEN;
import static org.relay247.gateway.cases.TrackState.PRESERVED;

import java.time.Instant;
import java.util.Map;
import org.relay247.gateway.cases.CaseTimerSettings;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.UrgencyClass;
import org.relay247.protocol.v1.InnerMessage;

/**
 * Conv. Art. 29 preservation: the requested Party confirms (a determination to provide) or refuses;
 * a warning fires {@code preservation-warning} before {@code preserve_until} so the requesting
 * Party extends it or follows it up (or tells the provider the data are no longer needed, 001 V§35).
 * A later request that names the preservation (7.4.e, 8.3.b.vii) links to it: FOLLOWED_UP.
 */
public final class PreservationMachine implements TrackMachine {
  static final String LAPSE = "preservation.lapse";

  private final CaseTimerSettings timers;

  public PreservationMachine(CaseTimerSettings timers) {
    this.timers = timers;
  }

  @Override
  public TrackKind kind() {
    return TrackKind.PRESERVATION;
  }

  @Override
  public Transition open(Role role, InnerMessage request, Instant at, Map<String, String> context) {
    Transition.Builder b = Transition.to(OPEN);
    context.forEach(b::fact);
    var p = request.getPreservationRequest();
    if (p.hasPreserveUntil()) {
      warning(b, RequestMachine.instant(p.getPreserveUntil()), at);
    }
    return b.build();
  }

  private void warning(Transition.Builder b, Instant until, Instant at) {
    Instant due = until.minus(timers.preservationWarning());
    b.start(LAPSE, UrgencyClass.FIXED, "Conv. 29.7", due.isBefore(at) ? at : due).fact("preserveUntil", until.toString());
  }

  @Override
  public Transition apply(TrackSnapshot t, MachineEvent e) throws IllegalTransition {
    return switch (e.body()) {
      case DETERMINATION -> {
        RequestMachine.by(t, e, Role.REQUESTED);
        RequestMachine.in(t, e, OPEN);
        yield switch (e.message().getDetermination().getOutcome()) {
          case DETERMINATION_OUTCOME_WILL_PROVIDE, DETERMINATION_OUTCOME_CONDITIONS -> Transition.to(PRESERVED).build();
          case DETERMINATION_OUTCOME_WILL_NOT_PROVIDE, DETERMINATION_OUTCOME_NOT_AN_EMERGENCY ->
              Transition.to(TrackState.REFUSED).cancel(Transition.ALL_TIMERS).build();
          default -> throw new IllegalTransition("determination.outcome: " + e.message().getDetermination().getOutcome()
              + " on preservation track " + t.trackId() + " (expected: WILL_PROVIDE (preserved) or WILL_NOT_PROVIDE)");
        };
      }
      case PRESERVATION_EXTENSION -> {
        RequestMachine.by(t, e, Role.REQUESTING);
        RequestMachine.in(t, e, OPEN, PRESERVED, FOLLOWED_UP);
        var x = e.message().getPreservationExtension();
        if (!x.hasPreserveUntil()) {
          throw new IllegalTransition("preservation extension.preserve_until: missing on track " + t.trackId()
              + " (expected: the new end of the preservation)");
        }
        Transition.Builder b = Transition.to(t.state()).cancel(LAPSE);
        warning(b, RequestMachine.instant(x.getPreserveUntil()), e.at());
        yield b.build();
      }
      case CONSULTATION_MESSAGE -> Transition.to(t.state()).build();
      default -> throw RequestMachine.unexpected(t, e);
    };
  }

  @Override
  public Transition followedBy(TrackSnapshot t, TrackKind kind, Instant at) {
    return t.state().terminal() ? Transition.to(t.state()).build() : Transition.to(FOLLOWED_UP).build();
  }
}
