package org.relay247.protocol.seal;

import java.util.Objects;
import org.relay247.protocol.v1.RejectionReason;

/**
 * An envelope failed a check. Each check has its own subclass; {@link #reason()} is the code a
 * signed rejection receipt carries, and the message is the operator-facing detail (never message
 * content).
 */
public abstract class EnvelopeRejectedException extends Exception {
  private final RejectionReason reason;

  protected EnvelopeRejectedException(RejectionReason reason, String detail, Throwable cause) {
    super(detail, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public RejectionReason reason() {
    return reason;
  }

  /** Bytes that do not parse, or a required field missing or invalid. */
  public static final class Malformed extends EnvelopeRejectedException {
    public Malformed(String detail, Throwable cause) {
      super(RejectionReason.REJECTION_REASON_MALFORMED, detail, cause);
    }
  }

  /** Addressed to an authority this node does not serve, or encrypted for another node's key. */
  public static final class WrongRecipient extends EnvelopeRejectedException {
    public WrongRecipient(String detail) {
      super(RejectionReason.REJECTION_REASON_WRONG_RECIPIENT, detail, null);
    }
  }

  /** AuthEnvelopedData does not decrypt or its GCM tag fails: tampered in transit. */
  public static final class DecryptionFailed extends EnvelopeRejectedException {
    public DecryptionFailed(String detail, Throwable cause) {
      super(RejectionReason.REJECTION_REASON_DECRYPTION_FAILED, detail, cause);
    }
  }

  /** The SignedData signature does not verify. */
  public static final class SignatureInvalid extends EnvelopeRejectedException {
    public SignatureInvalid(String detail, Throwable cause) {
      super(RejectionReason.REJECTION_REASON_SIGNATURE_INVALID, detail, cause);
    }
  }

  /** The signer's certificate is revoked, untrusted, expired or not a signing certificate. */
  public static final class SignerCertificate extends EnvelopeRejectedException {
    public SignerCertificate(RejectionReason reason, String detail, Throwable cause) {
      super(reason, detail, cause);
    }
  }

  /** A node of one Party signed an envelope sent in the name of another. */
  public static final class SignerNotSender extends EnvelopeRejectedException {
    public SignerNotSender(String detail) {
      super(RejectionReason.REJECTION_REASON_SIGNER_NOT_SENDER, detail, null);
    }
  }

  /**
   * The signer's certificate validates and is of the sender's Party, but the directory does not
   * list it for any of that Party's nodes (e.g. a key the Party CA issued for another use).
   */
  public static final class SignerNotListed extends EnvelopeRejectedException {
    public SignerNotListed(String detail) {
      super(RejectionReason.REJECTION_REASON_SIGNER_NOT_LISTED, detail, null);
    }
  }

  /** The clear routing fields differ from the signed ones (a swapped header). */
  public static final class RoutingMismatch extends EnvelopeRejectedException {
    public RoutingMismatch(String detail) {
      super(RejectionReason.REJECTION_REASON_ROUTING_MISMATCH, detail, null);
    }
  }

  /** The signing time is further from now than the allowed skew. */
  public static final class SigningTimeSkew extends EnvelopeRejectedException {
    public SigningTimeSkew(String detail) {
      super(RejectionReason.REJECTION_REASON_SIGNING_TIME_SKEW, detail, null);
    }
  }

  /** A message id seen before. */
  public static final class Replay extends EnvelopeRejectedException {
    public Replay(String detail) {
      super(RejectionReason.REJECTION_REASON_REPLAY, detail, null);
    }
  }
}
