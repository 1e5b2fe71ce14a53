package org.relay247.gateway.console;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The SHA-256 of a certificate's DER encoding, as 64 lowercase hex digits: what binds a client
 * certificate to a console account (column console_user.certificate_sha256, V10).
 */
public record CertificateFingerprint(String hex) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public CertificateFingerprint {
    if (hex == null || !HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("certificate fingerprint: \"" + hex + "\" (expected: 64 lowercase hex"
          + " digits, the SHA-256 of the certificate)");
    }
  }

  public static CertificateFingerprint of(X509Certificate certificate) {
    try {
      return new CertificateFingerprint(HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("certificate: not encodable (" + e.getMessage() + ")", e);
    }
  }
}
