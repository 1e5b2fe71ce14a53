package org.relay247.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import javax.crypto.KeyAgreement;
import org.bouncycastle.jcajce.provider.asymmetric.ec.BCECPrivateKey;
import org.junit.jupiter.api.Test;

/**
 * SHA256withECDSA asked for without a provider, as the JDK's TLS engine asks for its
 * CertificateVerify signatures, is BouncyCastle's once {@link Crypto} is loaded, with the
 * JDK's own keys, and interoperates with the JDK's SunEC both ways; so is an EC key pair (the TLS
 * engine's P-256 key share), with which SunEC's ECDH agrees.
 */
class CryptoTest {
  private static final byte[] DATA = "CertificateVerify transcript hash".getBytes(StandardCharsets.UTF_8);

  @Test
  void sha256WithEcdsaWithoutProvider_isBouncyCastles_andSunEcVerifiesItsSignature() throws Exception {
    Crypto.provider();
    KeyPair jdkKeys = sunEcKeyPair();

    Signature signer = Signature.getInstance(Crypto.SIGNATURE_ALGORITHM);
    signer.initSign(jdkKeys.getPrivate());
    signer.update(DATA);
    byte[] signature = signer.sign();

    assertThat(signer.getProvider().getName()).isEqualTo(Crypto.EcdsaFirst.NAME);
    Signature sunEc = Signature.getInstance(Crypto.SIGNATURE_ALGORITHM, "SunEC");
    sunEc.initVerify(jdkKeys.getPublic());
    sunEc.update(DATA);
    assertThat(sunEc.verify(signature)).isTrue();
  }

  @Test
  void sha256WithEcdsaWithoutProvider_refusesSunEcSignatureOfOtherData() throws Exception {
    Crypto.provider();
    KeyPair jdkKeys = sunEcKeyPair();
    Signature sunEc = Signature.getInstance(Crypto.SIGNATURE_ALGORITHM, "SunEC");
    sunEc.initSign(jdkKeys.getPrivate());
    sunEc.update(DATA);
    byte[] signature = sunEc.sign();

    Signature verifier = Signature.getInstance(Crypto.SIGNATURE_ALGORITHM);
    verifier.initVerify(jdkKeys.getPublic());
    verifier.update(DATA);
    assertThat(verifier.verify(signature)).isTrue();
    verifier.initVerify(jdkKeys.getPublic());
    verifier.update("another transcript".getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(signature)).isFalse();
    assertThat(verifier.getProvider().getName()).isEqualTo(Crypto.EcdsaFirst.NAME);
  }

  @Test
  void ecKeyPairWithoutProvider_isBouncyCastles_andSunEcAgreesOnTheSameSecretWithIt() throws Exception {
    Crypto.provider();
    KeyPair peer = sunEcKeyPair();
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    // As the TLS engine makes its P-256 key share: the curve as the JDK's parameters, not by name.
    gen.initialize(((ECPublicKey) peer.getPublic()).getParams());
    KeyPair ephemeral = gen.generateKeyPair();

    assertThat(gen.getProvider().getName()).isEqualTo(Crypto.EcdsaFirst.NAME);
    assertThat(P256KeyPairs.isP256(((ECPublicKey) peer.getPublic()).getParams())).as("taken by name").isTrue();
    assertThat(ephemeral.getPrivate()).isInstanceOf(BCECPrivateKey.class);
    byte[] ours = sunEcAgreement(ephemeral.getPrivate(), peer.getPublic());
    byte[] theirs = sunEcAgreement(peer.getPrivate(), ephemeral.getPublic());
    assertThat(ours).hasSize(32).isEqualTo(theirs);
    assertThat(sunEcAgreement(ephemeral.getPrivate(), sunEcKeyPair().getPublic())).isNotEqualTo(ours);
  }

  @Test
  void ecKeyPairWithoutProvider_onAnotherCurve_isMadeOnThatCurve() throws Exception {
    KeyPairGenerator sunEc = KeyPairGenerator.getInstance("EC", "SunEC");
    sunEc.initialize(new ECGenParameterSpec("secp384r1"));
    ECParameterSpec p384 = ((ECPublicKey) sunEc.generateKeyPair().getPublic()).getParams();
    Crypto.provider();
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(p384);

    ECPublicKey made = (ECPublicKey) gen.generateKeyPair().getPublic();

    assertThat(P256KeyPairs.isP256(p384)).isFalse();
    assertThat(made.getParams().getCurve()).isEqualTo(p384.getCurve());
    assertThat(made.getParams().getOrder()).isEqualTo(p384.getOrder());
  }

  private static byte[] sunEcAgreement(PrivateKey own, PublicKey other) throws Exception {
    KeyAgreement ecdh = KeyAgreement.getInstance("ECDH", "SunEC");
    ecdh.init(own);
    ecdh.doPhase(other, true);
    return ecdh.generateSecret();
  }

  private static KeyPair sunEcKeyPair() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC", "SunEC");
    gen.initialize(new ECGenParameterSpec(Crypto.CURVE));
    return gen.generateKeyPair();
  }
}
