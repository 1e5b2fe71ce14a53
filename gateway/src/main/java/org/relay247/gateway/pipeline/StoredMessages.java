package org.relay247.gateway.pipeline;

import com.google.protobuf.InvalidProtocolBufferException;
import org.relay247.protocol.v1.InnerMessage;

/** Reads the inner message a row of the store holds (outbox, inbox, case messages). */
public final class StoredMessages {
  private StoredMessages() {}

  /**
   * A stored row the node wrote itself no longer parses: the store is damaged, not the caller's
   * request. The national API answers INTERNAL ({@code api.ApiErrors}); the message names only the
   * message id, never content.
   */
  public static final class UnreadableException extends RuntimeException {
    UnreadableException(String messageId, Throwable cause) {
      super("stored inner message of " + messageId + " is unreadable (the store is damaged)", cause);
    }
  }

  /**
   * @param messageId the row's message id (for the error only)
   * @throws UnreadableException when the bytes are not an InnerMessage
   */
  public static InnerMessage inner(String messageId, byte[] innerMessage) {
    try {
      return InnerMessage.parseFrom(innerMessage);
    } catch (InvalidProtocolBufferException e) {
      throw new UnreadableException(messageId, e);
    }
  }
}
