package org.relay247.protocol.seal;

import java.util.Objects;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.CertificateValidationException;
import org.relay247.pki.CertificateValidator;
import org.relay247.protocol.v1.Directory;

/**
 * Verifies a signed directory: CMS signature, signer validated as the network's directory signer
 * (issued by the root, not revoked), and a version not older than the one held, so a replayed old
 * directory cannot roll back declarations or certificates.
 */
public final class DirectoryVerifier {
  private final CertificateValidator validator;

  public DirectoryVerifier(CertificateValidator validator) {
    this.validator = Objects.requireNonNull(validator, "validator");
  }

  /**
   * @param heldVersion version currently held (0 when none)
   */
  public Directory verify(byte[] signedDirectory, long heldVersion) throws DirectoryVerificationException {
    SignedContent signed;
    try {
      signed = SignedDataCodec.verify(signedDirectory);
    } catch (CmsException e) {
      throw new DirectoryVerificationException("directory signature: " + e.getMessage(), e);
    }
    try {
      validator.validate(signed.signerChain(), CertificatePurpose.DIRECTORY);
    } catch (CertificateValidationException e) {
      throw new DirectoryVerificationException("directory signer: " + e.getMessage(), e);
    }
    Directory directory;
    try {
      directory = Directory.parseFrom(signed.content());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new DirectoryVerificationException("signed content is not a Directory: " + e.getMessage(), e);
    }
    if (Long.compareUnsigned(directory.getVersion(), heldVersion) < 0) {
      throw new DirectoryVerificationException("directory version " + directory.getVersion()
          + " is older than the version held (" + heldVersion + "); keeping the held one");
    }
    return directory;
  }
}
