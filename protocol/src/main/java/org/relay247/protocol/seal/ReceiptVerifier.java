package org.relay247.protocol.seal;

import java.security.MessageDigest;
import java.util.Objects;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.CertificateValidationException;
import org.relay247.pki.CertificateValidator;
import org.relay247.pki.ValidatedCertificate;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.CertificateUsage;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Receipt;
import org.relay247.protocol.v1.Routing;

/**
 * Verifies a signed receipt against the envelope it answers: signature, signer certificate (for
 * signing, of the recipient's Party, listed in the directory for that Party's nodes), routing that answers the envelope, the message id, and the
 * SHA-256 of the envelope bytes as sent.
 */
public final class ReceiptVerifier {
  private final CertificateValidator validator;
  private final ListedCertificates listed;

  public ReceiptVerifier(CertificateValidator validator, ListedCertificates listed) {
    this.validator = Objects.requireNonNull(validator, "validator");
    this.listed = Objects.requireNonNull(listed, "listed");
  }

  /**
   * @param sent routing of the envelope that was delivered
   * @param sentEnvelopeBytes the serialized Envelope exactly as delivered
   */
  public VerifiedReceipt verify(byte[] signedReceipt, Routing sent, byte[] sentEnvelopeBytes)
      throws ReceiptVerificationException {
    SignedContent signed;
    try {
      signed = SignedDataCodec.verify(signedReceipt);
    } catch (CmsException e) {
      throw new ReceiptVerificationException("receipt signature: " + e.getMessage(), e);
    }
    ValidatedCertificate signer;
    try {
      signer = validator.validate(signed.signerChain(), CertificatePurpose.SIGN);
    } catch (CertificateValidationException e) {
      throw new ReceiptVerificationException("receipt signer: " + e.getMessage(), e);
    }
    Address recipient = Address.parse(sent.getRecipient());
    if (!signer.party().orElseThrow().equals(recipient.party())) {
      throw new ReceiptVerificationException("receipt signed by a node of " + signer.party().get()
          + ", not of the recipient " + recipient);
    }
    try {
      listed.requireListed(recipient.party(), CertificateUsage.CERTIFICATE_USAGE_SIGNING, signer.certificate());
    } catch (ListedCertificates.NotListedException e) {
      throw new ReceiptVerificationException("receipt signer: " + e.getMessage(), e);
    }
    InnerMessage inner;
    try {
      inner = InnerMessage.parseFrom(signed.content());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new ReceiptVerificationException("receipt content is not an InnerMessage", e);
    }
    if (inner.getBodyCase() != InnerMessage.BodyCase.RECEIPT) {
      throw new ReceiptVerificationException("signed message is a " + inner.getBodyCase() + ", not a receipt");
    }
    Routing answer = inner.getRouting();
    if (!answer.getReplyToId().equals(sent.getMessageId())
        || !answer.getSender().equals(sent.getRecipient())
        || !answer.getRecipient().equals(sent.getSender())) {
      throw new ReceiptVerificationException("receipt answers " + answer.getReplyToId() + " from "
          + answer.getSender() + " to " + answer.getRecipient() + " (expected: " + sent.getMessageId()
          + " from " + sent.getRecipient() + " to " + sent.getSender() + ")");
    }
    Receipt receipt = inner.getReceipt();
    if (!receipt.getMessageId().equals(sent.getMessageId())) {
      throw new ReceiptVerificationException("receipt.message_id: " + receipt.getMessageId()
          + " (expected: " + sent.getMessageId() + ")");
    }
    if (!MessageDigest.isEqual(receipt.getEnvelopeSha256().toByteArray(), sha256(sentEnvelopeBytes))) {
      throw new ReceiptVerificationException(
          "receipt.envelope_sha256 does not match the envelope as sent (the receiver got other bytes)");
    }
    return new VerifiedReceipt(inner, signer, signed.signingTime());
  }

  /** SHA-256, as receipts carry it. */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
