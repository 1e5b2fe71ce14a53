package org.relay247.protocol.seal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The result of checking a CMS SignedData signature: the exact signed bytes, the certificates
 * the signer sent (signer first), and the signing-time attribute. The signer certificate is not
 * yet validated against the PKI: callers do that for the purpose they need.
 */
public record SignedContent(byte[] content, List<X509Certificate> signerChain, Instant signingTime) {
  public SignedContent {
    content = content.clone();
    signerChain = List.copyOf(signerChain);
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  public X509Certificate signer() {
    return signerChain.get(0);
  }
}
