package org.relay247.pki;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The SHA-256 digest of a {@link TrustMaterial}'s exact encoding (root, Party CA certificates and
 * CRLs, in order, each length-prefixed): equal digests mean byte-equal trust, and so equal
 * validation results for the same presented chain at the same instant.
 */
record TrustDigest(ByteBuffer sha256) {
  TrustDigest {
    Objects.requireNonNull(sha256, "sha256");
    if (sha256.remaining() != 32) {
      throw new IllegalArgumentException("sha256: " + sha256.remaining() + " bytes (expected: 32)");
    }
  }

  static TrustDigest of(TrustMaterial trust) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      add(sha, trust.root().getEncoded());
      addAll(sha, trust.partyCas().stream().map(TrustDigest::encoded).toList());
      addAll(sha, trust.crls().stream().map(TrustDigest::encoded).toList());
      return new TrustDigest(ByteBuffer.wrap(sha.digest()).asReadOnlyBuffer());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("trust material cannot be encoded: " + e.getMessage(), e);
    }
  }

  private static void addAll(MessageDigest sha, List<byte[]> items) {
    sha.update(ByteBuffer.allocate(4).putInt(items.size()).array());
    items.forEach(item -> add(sha, item));
  }

  private static void add(MessageDigest sha, byte[] item) {
    sha.update(ByteBuffer.allocate(4).putInt(item.length).array());
    sha.update(item);
  }

  private static byte[] encoded(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Party CA certificate cannot be encoded", e);
    }
  }

  private static byte[] encoded(X509CRL crl) {
    try {
      return crl.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("CRL cannot be encoded", e);
    }
  }
}
