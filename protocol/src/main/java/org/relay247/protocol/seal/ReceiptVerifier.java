package org.relay247.protocol.seal;

import java.security.MessageDigest;
import java.util.Objects;
import org.relay247.pki.CertificateValidator;
import org.relay247.protocol.Address;
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
    Address recipient = Address.parse(sent.getRecipient());
    PartySignature.Verified signed;
    try {
      signed = PartySignature.verify(signedReceipt, recipient.party(), validator, listed, "receipt");
    } catch (PartySignature.Refused e) {
      throw new ReceiptVerificationException(e.getMessage(), e.getCause());
    }
    InnerMessage inner = signed.inner();
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
    return new VerifiedReceipt(inner, signed.signer(), signed.signingTime());
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
