package org.relay247.protocol.seal;

/** A signed directory was refused (bad signature, wrong signer, older than the one held, unreadable). */
public final class DirectoryVerificationException extends Exception {
  public DirectoryVerificationException(String message, Throwable cause) {
    super(message, cause);
  }

  public DirectoryVerificationException(String message) {
    super(message);
  }
}
