package org.relay247.gateway.cases.machine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.relay247.gateway.cases.CaseTimerSettings;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.UrgencyClass;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.InnerMessage;

/**
 * Art. 8: once all required information has arrived, the requested Party makes reasonable efforts
 * to serve the order within 45 days and to have the data produced within 20 days (subscriber
 * information) or 45 days (traffic data) (8.6.a). A request for more information (8.4, ER §137)
 * stops both clocks; the answer starts them again. A determination to provide counts as service.
 */
public final class Art8Machine extends RequestMachine {
  static final String SERVE = "art8.serve";
  static final String PRODUCE = "art8.produce";
  static final Duration SERVE_DAYS = Duration.ofDays(45);
  static final Duration PRODUCE_SUBSCRIBER_DAYS = Duration.ofDays(20);
  static final Duration PRODUCE_TRAFFIC_DAYS = Duration.ofDays(45);

  public Art8Machine(CaseTimerSettings timers) {
    super(timers);
  }

  @Override
  public TrackKind kind() {
    return TrackKind.ART8;
  }

  @Override
  String prefix() {
    return "art8";
  }

  @Override
  void openingFacts(InnerMessage request, Transition.Builder b) {
    boolean traffic = request.getArt8Order().getOrder().getData().getCategoriesList()
        .contains(DataCategory.DATA_CATEGORY_TRAFFIC);
    b.fact("traffic", Boolean.toString(traffic));
  }

  @Override
  void startResponseClocks(Transition.Builder b, Map<String, String> facts, Instant at) {
    boolean traffic = "true".equals(facts.get("traffic"));
    b.start(SERVE, UrgencyClass.FIXED, "8.6.a", at.plus(SERVE_DAYS));
    b.start(PRODUCE, UrgencyClass.FIXED, "8.6.a", at.plus(traffic ? PRODUCE_TRAFFIC_DAYS : PRODUCE_SUBSCRIBER_DAYS));
  }

  @Override
  List<String> responseClocks() {
    return List.of(SERVE, PRODUCE);
  }

  @Override
  List<String> determinationClocks() {
    return List.of(SERVE);
  }

  @Override
  void onWillProvide(Transition.Builder b, TrackSnapshot t, Instant at) {
    // the production clock keeps running from when the information was complete
  }

  @Override
  List<String> resultsClocks() {
    return List.of(PRODUCE);
  }

  @Override
  UrgencyClass informationClass() {
    return UrgencyClass.WITHOUT_DELAY;
  }

  @Override
  String informationArticle() {
    return "8.4";
  }

  @Override
  String conditionsArticle() {
    return "8.9.a";
  }
}
