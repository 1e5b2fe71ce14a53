package org.relay247.protocol.seal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.CertificateValidationException;
import org.relay247.pki.CertificateValidator;
import org.relay247.pki.PartyCode;
import org.relay247.pki.ValidatedCertificate;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.CertificateUsage;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.RejectionReason;

/**
 * Opens envelopes addressed to this node's Party. In order, each failure with its own exception:
 * routing well-formed and addressed to this Party; decrypts with this node's key (GCM tag
 * included); the signature verifies; the signer's certificate validates for signing (chain,
 * revocation, Party binding), its Party is the sender's and it is a signing certificate the
 * directory lists for that Party's nodes; the signed routing equals the clear one; the signing time is within the allowed skew of now; the message id was not seen before.
 */
public final class EnvelopeOpener {
  private final PartyCode self;
  private final DecryptionKey key;
  private final CertificateValidator validator;
  private final ListedCertificates listed;
  private final ReplayGuard replayGuard;
  private final Clock clock;
  private final Duration maxSkew;

  /**
   * @param listed the node certificates of the directory in force: a signer that validates but is
   *     not listed for the sender's nodes is refused ({@code SIGNER_NOT_LISTED})
   */
  public EnvelopeOpener(PartyCode self, DecryptionKey key, CertificateValidator validator, ListedCertificates listed,
      ReplayGuard replayGuard, Clock clock, Duration maxSkew) {
    this.self = Objects.requireNonNull(self, "self");
    this.key = Objects.requireNonNull(key, "key");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.listed = Objects.requireNonNull(listed, "listed");
    this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxSkew = Objects.requireNonNull(maxSkew, "maxSkew");
  }

  public OpenedEnvelope open(Envelope envelope) throws EnvelopeRejectedException {
    Address sender;
    Address recipient;
    try {
      Routings.requireValid(envelope.getRouting());
      sender = Address.parse(envelope.getRouting().getSender());
      recipient = Address.parse(envelope.getRouting().getRecipient());
    } catch (IllegalArgumentException e) {
      throw new EnvelopeRejectedException.Malformed(e.getMessage(), e);
    }
    if (!recipient.party().equals(self)) {
      throw new EnvelopeRejectedException.WrongRecipient(
          "recipient " + recipient + " is not an authority of " + self + ", which this node serves");
    }

    byte[] signedData;
    try {
      signedData = AuthEnvelopedCodec.decrypt(envelope.getSealed().toByteArray(), key);
    } catch (CmsException e) {
      throw switch (e.kind()) {
        case MALFORMED -> new EnvelopeRejectedException.Malformed(e.getMessage(), e);
        case NOT_FOR_THIS_RECIPIENT -> new EnvelopeRejectedException.WrongRecipient(e.getMessage());
        default -> new EnvelopeRejectedException.DecryptionFailed(e.getMessage(), e);
      };
    }

    SignedContent signed;
    try {
      signed = SignedDataCodec.verify(signedData);
    } catch (CmsException e) {
      throw e.kind() == CmsException.Kind.SIGNATURE_INVALID
          ? new EnvelopeRejectedException.SignatureInvalid(e.getMessage(), e)
          : new EnvelopeRejectedException.Malformed(e.getMessage(), e);
    }

    ValidatedCertificate signer = validateSigner(signed);
    if (!signer.party().orElseThrow().equals(sender.party())) {
      throw new EnvelopeRejectedException.SignerNotSender("signed by a node of " + signer.party().get()
          + " but sent as " + sender);
    }
    try {
      listed.requireListed(sender.party(), CertificateUsage.CERTIFICATE_USAGE_SIGNING, signer.certificate());
    } catch (ListedCertificates.NotListedException e) {
      throw new EnvelopeRejectedException.SignerNotListed("signer: " + e.getMessage());
    }

    InnerMessage inner;
    try {
      inner = InnerMessage.parseFrom(signed.content());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new EnvelopeRejectedException.Malformed("signed content is not an InnerMessage: " + e.getMessage(), e);
    }
    if (!inner.getRouting().equals(envelope.getRouting())) {
      throw new EnvelopeRejectedException.RoutingMismatch(
          "clear routing differs from the signed routing (" + firstDifference(inner, envelope) + ")");
    }
    if (inner.getBodyCase() == InnerMessage.BodyCase.BODY_NOT_SET) {
      throw new EnvelopeRejectedException.Malformed("inner message has no body", null);
    }

    Instant now = clock.instant();
    Duration offset = Duration.between(now, signed.signingTime());
    if (offset.abs().compareTo(maxSkew) > 0) {
      throw new EnvelopeRejectedException.SigningTimeSkew("signing-time " + signed.signingTime() + " is "
          + offset.abs().toSeconds() + " s " + (offset.isNegative() ? "behind" : "ahead of") + " now " + now
          + " (expected: within " + maxSkew.toSeconds() + " s)");
    }
    replayGuard.admit(envelope.getRouting().getMessageId(), signed.signingTime());
    return new OpenedEnvelope(envelope, inner, signer, signed.signingTime(), signedData);
  }

  private ValidatedCertificate validateSigner(SignedContent signed) throws EnvelopeRejectedException {
    try {
      return validator.validate(signed.signerChain(), CertificatePurpose.SIGN);
    } catch (CertificateValidationException e) {
      RejectionReason reason = switch (e.reason()) {
        case REVOKED -> RejectionReason.REJECTION_REASON_SIGNER_CERTIFICATE_REVOKED;
        case WRONG_PURPOSE -> RejectionReason.REJECTION_REASON_SIGNER_CERTIFICATE_WRONG_PURPOSE;
        case EXPIRED, NOT_YET_VALID -> RejectionReason.REJECTION_REASON_SIGNER_CERTIFICATE_EXPIRED;
        default -> RejectionReason.REJECTION_REASON_SIGNER_CERTIFICATE_UNTRUSTED;
      };
      throw new EnvelopeRejectedException.SignerCertificate(reason, "signer certificate: " + e.getMessage(), e);
    }
  }

  private static String firstDifference(InnerMessage inner, Envelope envelope) {
    var signed = inner.getRouting();
    var clear = envelope.getRouting();
    for (var field : signed.getDescriptorForType().getFields()) {
      if (!Objects.equals(signed.getField(field), clear.getField(field))) {
        return "field " + field.getName();
      }
    }
    return "unknown fields";
  }
}
