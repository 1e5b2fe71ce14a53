package org.relay247.gateway.protection;

import java.util.Objects;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.PurgeRecord;

/**
 * A proof of purge (Art. 14.5): the signed bytes (CMS SignedData, DER, around an
 * {@link InnerMessage} whose body is a {@link PurgeRecord}) and the message they carry.
 * {@code relay247 verify FILE} and {@link PurgeProofs#verify} check the bytes.
 */
public record PurgeProof(byte[] signedData, InnerMessage message) {
  public PurgeProof {
    signedData = signedData.clone();
    Objects.requireNonNull(message, "message");
    if (message.getBodyCase() != InnerMessage.BodyCase.PURGE_RECORD) {
      throw new IllegalArgumentException("message body: " + message.getBodyCase() + " (expected: PURGE_RECORD)");
    }
  }

  public PurgeRecord record() {
    return message.getPurgeRecord();
  }

  @Override
  public byte[] signedData() {
    return signedData.clone();
  }
}
