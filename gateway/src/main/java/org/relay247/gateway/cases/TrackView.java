package org.relay247.gateway.cases;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One request of a case as this node sees it.
 *
 * @param requestMessageId message id of the request that opened the track (its key)
 * @param kind which state machine drives it
 * @param counterpart the other side's authority address, e.g. {@code DE/poc}
 * @param role whether this node asked or was asked
 * @param state current state
 * @param openedAt when this node opened the track
 * @param updatedAt when the state last changed
 * @param linkedTo the track this one follows up (a preservation, an Art. 7 order converted), if any
 */
public record TrackView(String requestMessageId, TrackKind kind, String counterpart, Role role, TrackState state,
    Instant openedAt, Instant updatedAt, Optional<String> linkedTo) {
  public TrackView {
    Objects.requireNonNull(requestMessageId, "requestMessageId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(counterpart, "counterpart");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(linkedTo, "linkedTo");
  }
}
