package org.relay247.gateway.store;

/** The database failed; the node answers UNAVAILABLE and senders retry. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
