package org.relay247.gateway.rules;

import java.time.Duration;
import java.time.Instant;
import org.relay247.protocol.v1.InnerMessage;

/**
 * The date a message is judged at: the directory in force when the message was created
 * ({@code routing.created_at}, signed by the sender), so that both nodes judge it alike even when
 * the directory changed while it was in flight; never earlier than {@link #IN_FLIGHT_GRACE} before
 * it arrived (a message older than that is judged as if created then, so a claimed creation time
 * cannot reach back to a more lenient directory), and never later than its arrival.
 */
public final class JudgedAt {
  /** How long a message may have been in flight and still be judged at its creation time. */
  public static final Duration IN_FLIGHT_GRACE = Duration.ofHours(24);

  private JudgedAt() {}

  public static Instant of(InnerMessage m, Instant arrival) {
    if (!m.getRouting().hasCreatedAt()) {
      return arrival;
    }
    Instant created = DirectoryAsOf.instant(m.getRouting().getCreatedAt());
    if (created.isAfter(arrival)) {
      return arrival;
    }
    Instant earliest = arrival.minus(IN_FLIGHT_GRACE);
    return created.isBefore(earliest) ? earliest : created;
  }
}
