package org.relay247.gateway.node;

/** A node could not start; the message says what to fix (a file, a key, a port, the database). */
public final class NodeStartException extends Exception {
  public NodeStartException(String message, Throwable cause) {
    super(message, cause);
  }

  public NodeStartException(String message) {
    super(message);
  }
}
