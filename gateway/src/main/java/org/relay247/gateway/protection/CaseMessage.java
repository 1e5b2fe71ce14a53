package org.relay247.gateway.protection;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.relay247.gateway.pipeline.StoredMessages;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.InnerMessage;

/**
 * One message of a case as this node holds it: received (inbox) or sent (outbox), and whether
 * its content is still there or was purged (Art. 14.5).
 *
 * @param counterpart the sender of a received message, the recipient of a sent one
 * @param at when it was received or created
 * @param innerMessage the inner message bytes as signed; empty once purged
 * @param envelope the envelope bytes as received or sent; empty once purged
 * @param envelopeSha256 SHA-256 of the envelope bytes (kept after a purge for received messages)
 * @param pending a sent message still being delivered
 */
public record CaseMessage(String messageId, boolean received, Address counterpart, String bodyCase, Instant at,
    byte[] innerMessage, byte[] envelope, byte[] envelopeSha256, boolean pending) {

  public CaseMessage {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(counterpart, "counterpart");
    Objects.requireNonNull(bodyCase, "bodyCase");
    Objects.requireNonNull(at, "at");
    innerMessage = innerMessage.clone();
    envelope = envelope.clone();
    envelopeSha256 = envelopeSha256.clone();
  }

  public boolean purged() {
    return innerMessage.length == 0;
  }

  /** The inner message; empty once purged. */
  public Optional<InnerMessage> inner() {
    if (purged()) {
      return Optional.empty();
    }
    return Optional.of(StoredMessages.inner(messageId, innerMessage));
  }

  @Override
  public byte[] innerMessage() {
    return innerMessage.clone();
  }

  @Override
  public byte[] envelope() {
    return envelope.clone();
  }

  @Override
  public byte[] envelopeSha256() {
    return envelopeSha256.clone();
  }
}
