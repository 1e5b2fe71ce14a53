package org.relay247.gateway.console;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.CertificateValidationException;
import org.relay247.pki.CertificateValidator;
import org.relay247.pki.DistinguishedNames;
import org.relay247.pki.PartyCode;
import org.relay247.pki.ValidatedCertificate;

/**
 * Client certificates on the console's HTTPS port: which CA the handshake asks for (this Party's
 * CA, from the node's current trust material), and the validation of a presented certificate at
 * sign-in with the pki module's validator (chain to the root through this Party's CA, validity,
 * purpose TLS, a current CRL and no revocation), failing closed.
 *
 * <p>The handshake itself accepts any chain whose private key the browser proves it holds (JSSE
 * checks CertificateVerify whatever the trust manager says); the judgement is made by
 * {@link #validate} at the sign-in route, so that a refused certificate gets a 401 page with a
 * reason instead of a broken connection, and so that pages other than sign-in never depend on it.
 */
final class ClientCertificates {
  private final Supplier<CertificateValidator> validator;
  private final PartyCode party;

  ClientCertificates(Supplier<CertificateValidator> validator, PartyCode party) {
    this.validator = validator;
    this.party = party;
  }

  /**
   * Validates {@code presented} (leaf first, as the handshake delivered it) as a TLS certificate
   * of this Party.
   *
   * @throws CertificateValidationException with the validator's reason, or for another Party
   */
  ValidatedCertificate validate(List<X509Certificate> presented) throws CertificateValidationException {
    ValidatedCertificate v = validator.get().validate(presented, CertificatePurpose.TLS);
    if (!v.party().equals(Optional.of(party))) {
      throw new CertificateValidationException(CertificateValidationException.Reason.PARTY_MISMATCH,
          "certificate of Party " + v.party().map(PartyCode::code).orElse("(none)") + " (expected: one issued by the CA"
              + " of " + party.code() + ")");
    }
    return v;
  }

  /** The trust manager of the console's connector: asks for this Party's CA, defers the judgement to {@link #validate}. */
  X509ExtendedTrustManager handshake() {
    return new X509ExtendedTrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // Judged at the sign-in route (see the class comment); no other route reads the certificate.
      }

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // as above
      }

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // as above
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the console is a server only");
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
          throws CertificateException {
        checkServerTrusted(chain, authType);
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
          throws CertificateException {
        checkServerTrusted(chain, authType);
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        // The browser offers only certificates of these issuers.
        return validator.get().trust().partyCas().stream()
            .filter(ca -> DistinguishedNames.country(ca.getSubjectX500Principal()).equals(
                Optional.of(party.code())))
            .toArray(X509Certificate[]::new);
      }
    };
  }
}
