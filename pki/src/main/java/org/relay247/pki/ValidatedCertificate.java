package org.relay247.pki;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A certificate that passed {@link CertificateValidator#validate}: its chain to the root, the
 * purpose it was validated for, and the Party it speaks for (empty for the directory signer).
 */
public record ValidatedCertificate(
    X509Certificate certificate, CertificatePurpose purpose, Optional<PartyCode> party,
    List<X509Certificate> chain) {
  public ValidatedCertificate {
    chain = List.copyOf(chain);
  }
}
