package org.relay247.gateway.cases.machine;

/**
 * A message does not fit the track's state machine. The engine decides what it means: refused at
 * submit when this node's operator sent it, a flag when the other Party did (it may be out of step).
 */
public final class IllegalTransition extends Exception {
  public IllegalTransition(String message) {
    super(message, null, false, false);
  }
}
