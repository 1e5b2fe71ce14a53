package org.relay247.gateway.cases;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A case as this node sees it: its request tracks and what is attached to them.
 *
 * @param caseId the case id both nodes share (routing.case_id)
 * @param openedAt when this node opened it
 * @param tracks the requests of the case, oldest first
 * @param timers every timer, active or not
 * @param obligations every obligation, open or closed
 * @param conditions every condition imposed
 * @param flags what a person should look at
 */
public record CaseView(String caseId, Instant openedAt, List<TrackView> tracks, List<TimerView> timers,
    List<ObligationView> obligations, List<ConditionView> conditions, List<FlagView> flags) {
  public CaseView {
    tracks = List.copyOf(tracks);
    timers = List.copyOf(timers);
    obligations = List.copyOf(obligations);
    conditions = List.copyOf(conditions);
    flags = List.copyOf(flags);
  }

  /** The track of this request, if the case has it. */
  public Optional<TrackView> track(String requestMessageId) {
    return tracks.stream().filter(t -> t.requestMessageId().equals(requestMessageId)).findFirst();
  }
}
