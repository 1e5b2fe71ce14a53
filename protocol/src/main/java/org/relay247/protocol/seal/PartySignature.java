package org.relay247.protocol.seal;

import java.time.Instant;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.CertificateValidationException;
import org.relay247.pki.CertificateValidator;
import org.relay247.pki.PartyCode;
import org.relay247.pki.ValidatedCertificate;
import org.relay247.protocol.v1.CertificateUsage;
import org.relay247.protocol.v1.InnerMessage;

/**
 * What signed receipts and signed pings share: CMS SignedData over an InnerMessage whose signer
 * holds a valid signing certificate of one given Party, listed in the directory for that Party's
 * nodes. Messages begin with what was checked ("receipt", "pong"), e.g. "pong signer: revoked".
 */
final class PartySignature {
  /** The signed InnerMessage, its signer and signing time. */
  record Verified(InnerMessage inner, ValidatedCertificate signer, Instant signingTime) {}

  /** The signature or its signer is not acceptable; the message says why. */
  static final class Refused extends Exception {
    Refused(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private PartySignature() {}

  static Verified verify(byte[] signedData, PartyCode party, CertificateValidator validator,
      ListedCertificates listed, String what) throws Refused {
    SignedContent signed;
    try {
      signed = SignedDataCodec.verify(signedData);
    } catch (CmsException e) {
      throw new Refused(what + " signature: " + e.getMessage(), e);
    }
    ValidatedCertificate signer;
    try {
      signer = validator.validate(signed.signerChain(), CertificatePurpose.SIGN);
    } catch (CertificateValidationException e) {
      throw new Refused(what + " signer: " + e.getMessage(), e);
    }
    if (!signer.party().orElseThrow().equals(party)) {
      throw new Refused(what + " signed by a node of " + signer.party().get() + ", not of " + party, null);
    }
    try {
      listed.requireListed(party, CertificateUsage.CERTIFICATE_USAGE_SIGNING, signer.certificate());
    } catch (ListedCertificates.NotListedException e) {
      throw new Refused(what + " signer: " + e.getMessage(), e);
    }
    try {
      return new Verified(InnerMessage.parseFrom(signed.content()), signer, signed.signingTime());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new Refused(what + " content is not an InnerMessage", e);
    }
  }
}
