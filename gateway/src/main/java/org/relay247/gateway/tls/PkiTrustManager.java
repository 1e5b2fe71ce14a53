package org.relay247.gateway.tls;

import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSslCertificateException;
import io.grpc.netty.shaded.io.netty.internal.tcnative.CertificateVerifier;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.CertificateValidationException;
import org.relay247.pki.CertificateValidator;
import org.relay247.pki.PartyCode;
import org.relay247.pki.ValidatedCertificate;
import org.relay247.protocol.seal.ListedCertificates;
import org.relay247.protocol.v1.CertificateUsage;

/**
 * TLS trust through the pki module: a peer's certificate must validate for purpose TLS (chain to
 * the network root, revocation, Party binding) at the handshake, with the current trust. As a
 * client it also pins the Party it meant to reach and checks the host name against the
 * certificate's subjectAltName. Between nodes (the node exchange) the peer's certificate must
 * moreover be one the current signed directory lists for a node of its Party: a certificate the
 * Party's CA issued for anything else is refused.
 */
public final class PkiTrustManager extends X509ExtendedTrustManager {
  private final Supplier<CertificateValidator> validator;
  private final Optional<Supplier<ListedCertificates>> listed;
  private final Optional<PartyCode> expectedServerParty;
  private final Optional<PartyCode> requiredClientParty;

  private PkiTrustManager(Supplier<CertificateValidator> validator, Optional<Supplier<ListedCertificates>> listed,
      Optional<PartyCode> expectedServerParty, Optional<PartyCode> requiredClientParty) {
    this.validator = validator;
    this.listed = listed;
    this.expectedServerParty = expectedServerParty;
    this.requiredClientParty = requiredClientParty;
  }

  /** For the node-exchange server: clients of any Party, with a TLS certificate listed for its nodes. */
  public static PkiTrustManager forNodeServer(Supplier<CertificateValidator> validator,
      Supplier<ListedCertificates> listed) {
    return new PkiTrustManager(validator, Optional.of(listed), Optional.empty(), Optional.empty());
  }

  /** For a node delivering to a node of {@code party}: the server's TLS certificate must be listed for it. */
  public static PkiTrustManager forNodeClient(Supplier<CertificateValidator> validator,
      Supplier<ListedCertificates> listed, PartyCode party) {
    return new PkiTrustManager(validator, Optional.of(listed), Optional.of(party), Optional.empty());
  }

  /** For a server that accepts only clients of one Party (the national API). */
  public static PkiTrustManager forServerOf(Supplier<CertificateValidator> validator, PartyCode party) {
    return new PkiTrustManager(validator, Optional.empty(), Optional.empty(), Optional.of(party));
  }

  /** For a national client (CLI, case system) that must reach its own Party's node. */
  public static PkiTrustManager forClient(Supplier<CertificateValidator> validator, PartyCode party) {
    return new PkiTrustManager(validator, Optional.empty(), Optional.of(party), Optional.empty());
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    ValidatedCertificate v = validate(chain);
    if (requiredClientParty.isPresent() && !v.party().equals(requiredClientParty)) {
      throw refused("client certificate of Party " + v.party().orElse(null)
          + " (expected: a client of " + requiredClientParty.get() + ")");
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    checkServer(chain, null);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    checkServer(chain, null);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServer(chain, engine == null ? null : engine.getPeerHost());
  }

  private void checkServer(X509Certificate[] chain, String host) throws CertificateException {
    ValidatedCertificate v = validate(chain);
    if (expectedServerParty.isPresent() && !v.party().equals(expectedServerParty)) {
      throw refused("server certificate of Party " + v.party().orElse(null)
          + " (expected: a node of " + expectedServerParty.get() + ")");
    }
    if (host != null && !matchesHost(chain[0], host)) {
      throw refused("server certificate does not name host " + host + " in its subjectAltName");
    }
  }

  private ValidatedCertificate validate(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw refused("no certificate presented");
    }
    ValidatedCertificate v;
    try {
      v = validator.get().validate(List.of(chain), CertificatePurpose.TLS);
    } catch (CertificateValidationException e) {
      throw refused(e.getMessage(), e, e.reason());
    }
    if (listed.isPresent()) {
      try {
        listed.get().get().requireListed(v.party().orElseThrow(), CertificateUsage.CERTIFICATE_USAGE_TLS, chain[0]);
      } catch (ListedCertificates.NotListedException e) {
        throw refused(e.getMessage(), e, null);
      }
    }
    return v;
  }

  private static CertificateException refused(String message) {
    return refused(message, null, null);
  }

  /**
   * A refusal, naming the TLS alert the peer receives from BoringSSL: certificate_revoked,
   * certificate_expired, else bad_certificate (a refusal it is not told about reaches the peer as
   * internal_error). The JDK's engine chooses its alert from the exception's causes itself.
   */
  private static CertificateException refused(String message, Throwable cause, CertificateValidationException.Reason reason) {
    if (!NodeTls.boringSsl()) {
      return new CertificateException(message, cause);
    }
    int code = reason == CertificateValidationException.Reason.REVOKED ? CertificateVerifier.X509_V_ERR_CERT_REVOKED
        : reason == CertificateValidationException.Reason.EXPIRED ? CertificateVerifier.X509_V_ERR_CERT_HAS_EXPIRED
        : CertificateVerifier.X509_V_ERR_CERT_REJECTED;
    return new OpenSslCertificateException(message, cause, code);
  }

  private static boolean matchesHost(X509Certificate cert, String host) throws CertificateException {
    Collection<List<?>> names = cert.getSubjectAlternativeNames();
    if (names == null) {
      return false;
    }
    for (List<?> name : names) {
      if (host.equalsIgnoreCase(String.valueOf(name.get(1)))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    List<X509Certificate> issuers = new ArrayList<>(validator.get().trust().partyCas());
    issuers.add(validator.get().trust().root());
    return issuers.toArray(X509Certificate[]::new);
  }
}
