package org.relay247.protocol.seal;

/** A signed receipt is not a valid answer to the envelope it claims to answer; the message says why. */
public final class ReceiptVerificationException extends Exception {
  public ReceiptVerificationException(String message, Throwable cause) {
    super(message, cause);
  }

  public ReceiptVerificationException(String message) {
    super(message);
  }
}
