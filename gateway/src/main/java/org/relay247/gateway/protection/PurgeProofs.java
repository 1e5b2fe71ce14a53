package org.relay247.gateway.protection;

import com.google.protobuf.InvalidProtocolBufferException;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.CertificateValidationException;
import org.relay247.pki.CertificateValidator;
import org.relay247.pki.ValidatedCertificate;
import org.relay247.protocol.Address;
import org.relay247.protocol.seal.CmsException;
import org.relay247.protocol.seal.SignedContent;
import org.relay247.protocol.seal.SignedDataCodec;
import org.relay247.protocol.v1.InnerMessage;

/**
 * Verifies a proof of purge offline: the CMS signature over the exact bytes, the signer's
 * certificate (a signing certificate, valid under the network's PKI, revocation included), the
 * body (a PurgeRecord) and that the signer is a node of the Party the record names as sender.
 * The same checks as {@code relay247 verify FILE} on a signed message.
 */
public final class PurgeProofs {
  private PurgeProofs() {}

  /**
   * @throws PurgeProofInvalidException saying which check failed
   */
  public static PurgeProof verify(byte[] signedData, CertificateValidator validator)
      throws PurgeProofInvalidException {
    SignedContent signed;
    try {
      signed = SignedDataCodec.verify(signedData);
    } catch (CmsException e) {
      throw new PurgeProofInvalidException("signature: " + e.getMessage(), e);
    }
    InnerMessage inner;
    try {
      inner = InnerMessage.parseFrom(signed.content());
    } catch (InvalidProtocolBufferException e) {
      throw new PurgeProofInvalidException("content: not a relay247.v1.InnerMessage (" + e.getMessage() + ")", e);
    }
    if (inner.getBodyCase() != InnerMessage.BodyCase.PURGE_RECORD) {
      throw new PurgeProofInvalidException("body: " + inner.getBodyCase() + " (expected: PURGE_RECORD)", null);
    }
    ValidatedCertificate signer;
    try {
      signer = validator.validate(signed.signerChain(), CertificatePurpose.SIGN);
    } catch (CertificateValidationException e) {
      throw new PurgeProofInvalidException("signer certificate: " + e.getMessage(), e);
    }
    Address sender;
    try {
      sender = Address.parse(inner.getRouting().getSender());
    } catch (IllegalArgumentException e) {
      throw new PurgeProofInvalidException("routing.sender: " + e.getMessage(), e);
    }
    if (!signer.party().orElseThrow().equals(sender.party())) {
      throw new PurgeProofInvalidException("signed by a node of " + signer.party().get() + " but issued as "
          + sender, null);
    }
    return new PurgeProof(signedData, inner);
  }
}
