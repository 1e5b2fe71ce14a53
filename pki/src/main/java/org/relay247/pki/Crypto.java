package org.relay247.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Algorithm choices of the network, in one place. Keys are EC P-256: it is what {@code openssl
 * cms} interoperates with for both ECDSA signatures and ECDH key agreement (see docs/pki.md).
 * BouncyCastle does signatures and key agreement (8-15 times faster than SunEC on JDK 17);
 * symmetric ciphers stay with the JDK's SunJCE.
 */
public final class Crypto {
  /** Name under which BouncyCastle is registered. */
  public static final String PROVIDER = BouncyCastleProvider.PROVIDER_NAME;
  public static final String CURVE = "secp256r1";
  public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  private static final SecureRandom RANDOM = new SecureRandom();

  static {
    // Appended, not inserted first: JDK providers keep serving AES-GCM and TLS.
    if (Security.getProvider(PROVIDER) == null) {
      Security.addProvider(new BouncyCastleProvider());
    }
  }

  private Crypto() {}

  /** The registered BouncyCastle provider. */
  public static Provider provider() {
    return Security.getProvider(PROVIDER);
  }

  public static SecureRandom random() {
    return RANDOM;
  }

  /** A fresh P-256 key pair. */
  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC", provider());
      gen.initialize(new ECGenParameterSpec(CURVE), RANDOM);
      return gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 key generation unavailable", e);
    }
  }
}
