package org.relay247.gateway.tls;

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

/**
 * TLS trust through the pki module: a peer's certificate must validate for purpose TLS (chain to
 * the network root, revocation, Party binding) at the handshake, with the current trust. As a
 * client it also pins the Party it meant to reach and checks the host name against the
 * certificate's subjectAltName.
 */
public final class PkiTrustManager extends X509ExtendedTrustManager {
  private final Supplier<CertificateValidator> validator;
  private final Optional<PartyCode> expectedServerParty;
  private final Optional<PartyCode> requiredClientParty;

  private PkiTrustManager(Supplier<CertificateValidator> validator, Optional<PartyCode> expectedServerParty,
      Optional<PartyCode> requiredClientParty) {
    this.validator = validator;
    this.expectedServerParty = expectedServerParty;
    this.requiredClientParty = requiredClientParty;
  }

  /** For a server that accepts clients of any Party of the network (node exchange). */
  public static PkiTrustManager forServer(Supplier<CertificateValidator> validator) {
    return new PkiTrustManager(validator, Optional.empty(), Optional.empty());
  }

  /** For a server that accepts only clients of one Party (the national API). */
  public static PkiTrustManager forServerOf(Supplier<CertificateValidator> validator, PartyCode party) {
    return new PkiTrustManager(validator, Optional.empty(), Optional.of(party));
  }

  /** For a client that must reach a node of {@code party}. */
  public static PkiTrustManager forClient(Supplier<CertificateValidator> validator, PartyCode party) {
    return new PkiTrustManager(validator, Optional.of(party), Optional.empty());
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    ValidatedCertificate v = validate(chain);
    if (requiredClientParty.isPresent() && !v.party().equals(requiredClientParty)) {
      throw new CertificateException("client certificate of Party " + v.party().orElse(null)
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
      throw new CertificateException("server certificate of Party " + v.party().orElse(null)
          + " (expected: a node of " + expectedServerParty.get() + ")");
    }
    if (host != null && !matchesHost(chain[0], host)) {
      throw new CertificateException("server certificate does not name host " + host + " in its subjectAltName");
    }
  }

  private ValidatedCertificate validate(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("no certificate presented");
    }
    try {
      return validator.get().validate(List.of(chain), CertificatePurpose.TLS);
    } catch (CertificateValidationException e) {
      throw new CertificateException(e.getMessage(), e);
    }
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
