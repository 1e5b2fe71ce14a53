package org.relay247.protocol.seal;

/** A signed ping or pong is not acceptable (signature, signer, routing or nonce); the message says why. */
public final class PingVerificationException extends Exception {
  public PingVerificationException(String message, Throwable cause) {
    super(message, cause);
  }

  public PingVerificationException(String message) {
    super(message);
  }
}
