package org.relay247.gateway.cases;

import java.time.Instant;

/**
 * A clock on a track: what must happen by when. A timer that passes its due time while ACTIVE
 * fires: an escalation, a log line, a metric and an audit entry (docs/cases.md).
 *
 * @param id store id
 * @param trackId request message id of the track
 * @param name what is awaited, e.g. {@code art9.determination}
 * @param urgency the timing class
 * @param article the treaty provision behind it, e.g. {@code 9.6}
 * @param startedAt when it started
 * @param dueAt when it fires
 * @param status ACTIVE, CANCELLED (the awaited event happened) or FIRED
 */
public record TimerView(long id, String trackId, String name, UrgencyClass urgency, String article,
    Instant startedAt, Instant dueAt, Status status) {
  /** Life of a timer. */
  public enum Status { ACTIVE, CANCELLED, FIRED }
}
