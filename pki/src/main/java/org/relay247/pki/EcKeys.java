package org.relay247.pki;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.jcajce.provider.asymmetric.ec.BCECPrivateKey;
import org.bouncycastle.jcajce.provider.asymmetric.ec.BCECPublicKey;

/**
 * EC keys as BouncyCastle's own key objects, the form in which BouncyCastle signs and verifies
 * at full speed. Given a JDK key (from a JDK key store or a JDK-parsed certificate), BouncyCastle
 * converts it on every {@code initSign}/{@code initVerify} into fresh curve points and so
 * recomputes its tables for the base point and the public point each time: about 3 times the
 * cost of a P-256 signature and 4-6 times that of a verification. A BouncyCastle key object keeps
 * those tables for its lifetime.
 *
 * <p>Public keys are cached JVM-wide by their encoding (SubjectPublicKeyInfo): a network has few
 * distinct public keys and every peer certificate is parsed again per message or handshake. The
 * cache only maps bytes to the key they encode; every signature is still verified. Private keys
 * are converted, not cached: their holders convert them once, when they load them.
 */
public final class EcKeys {
  /** Far above the keys of a network of hundreds of nodes; beyond it the cache starts over. */
  static final int MAX_CACHED_PUBLIC_KEYS = 10_000;

  private static final Map<ByteBuffer, PublicKey> PUBLIC_KEYS = new ConcurrentHashMap<>();

  private EcKeys() {}

  /** The same EC public key as a BouncyCastle key; other keys are returned unchanged. */
  public static PublicKey forBouncyCastle(PublicKey key) throws InvalidKeyException {
    if (key instanceof BCECPublicKey || !"EC".equals(key.getAlgorithm()) || !"X.509".equals(key.getFormat())) {
      return key;
    }
    ByteBuffer encoding = ByteBuffer.wrap(key.getEncoded());
    PublicKey cached = PUBLIC_KEYS.get(encoding);
    if (cached != null) {
      return cached;
    }
    PublicKey converted;
    try {
      converted = KeyFactory.getInstance("EC", Crypto.provider())
          .generatePublic(new X509EncodedKeySpec(encoding.array()));
    } catch (GeneralSecurityException e) {
      throw new InvalidKeyException("EC public key not readable by BouncyCastle: " + e.getMessage(), e);
    }
    if (PUBLIC_KEYS.size() >= MAX_CACHED_PUBLIC_KEYS) {
      PUBLIC_KEYS.clear();
    }
    PublicKey raced = PUBLIC_KEYS.putIfAbsent(encoding, converted);
    return raced != null ? raced : converted;
  }

  /** The same EC private key as a BouncyCastle key; other keys are returned unchanged. */
  public static PrivateKey forBouncyCastle(PrivateKey key) throws InvalidKeyException {
    if (key instanceof BCECPrivateKey || !"EC".equals(key.getAlgorithm()) || !"PKCS#8".equals(key.getFormat())) {
      return key;
    }
    try {
      return KeyFactory.getInstance("EC", Crypto.provider()).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new InvalidKeyException("EC private key not readable by BouncyCastle: " + e.getMessage(), e);
    }
  }
}
