package org.relay247.protocol.seal;

/** A CMS structure could not be produced or failed a cryptographic check; the message says which. */
public final class CmsException extends Exception {
  /** What went wrong, so that callers can map it to a rejection reason. */
  public enum Kind { MALFORMED, SIGNATURE_INVALID, DECRYPTION_FAILED, NOT_FOR_THIS_RECIPIENT }

  private final Kind kind;

  public CmsException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public CmsException(Kind kind, String message) {
    this(kind, message, null);
  }

  public Kind kind() {
    return kind;
  }
}
