package org.relay247.gateway.api;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.CertificateValidationException;
import org.relay247.pki.CertificateValidator;
import org.relay247.pki.DistinguishedNames;
import org.relay247.pki.NetworkLayout;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.Password;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Pkcs12;

/**
 * What a national client presents and trusts: its TLS key and certificate chain, the network's
 * trust material (root, Party CAs, CRLs) to check the node with, and the Party whose node it
 * expects (the Party of its own certificate). Never prints the key.
 */
public final class ClientCredentials {
  /** The keystore alias node keystores and {@code pki issue} use for TLS keys. */
  public static final String TLS_ALIAS = "tls";

  private final PrivateKey key;
  private final List<X509Certificate> chain;
  private final CertificateValidator validator;
  private final PartyCode party;

  private ClientCredentials(PrivateKey key, List<X509Certificate> chain, CertificateValidator validator,
      PartyCode party) {
    this.key = key;
    this.chain = List.copyOf(chain);
    this.validator = validator;
    this.party = party;
  }

  /**
   * The TLS key from a PKCS#12 keystore (alias {@code tls}, or its only key), checked against the
   * trust material of the network directory {@code networkDir}.
   *
   * @throws IOException if a file cannot be read or the password is wrong
   * @throws IllegalArgumentException if the certificate is not a valid TLS certificate of the
   *     network (expired, revoked, another root ...)
   */
  public static ClientCredentials fromKeystore(Path keystore, Password password, Path networkDir, Clock clock)
      throws IOException {
    Pkcs12 store = Pkcs12.load(keystore, password);
    List<String> aliases = store.aliases();
    String alias = aliases.contains(TLS_ALIAS) || aliases.size() != 1 ? TLS_ALIAS : aliases.get(0);
    PrivateKey key = store.privateKey(alias);
    List<X509Certificate> chain = store.chain(alias);
    CertificateValidator validator = NetworkPki.open(networkDir, clock).validator();
    PartyCode party;
    try {
      party = validator.validate(chain, CertificatePurpose.TLS).party().orElseThrow(() ->
          new IllegalArgumentException("client certificate " + DistinguishedNames.describe(chain.get(0))
              + " (" + keystore + "): names no Party"));
    } catch (CertificateValidationException e) {
      throw new IllegalArgumentException("client certificate in " + keystore + ": " + e.getMessage(), e);
    }
    return new ClientCredentials(key, chain, validator, party);
  }

  /** Development: the node's own TLS key of {@code party} in a network directory, {@code DIR/XX/keys.p12}. */
  public static ClientCredentials fromNetwork(Path networkDir, PartyCode party, Clock clock) throws IOException {
    NetworkLayout layout = new NetworkLayout(networkDir);
    ClientCredentials c = fromKeystore(layout.nodeKeystore(party), Password.fromFile(layout.nodePassword(party)),
        networkDir, clock);
    if (!c.party.equals(party)) {
      throw new IllegalArgumentException("client certificate in " + layout.nodeKeystore(party) + " is of Party "
          + c.party + ", not " + party);
    }
    return c;
  }

  /** For tests and embedding: material already loaded. */
  public static ClientCredentials of(PrivateKey key, List<X509Certificate> chain, CertificateValidator validator,
      PartyCode party) {
    return new ClientCredentials(Objects.requireNonNull(key, "key"), chain, Objects.requireNonNull(validator,
        "validator"), Objects.requireNonNull(party, "party"));
  }

  PrivateKey key() {
    return key;
  }

  List<X509Certificate> chain() {
    return chain;
  }

  CertificateValidator validator() {
    return validator;
  }

  /** The Party whose node this client talks to: the Party of its certificate. */
  public PartyCode party() {
    return party;
  }

  @Override
  public String toString() {
    return "ClientCredentials[" + DistinguishedNames.describe(chain.get(0)) + "]";
  }
}
