package org.relay247.gateway.cases.machine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.relay247.gateway.cases.CaseTimerSettings;
import org.relay247.gateway.cases.ObligationView;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.UrgencyClass;
import org.relay247.gateway.cases.TrackState;
import org.relay247.protocol.v1.Art10Route;
import org.relay247.protocol.v1.ExecutionStep;
import org.relay247.protocol.v1.InnerMessage;

/**
 * Art. 10: "most rapid means" throughout (10.1, 10.3, 10.4); the additional-information loop of
 * 10.3; results by the central authorities or a preliminary copy by an agreed alternate channel
 * (10.6), whose item hashes the official copy must repeat; a request sent by a 10.9 route other
 * than CA to CA opens an obligation to copy the central authority.
 */
public final class Art10Machine extends RequestMachine {
  static final String RESPONSE = "art10.response";
  static final String RESULTS = "art10.results";
  static final String CA_COPY = "art10.ca_copy";

  public Art10Machine(CaseTimerSettings timers) {
    super(timers);
  }

  @Override
  public TrackKind kind() {
    return TrackKind.ART10;
  }

  @Override
  String prefix() {
    return "art10";
  }

  @Override
  public Transition open(Role role, InnerMessage request, Instant at, Map<String, String> context) {
    Transition t = super.open(role, request, at, context);
    Art10Route route = request.getArt10Request().getRoute();
    if (route == Art10Route.ART10_ROUTE_CENTRAL_AUTHORITY || route == Art10Route.ART10_ROUTE_UNSPECIFIED) {
      return t;
    }
    List<Transition.TimerStart> timers = new java.util.ArrayList<>(t.timersStarted());
    if (role == Role.REQUESTING) {
      // "Simultaneously" (10.9): the copy is due at once; missed, it escalates like any clock.
      timers.add(new Transition.TimerStart(CA_COPY, UrgencyClass.IMMEDIATE, "10.9",
          at.plus(this.timers.of(UrgencyClass.IMMEDIATE))));
    }
    return new Transition(t.state(), timers, t.timersCancelled(),
        List.of(new Transition.ObligationOpen(ObligationView.Kind.CENTRAL_AUTHORITY_COPY_10_9, Role.REQUESTING,
            "10.9")), t.obligationsClosed(), t.conditionsImposed(), t.conditionAnswers(), t.flags(), t.facts(),
        t.manifestItems());
  }

  @Override
  void startResponseClocks(Transition.Builder b, Map<String, String> facts, Instant at) {
    b.start(RESPONSE, UrgencyClass.MOST_RAPID, "10.4", at.plus(timers.of(UrgencyClass.MOST_RAPID)));
  }

  @Override
  List<String> responseClocks() {
    return List.of(RESPONSE);
  }

  @Override
  List<String> determinationClocks() {
    return List.of(RESPONSE);
  }

  @Override
  void onWillProvide(Transition.Builder b, TrackSnapshot t, Instant at) {
    b.start(RESULTS, UrgencyClass.MOST_RAPID, "10.4", at.plus(timers.of(UrgencyClass.MOST_RAPID)));
  }

  @Override
  List<String> resultsClocks() {
    return List.of(RESULTS);
  }

  @Override
  UrgencyClass informationClass() {
    return UrgencyClass.MOST_RAPID;
  }

  @Override
  String informationArticle() {
    return "10.3";
  }

  @Override
  String conditionsArticle() {
    return "10.7";
  }

  @Override
  boolean allowsPreliminaryCopy() {
    return true;
  }

  @Override
  Transition other(TrackSnapshot t, MachineEvent e) throws IllegalTransition {
    if (e.body() == InnerMessage.BodyCase.EXECUTION_STATUS
        && e.message().getExecutionStatus().getStep() == ExecutionStep.EXECUTION_STEP_AWAITING_PROVIDER) {
      // 10.4, ER §176: the results clock keeps running; the state tells the requesting side why.
      by(t, e, Role.REQUESTED);
      in(t, e, TrackState.DETERMINED, TrackState.CONDITIONS_ACCEPTED, TrackState.AWAITING_PROVIDER);
      return Transition.to(TrackState.AWAITING_PROVIDER).build();
    }
    if (e.body() == InnerMessage.BodyCase.CENTRAL_AUTHORITY_COPY) {
      by(t, e, Role.REQUESTING);
      return Transition.to(t.state()).close(ObligationView.Kind.CENTRAL_AUTHORITY_COPY_10_9).cancel(CA_COPY).build();
    }
    throw unexpected(t, e);
  }
}
