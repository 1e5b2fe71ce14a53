package org.relay247.gateway.tls;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.CertificateValidationException;
import org.relay247.pki.CertificateValidator;
import org.relay247.pki.ValidatedCertificate;

/** The client of a mutual-TLS session, validated again per call with the current trust. */
public final class TlsPeers {
  private TlsPeers() {}

  /** @throws SecurityException saying why there is no valid TLS client (the caller answers UNAUTHENTICATED) */
  public static ValidatedCertificate validatedClient(SSLSession session, CertificateValidator validator) {
    if (session == null) {
      throw new SecurityException("no TLS session (mutual TLS is required)");
    }
    List<X509Certificate> chain;
    try {
      Certificate[] peer = session.getPeerCertificates();
      chain = Arrays.stream(peer).map(X509Certificate.class::cast).toList();
    } catch (SSLPeerUnverifiedException e) {
      throw new SecurityException("no client certificate");
    }
    try {
      return validator.validate(chain, CertificatePurpose.TLS);
    } catch (CertificateValidationException e) {
      throw new SecurityException("client certificate: " + e.getMessage());
    }
  }
}
