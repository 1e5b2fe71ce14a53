package org.relay247.gateway.cases;

import java.time.Instant;
import java.util.Optional;

/**
 * One step of a case's timeline: a message sent or received, an operator action, a timer that fired.
 *
 * @param seq order of the event on this node
 * @param at when
 * @param trackId the track concerned, empty for case-level events
 * @param messageId the message, empty for a timer
 * @param event what happened: {@code SENT}, {@code RECEIVED}, {@code REJECTED} (the recipient's signed
 *     rejection of a message sent), {@code FOLLOWED_UP}, {@code TIMER_FIRED}, {@code PURGED} (Art.
 *     14.5; messageId is the proof of purge)
 * @param bodyType body of the message, e.g. {@code DETERMINATION}; or the timer's name
 * @param stateBefore track state before
 * @param stateAfter track state after
 * @param actor who acted (operator, national system, or {@code node})
 */
public record CaseEventView(long seq, Instant at, Optional<String> trackId, Optional<String> messageId, String event,
    String bodyType, Optional<TrackState> stateBefore, Optional<TrackState> stateAfter, String actor) {}
