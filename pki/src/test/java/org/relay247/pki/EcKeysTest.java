package org.relay247.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.jcajce.provider.asymmetric.ec.BCECPrivateKey;
import org.bouncycastle.jcajce.provider.asymmetric.ec.BCECPublicKey;
import org.junit.jupiter.api.Test;

/**
 * The JVM-wide cache of BouncyCastle public keys behind {@link Crypto#ecdsaProvider()}: it maps a
 * key's encoding to the same key, and verification with a cached key still refuses what it must.
 */
class EcKeysTest {
  private static final byte[] DATA = "signed attributes".getBytes(StandardCharsets.UTF_8);

  @Test
  void jdkPublicKey_becomesOneSharedBouncyCastleKey_forEveryEqualEncoding() throws Exception {
    KeyPair keys = sunEcKeyPair();
    PublicKey sameKeyParsedAgain = KeyFactory.getInstance("EC", "SunEC")
        .generatePublic(new X509EncodedKeySpec(keys.getPublic().getEncoded()));

    PublicKey first = EcKeys.forBouncyCastle(keys.getPublic());
    PublicKey second = EcKeys.forBouncyCastle(sameKeyParsedAgain);

    assertThat(first).isInstanceOf(BCECPublicKey.class);
    assertThat(first.getEncoded()).isEqualTo(keys.getPublic().getEncoded());
    assertThat(second).isSameAs(first);
    assertThat(EcKeys.forBouncyCastle(sunEcKeyPair().getPublic())).isNotSameAs(first);
  }

  @Test
  void jdkPrivateKey_becomesBouncyCastleKey_thatSunEcVerifies() throws Exception {
    KeyPair keys = sunEcKeyPair();
    Signature signer = Signature.getInstance(Crypto.SIGNATURE_ALGORITHM, Crypto.provider());
    signer.initSign(EcKeys.forBouncyCastle(keys.getPrivate()));
    signer.update(DATA);
    byte[] signature = signer.sign();

    assertThat(EcKeys.forBouncyCastle(keys.getPrivate())).isInstanceOf(BCECPrivateKey.class);
    Signature sunEc = Signature.getInstance(Crypto.SIGNATURE_ALGORITHM, "SunEC");
    sunEc.initVerify(keys.getPublic());
    sunEc.update(DATA);
    assertThat(sunEc.verify(signature)).isTrue();
  }

  @Test
  void cachedKey_stillRefusesOtherKeysSignature_otherData_andForgedSignature() throws Exception {
    KeyPair signerKeys = sunEcKeyPair();
    KeyPair otherKeys = sunEcKeyPair();
    byte[] signature = sunEcSignature(signerKeys, DATA);
    byte[] otherKeysSignature = sunEcSignature(otherKeys, DATA);
    byte[] forged = signature.clone();
    forged[forged.length - 1] ^= 1;

    assertThat(verifies(signerKeys.getPublic(), DATA, signature)).isTrue();  // now cached
    assertThat(verifies(signerKeys.getPublic(), DATA, signature)).isTrue();
    assertThat(verifies(signerKeys.getPublic(), DATA, otherKeysSignature)).isFalse();
    assertThat(verifies(signerKeys.getPublic(), "other data".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
    assertThat(verifies(signerKeys.getPublic(), DATA, forged)).isFalse();
    assertThat(verifies(otherKeys.getPublic(), DATA, signature)).isFalse();
  }

  @Test
  void nonEcKey_isReturnedUnchanged() throws Exception {
    KeyPair ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

    assertThat(EcKeys.forBouncyCastle(ed25519.getPublic())).isSameAs(ed25519.getPublic());
    assertThat(EcKeys.forBouncyCastle(ed25519.getPrivate())).isSameAs(ed25519.getPrivate());
  }

  private static boolean verifies(PublicKey key, byte[] data, byte[] signature) throws Exception {
    Signature verifier = Signature.getInstance(Crypto.SIGNATURE_ALGORITHM, Crypto.ecdsaProvider());
    verifier.initVerify(key);
    verifier.update(data);
    try {
      return verifier.verify(signature);
    } catch (java.security.SignatureException malformed) {
      return false;
    }
  }

  private static byte[] sunEcSignature(KeyPair keys, byte[] data) throws Exception {
    Signature sunEc = Signature.getInstance(Crypto.SIGNATURE_ALGORITHM, "SunEC");
    sunEc.initSign(keys.getPrivate());
    sunEc.update(data);
    return sunEc.sign();
  }

  private static KeyPair sunEcKeyPair() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC", "SunEC");
    gen.initialize(new ECGenParameterSpec(Crypto.CURVE));
    return gen.generateKeyPair();
  }
}
