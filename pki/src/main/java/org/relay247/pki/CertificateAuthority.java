package org.relay247.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.relay247.pki.internal.Extensions;

/**
 * A certificate authority of the network: the root (issues Party CAs and the directory signer)
 * or a Party CA (issues that Party's node certificates). It issues certificates with the profiles
 * of docs/pki.md and publishes CRLs; it holds its private key, so instances live only in CA
 * tooling, never in a running node.
 */
public final class CertificateAuthority {
  private final X509Certificate certificate;
  private final PrivateKey privateKey;
  private final String crlUri;

  /**
   * @param certificate this CA's certificate
   * @param privateKey its private key
   * @param crlUri where this CA publishes its CRL, written into every certificate it issues as the
   *     CRL distribution point; empty: no distribution point
   */
  public CertificateAuthority(X509Certificate certificate, PrivateKey privateKey, String crlUri) {
    this.certificate = Objects.requireNonNull(certificate, "certificate");
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.crlUri = Objects.requireNonNull(crlUri, "crlUri");
    if (certificate.getBasicConstraints() < 0) {
      throw new IllegalArgumentException(
          "certificate: " + DistinguishedNames.describe(certificate) + " (expected: a CA certificate)");
    }
  }

  /** A new self-signed network root, allowed one level of CAs below it (the Party CAs). */
  public static CertificateAuthority createRoot(String network, Validity validity, String crlUri) {
    requireNetworkName(network);
    KeyPair keys = Crypto.newKeyPair();
    X500Name name = DistinguishedNames.root(network);
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
        name, newSerial(), Date.from(validity.notBefore()), Date.from(validity.notAfter()),
        name, keys.getPublic());
    try {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(Extension.subjectKeyIdentifier, false, Extensions.subjectKeyId(keys.getPublic()));
    } catch (CertIOException e) {
      throw new IllegalStateException(e);
    }
    return new CertificateAuthority(sign(b, keys.getPrivate()), keys.getPrivate(), crlUri);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The CA's private key: only for storing it in its keystore. */
  public PrivateKey privateKey() {
    return privateKey;
  }

  public String crlUri() {
    return crlUri;
  }

  /** The network name, from the O attribute of this CA's subject. */
  public String network() {
    return DistinguishedNames.organisation(certificate.getSubjectX500Principal())
        .orElseThrow(() -> new IllegalStateException("CA subject has no O attribute"));
  }

  /** The Party of a Party CA; empty for the root. */
  public Optional<PartyCode> party() {
    return DistinguishedNames.country(certificate.getSubjectX500Principal()).map(PartyCode::new);
  }

  /** Issues the CA of one Party, with a fresh key; only the root may. */
  public CertificateAuthority issuePartyCa(PartyCode party, Validity validity, String partyCrlUri) {
    requireRoot("issue a Party CA");
    KeyPair keys = Crypto.newKeyPair();
    X509v3CertificateBuilder b = builder(DistinguishedNames.partyCa(network(), party), keys.getPublic(), validity);
    try {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } catch (CertIOException e) {
      throw new IllegalStateException(e);
    }
    return new CertificateAuthority(sign(b, privateKey), keys.getPrivate(), partyCrlUri);
  }

  /** Issues the certificate that signs the network directory; only the root may. */
  public X509Certificate issueDirectorySigner(PublicKey key, Validity validity) {
    requireRoot("issue the directory signer");
    X509v3CertificateBuilder b = builder(DistinguishedNames.directorySigner(network()), key, validity);
    addEndEntity(b, KeyUsage.digitalSignature | KeyUsage.nonRepudiation, KeyPurposeId.id_kp_emailProtection);
    return sign(b, privateKey);
  }

