package org.relay247.pki;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyPairGeneratorSpi;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;

/**
 * BouncyCastle's EC key pair generator behind {@link Crypto#ecdsaProvider()}, given P-256 by name.
 * The JDK's TLS engine passes the curve as an {@link ECParameterSpec}; from that BouncyCastle
 * builds a fresh base point and recomputes its table of multiples for every key pair (about 3
 * times the cost of the key pair), while by name it uses its shared, precomputed one.
 */
final class P256KeyPairs extends KeyPairGeneratorSpi {
  private static final ECParameterSpec P256 = p256();

  private final KeyPairGenerator bouncyCastle;

  P256KeyPairs(KeyPairGenerator bouncyCastle) {
    this.bouncyCastle = bouncyCastle;
  }

  @Override
  public void initialize(int keysize, SecureRandom random) {
    bouncyCastle.initialize(keysize, random);
  }

  @Override
  public void initialize(AlgorithmParameterSpec params, SecureRandom random) throws InvalidAlgorithmParameterException {
    bouncyCastle.initialize(isP256(params) ? new ECGenParameterSpec(Crypto.CURVE) : params, random);
  }

  @Override
  public KeyPair generateKeyPair() {
    return bouncyCastle.generateKeyPair();
  }

  static boolean isP256(AlgorithmParameterSpec params) {
    return params instanceof ECParameterSpec ec && ec.getCurve().equals(P256.getCurve())
        && ec.getGenerator().equals(P256.getGenerator()) && ec.getOrder().equals(P256.getOrder())
        && ec.getCofactor() == P256.getCofactor();
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC", "SunEC");
      params.init(new ECGenParameterSpec(Crypto.CURVE));
      return params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("P-256 parameters unavailable", e);
    }
  }
}
