package org.relay247.pki;

import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.PrivateKey;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;

/**
 * BouncyCastle's SHA256withECDSA behind {@link Crypto#ecdsaProvider()}: keys are handed to it as
 * BouncyCastle key objects ({@link EcKeys}), so that JDK keys (the TLS engine's peer
 * certificates, PKIX validation, CMS signer certificates) do not cost a table recomputation per
 * operation. Everything else is BouncyCastle's, unchanged.
 */
final class BcKeyEcdsa extends SignatureSpi {
  private final Signature bouncyCastle;

  BcKeyEcdsa(Signature bouncyCastle) {
    this.bouncyCastle = bouncyCastle;
  }

  @Override
  protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
    bouncyCastle.initVerify(EcKeys.forBouncyCastle(publicKey));
  }

  @Override
  protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
    bouncyCastle.initSign(EcKeys.forBouncyCastle(privateKey));
  }

  @Override
  protected void engineInitSign(PrivateKey privateKey, SecureRandom random) throws InvalidKeyException {
    bouncyCastle.initSign(EcKeys.forBouncyCastle(privateKey), random);
  }

  @Override
  protected void engineUpdate(byte b) throws SignatureException {
    bouncyCastle.update(b);
  }

  @Override
  protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
    bouncyCastle.update(b, off, len);
  }

  @Override
  protected void engineUpdate(ByteBuffer input) {
    try {
      bouncyCastle.update(input);
    } catch (SignatureException e) {
      throw new ProviderException(e);
    }
  }

  @Override
  protected byte[] engineSign() throws SignatureException {
    return bouncyCastle.sign();
  }

  @Override
  protected int engineSign(byte[] outbuf, int offset, int len) throws SignatureException {
    return bouncyCastle.sign(outbuf, offset, len);
  }

  @Override
  protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
    return bouncyCastle.verify(sigBytes);
  }

  @Override
  protected boolean engineVerify(byte[] sigBytes, int offset, int length) throws SignatureException {
    return bouncyCastle.verify(sigBytes, offset, length);
  }

  @Override
  protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
    bouncyCastle.setParameter(params);
  }

  @Override
  protected AlgorithmParameters engineGetParameters() {
    return bouncyCastle.getParameters();
  }

  @Override
  @Deprecated
  protected void engineSetParameter(String param, Object value) {
    throw new InvalidParameterException("SHA256withECDSA takes no parameter " + param);
  }

  @Override
  @Deprecated
  protected Object engineGetParameter(String param) {
    throw new InvalidParameterException("SHA256withECDSA has no parameter " + param);
  }
}