  /**
   * Issues a node certificate of this Party for one purpose, to the given public key (fresh, or
   * taken from a verified CSR).
   */
  public X509Certificate issueNodeCertificate(
      NodeIdentity node, CertificatePurpose purpose, PublicKey key, Validity validity) {
    PartyCode party = party().orElseThrow(() -> new IllegalStateException(
        "the root cannot issue node certificates; use the Party's CA"));
    if (!party.equals(node.party())) {
      throw new IllegalArgumentException(
          "node party: " + node.party() + " (expected: " + party + ", the Party of this CA)");
    }
    X509v3CertificateBuilder b = builder(DistinguishedNames.node(network(), node, purpose), key, validity);
    switch (purpose) {
      case TLS -> {
        addEndEntity(b, KeyUsage.digitalSignature,
            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
        addSubjectAltNames(b, node);
      }
      case SIGN -> addEndEntity(b, KeyUsage.digitalSignature | KeyUsage.nonRepudiation,
          KeyPurposeId.id_kp_emailProtection);
      case ENC -> addEndEntity(b, KeyUsage.keyAgreement, KeyPurposeId.id_kp_emailProtection);
      case DIRECTORY -> throw new IllegalArgumentException(
          "purpose: directory (expected: tls, sign or enc; the root issues the directory signer)");
    }
    return sign(b, privateKey);
  }

  /**
   * Issues the next CRL: every entry of {@code previous} (if any) plus {@code added}, with a CRL
   * number one above the previous one, so relying parties can tell the newest.
   */
  public X509CRL issueCrl(
      X509CRL previous, List<Revocation> added, Instant thisUpdate, Instant nextUpdate) {
    if (!nextUpdate.isAfter(thisUpdate)) {
      throw new IllegalArgumentException(
          "nextUpdate: " + nextUpdate + " (expected: after thisUpdate " + thisUpdate + ")");
    }
    BigInteger number = BigInteger.ONE;
    X509v2CRLBuilder b = new JcaX509v2CRLBuilder(certificate, Date.from(thisUpdate));
    b.setNextUpdate(Date.from(nextUpdate));
    try {
      if (previous != null) {
        X509CRLHolder prev = new JcaX509CRLHolder(previous);
        if (!prev.getIssuer().equals(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()))) {
          throw new IllegalArgumentException("previous CRL: issued by " + prev.getIssuer()
              + " (expected: " + DistinguishedNames.describe(certificate) + ")");
        }
        number = crlNumber(previous).add(BigInteger.ONE);
        b.addCRL(prev);
      }
      for (Revocation r : added) {
        b.addCRLEntry(r.serial(), Date.from(r.revokedAt()), r.reason().code());
      }
      b.addExtension(Extension.authorityKeyIdentifier, false, Extensions.authorityKeyId(certificate));
      b.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
      return new JcaX509CRLConverter().getCRL(b.build(signer(privateKey)));
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("CRL issuing failed", e);
    }
  }

  /** The CRL number extension of a CRL (0 when absent). */
  public static BigInteger crlNumber(X509CRL crl) {
    byte[] ext = crl.getExtensionValue(Extension.cRLNumber.getId());
    if (ext == null) {
      return BigInteger.ZERO;
    }
    return CRLNumber.getInstance(
        org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets()).getCRLNumber();
  }

  private X509v3CertificateBuilder builder(X500Name subject, PublicKey key, Validity validity) {
    Instant caEnd = certificate.getNotAfter().toInstant();
    if (validity.notAfter().isAfter(caEnd)) {
      throw new IllegalArgumentException("validity: notAfter " + validity.notAfter()
          + " (expected: not after the issuing CA's own notAfter " + caEnd + ")");
    }
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
        X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), newSerial(),
        Date.from(validity.notBefore()), Date.from(validity.notAfter()), subject, key);
    try {
      b.addExtension(Extension.subjectKeyIdentifier, false, Extensions.subjectKeyId(key));
      b.addExtension(Extension.authorityKeyIdentifier, false, Extensions.authorityKeyId(certificate));
      if (!crlUri.isEmpty()) {
        b.addExtension(Extension.cRLDistributionPoints, false, Extensions.crlDistributionPoint(crlUri));
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return b;
  }

  private static void addEndEntity(X509v3CertificateBuilder b, int keyUsage, KeyPurposeId... ekus) {
    try {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ekus));
    } catch (CertIOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void addSubjectAltNames(X509v3CertificateBuilder b, NodeIdentity node) {
    List<GeneralName> names = new ArrayList<>();
    node.dnsNames().forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
    node.ipAddresses().forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    if (names.isEmpty()) {
      throw new IllegalArgumentException("hosts: none (expected: at least one DNS name or IP for TLS)");
    }
    try {
      b.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(names.toArray(GeneralName[]::new)));
    } catch (CertIOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void requireRoot(String what) {
    if (party().isPresent()) {
      throw new IllegalStateException("only the network root may " + what
          + " (this is " + DistinguishedNames.describe(certificate) + ")");
    }
  }

  private static void requireNetworkName(String network) {
    if (network == null || network.isBlank() || network.length() > 64) {
      throw new IllegalArgumentException(
          "network name: \"" + network + "\" (expected: 1 to 64 characters)");
    }
  }

  /** A random positive 128-bit serial (RFC 5280 allows up to 20 octets). */
  private static BigInteger newSerial() {
    byte[] bytes = new byte[16];
    Crypto.random().nextBytes(bytes);
    BigInteger serial = new BigInteger(1, bytes);
    return serial.signum() == 0 ? BigInteger.ONE : serial;
  }

  private static ContentSigner signer(PrivateKey key) {
    try {
      return new JcaContentSignerBuilder(Crypto.SIGNATURE_ALGORITHM)
          .setProvider(Crypto.provider()).build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign with " + Crypto.SIGNATURE_ALGORITHM, e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) {
    try {
      return new JcaX509CertificateConverter().getCertificate(b.build(signer(key)));
    } catch (java.security.cert.CertificateException e) {
      throw new IllegalStateException("certificate encoding failed", e);
    }
  }
}
