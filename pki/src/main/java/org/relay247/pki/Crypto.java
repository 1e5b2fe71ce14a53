package org.relay247.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Algorithm choices of the network, in one place. Keys are EC P-256: it is what {@code openssl
 * cms} interoperates with for both ECDSA signatures and ECDH key agreement (see docs/pki.md).
 * BouncyCastle does signatures and key agreement (8-15 times faster than SunEC on JDK 17);
 * symmetric ciphers stay with the JDK's SunJCE. Once this class is loaded, {@code
 * SHA256withECDSA} and EC key pair generation requested without a provider (the JDK's TLS engine
 * and PKIX validator ask so) are BouncyCastle's as well, through a provider of those two
 * algorithms placed first.
 */
public final class Crypto {
  /** Name under which BouncyCastle is registered. */
  public static final String PROVIDER = BouncyCastleProvider.PROVIDER_NAME;
  public static final String CURVE = "secp256r1";
  public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Provider BOUNCY_CASTLE;
  private static final Provider ECDSA_FIRST;

  static {
    // Appended, not inserted first: JDK providers keep serving AES-GCM and TLS.
    if (Security.getProvider(PROVIDER) == null) {
      Security.addProvider(new BouncyCastleProvider());
    }
    // Both looked up once: Security.getProvider walks the provider list under a lock on every call.
    BOUNCY_CASTLE = Security.getProvider(PROVIDER);
    // Only P-256 ECDSA and EC key generation go first: the TLS engine asks for "SHA256withECDSA"
    // (CertificateVerify, two signatures and two verifications per mutual handshake) and for an
    // "EC" key pair (the client's P-256 key share, made at every handshake even when the server
    // picks x25519: SunEC takes ~0.8 ms for it, BouncyCastle ~0.1 ms) without naming a provider.
    if (Security.getProvider(EcdsaFirst.NAME) == null) {
      Security.insertProviderAt(new EcdsaFirst(provider()), 1);
    }
    ECDSA_FIRST = Security.getProvider(EcdsaFirst.NAME);
  }

  private Crypto() {}

  /** The registered BouncyCastle provider. */
  public static Provider provider() {
    return BOUNCY_CASTLE;
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

  /**
   * The provider of {@code SHA256withECDSA} placed first: BouncyCastle's, given keys as
   * BouncyCastle key objects ({@link EcKeys}), whatever form the caller holds them in.
   */
  public static Provider ecdsaProvider() {
    return ECDSA_FIRST;
  }

  /**
   * A provider of BouncyCastle's SHA256withECDSA and EC key pair generator alone, to be placed
   * before the JDK's. Key agreement (ECDH, x25519) stays the JDK's: SunEC takes BouncyCastle's
   * EC keys as any {@code ECPrivateKey}.
   */
  static final class EcdsaFirst extends Provider {
    static final String NAME = "Relay247-ECDSA";
    private static final long serialVersionUID = 1L;

    EcdsaFirst(Provider bouncyCastle) {
      super(NAME, "1.0", "SHA256withECDSA and EC key pairs of " + bouncyCastle.getName());
      putService(new Service(this, "KeyPairGenerator", "EC", P256KeyPairs.class.getName(), null, null) {
        @Override
        public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
          return new P256KeyPairs(KeyPairGenerator.getInstance("EC", bouncyCastle));
        }
      });
      putService(new Service(this, "Signature", SIGNATURE_ALGORITHM, BcKeyEcdsa.class.getName(), null, null) {
        @Override
        public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
          return new BcKeyEcdsa(Signature.getInstance(SIGNATURE_ALGORITHM, bouncyCastle));
        }
      });
    }
  }
}
