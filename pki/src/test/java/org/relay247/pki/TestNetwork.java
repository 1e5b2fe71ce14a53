package org.relay247.pki;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** An in-memory network (root, FR and DE CAs, current CRLs) at a fixed instant, for unit tests. */
final class TestNetwork {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  static final PartyCode FR = new PartyCode("FR");
  static final PartyCode DE = new PartyCode("DE");

  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final CertificateAuthority root;
  final CertificateAuthority fr;
  final CertificateAuthority de;
  X509CRL rootCrl;
  X509CRL frCrl;
  X509CRL deCrl;

  TestNetwork() {
    this("Test network");
  }

  TestNetwork(String name) {
    Validity years = new Validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(3650)));
    root = CertificateAuthority.createRoot(name, years, "http://localhost/crl/root.crl");
    fr = root.issuePartyCa(FR, years, "http://localhost/crl/FR.crl");
    de = root.issuePartyCa(DE, years, "http://localhost/crl/DE.crl");
    rootCrl = freshCrl(root, null, List.of());
    frCrl = freshCrl(fr, null, List.of());
    deCrl = freshCrl(de, null, List.of());
  }

  static X509CRL freshCrl(CertificateAuthority ca, X509CRL previous, List<Revocation> added) {
    return ca.issueCrl(previous, added, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(7)));
  }

  TrustMaterial trust() {
    return new TrustMaterial(root.certificate(), List.of(fr.certificate(), de.certificate()),
        List.of(rootCrl, frCrl, deCrl));
  }

  CertificateValidator validator() {
    return new CertificateValidator(trust(), clock);
  }

  X509Certificate issue(CertificateAuthority ca, CertificatePurpose purpose) {
    return issue(ca, purpose, oneYear());
  }

  X509Certificate issue(CertificateAuthority ca, CertificatePurpose purpose, Validity validity) {
    KeyPair keys = Crypto.newKeyPair();
    return ca.issueNodeCertificate(NodeIdentity.localDefault(ca.party().orElseThrow()), purpose,
        keys.getPublic(), validity);
  }

  static Validity oneYear() {
    return new Validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
  }

  /**
   * A certificate with the TLS profile whose subject names {@code country}, signed with the key of
   * {@code issuer}: what a compromised or careless Party CA could produce.
   */
  static X509Certificate forgeWithCountry(CertificateAuthority issuer, String country) throws Exception {
    KeyPair keys = Crypto.newKeyPair();
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, country)
        .addRDN(BCStyle.O, issuer.network()).addRDN(BCStyle.OU, "tls").addRDN(BCStyle.CN, "rogue").build();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
        X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
        BigInteger.valueOf(4242), Date.from(NOW.minus(Duration.ofDays(1))),
        Date.from(NOW.plus(Duration.ofDays(30))), subject, keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
    PrivateKey key = issuer.privateKey();
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder(Crypto.SIGNATURE_ALGORITHM).build(key)));
  }

  static List<X509Certificate> list(X509Certificate... certs) {
    return new ArrayList<>(List.of(certs));
  }
}
