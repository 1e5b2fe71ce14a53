package org.relay247.pki.internal;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/** BouncyCastle extension values shared by certificates and CRLs. */
public final class Extensions {
  private static final JcaX509ExtensionUtils UTILS;

  static {
    try {
      UTILS = new JcaX509ExtensionUtils();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Extensions() {}

  public static SubjectKeyIdentifier subjectKeyId(PublicKey key) {
    return UTILS.createSubjectKeyIdentifier(key);
  }

  public static AuthorityKeyIdentifier authorityKeyId(X509Certificate issuer) {
    try {
      return UTILS.createAuthorityKeyIdentifier(issuer);
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalArgumentException("issuer certificate cannot be encoded", e);
    }
  }

  public static CRLDistPoint crlDistributionPoint(String uri) {
    GeneralNames names = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
    return new CRLDistPoint(new DistributionPoint[] {
        new DistributionPoint(new DistributionPointName(names), null, null)});
  }
}
