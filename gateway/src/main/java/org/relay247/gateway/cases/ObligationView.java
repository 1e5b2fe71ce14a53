package org.relay247.gateway.cases;

import java.time.Instant;
import java.util.Optional;

/**
 * Something a Party owes after an event: the 9.5 follow-up submission, the 10.9 copy to the
 * central authority. Open until the message that discharges it passes through the node.
 *
 * @param id store id
 * @param trackId request message id of the track
 * @param kind {@link Kind}
 * @param owedBy which side must act
 * @param article treaty provision
 * @param openedAt when it arose
 * @param closedBy message id that discharged it, empty while open
 * @param closedAt when it was discharged
 */
public record ObligationView(long id, String trackId, Kind kind, Role owedBy, String article, Instant openedAt,
    Optional<String> closedBy, Optional<Instant> closedAt) {
  /** Kinds of obligation. */
  public enum Kind {
    /** Art. 9.5: follow-up submission after execution, when the requested Party declared 9.5. */
    FOLLOW_UP_9_5,
    /** Art. 10.9: a request sent by another route than CA to CA is copied to the central authority. */
    CENTRAL_AUTHORITY_COPY_10_9
  }

  public boolean open() {
    return closedBy.isEmpty();
  }
}
