package org.relay247.gateway.delivery;

/**
 * A draft carries a message id already submitted for another message. A retry of the same draft
 * (a client that lost the answer) is not this: it gets the stored message back. The national API
 * answers ALREADY_EXISTS.
 */
public final class MessageIdReusedException extends IllegalArgumentException {
  MessageIdReusedException(String messageId) {
    super("routing.message_id: " + messageId + " was already submitted for another message (expected: a new id,"
        + " or the same draft to retry)");
  }
}
