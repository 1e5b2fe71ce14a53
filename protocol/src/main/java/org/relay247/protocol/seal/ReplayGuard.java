package org.relay247.protocol.seal;

import java.time.Instant;

/**
 * Remembers message ids so that an envelope is accepted once. The opener calls it last, after
 * every cryptographic check, so forged envelopes cannot fill it. A node backs it with its
 * database's unique key; {@link WindowReplayGuard} keeps ids in memory.
 */
@FunctionalInterface
public interface ReplayGuard {
  /** Records {@code messageId}; throws if it was recorded before. */
  void admit(String messageId, Instant signingTime) throws EnvelopeRejectedException.Replay;
}
