package org.relay247.protocol.seal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * In-memory replay guard. Envelopes signed longer ago than the opener's skew are refused anyway,
 * so an id needs remembering only for twice the skew: memory stays bounded by the traffic of
 * that window.
 */
public final class WindowReplayGuard implements ReplayGuard {
  private final Duration window;
  private final Clock clock;
  private final Map<String, Instant> seen = new HashMap<>();
  private final PriorityQueue<Map.Entry<Instant, String>> expiry =
      new PriorityQueue<>(Map.Entry.comparingByKey());

  public WindowReplayGuard(Duration window, Clock clock) {
    this.window = window;
    this.clock = clock;
  }

  @Override
  public synchronized void admit(String messageId, Instant signingTime) throws EnvelopeRejectedException.Replay {
    Instant now = clock.instant();
    while (!expiry.isEmpty() && expiry.peek().getKey().isBefore(now.minus(window))) {
      seen.remove(expiry.poll().getValue());
    }
    Instant first = seen.putIfAbsent(messageId, now);
    if (first != null) {
      throw new EnvelopeRejectedException.Replay("message id " + messageId + " was already received at " + first);
    }
    expiry.add(Map.entry(now, messageId));
  }
}
