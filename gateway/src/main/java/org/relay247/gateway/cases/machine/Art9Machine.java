package org.relay247.gateway.cases.machine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.relay247.gateway.cases.CaseTimerSettings;
import org.relay247.gateway.cases.ObligationView;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.UrgencyClass;

/**
 * Art. 9: the requested Party determines by expedited procedure (9.6), may impose conditions the
 * requesting Party accepts or cannot comply with (9.7.a), then sends results; if it declared 9.5,
 * results open a follow-up obligation discharged by an Art9FollowUp.
 */
public class Art9Machine extends RequestMachine {
  /** Context fact: the requested Party declared Art. 9.5 (directory). */
  public static final String DECLARED_9_5 = "declared9_5";
  static final String DETERMINATION = "art9.determination";
  static final String RESULTS = "art9.results";

  public Art9Machine(CaseTimerSettings timers) {
    super(timers);
  }

  @Override
  public TrackKind kind() {
    return TrackKind.ART9;
  }

  @Override
  String prefix() {
    return "art9";
  }

  @Override
  void startResponseClocks(Transition.Builder b, Map<String, String> facts, Instant at) {
    b.start(DETERMINATION, UrgencyClass.EXPEDITED, "9.6", at.plus(timers.of(UrgencyClass.EXPEDITED)));
  }

  @Override
  List<String> responseClocks() {
    return List.of(DETERMINATION);
  }

  @Override
  List<String> determinationClocks() {
    return List.of(DETERMINATION);
  }

  @Override
  void onWillProvide(Transition.Builder b, TrackSnapshot t, Instant at) {
    b.start(RESULTS, UrgencyClass.EXPEDITED, "9.6", at.plus(timers.of(UrgencyClass.EXPEDITED)));
  }

  @Override
  List<String> resultsClocks() {
    return List.of(RESULTS);
  }

  @Override
  void onOfficialResults(Transition.Builder b, TrackSnapshot t) {
    if (t.fact(DECLARED_9_5).equals("true") && !t.fact("followUpOpened").equals("true")) {
      b.open(ObligationView.Kind.FOLLOW_UP_9_5, Role.REQUESTING, "9.5").fact("followUpOpened", "true");
    }
  }

  @Override
  String informationArticle() {
    return "9 (ER §164)";
  }

  @Override
  String conditionsArticle() {
    return "9.7.a";
  }

  @Override
  Transition other(TrackSnapshot t, MachineEvent e) throws IllegalTransition {
    if (e.body() == org.relay247.protocol.v1.InnerMessage.BodyCase.ART9_FOLLOW_UP) {
      by(t, e, Role.REQUESTING);
      return Transition.to(t.state()).close(ObligationView.Kind.FOLLOW_UP_9_5).build();
    }
    throw unexpected(t, e);
  }
}
