package org.relay247.protocol.seal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A node's signing key with its certificate chain (leaf first); the chain is embedded in every
 * signature so that anyone holding the network root can verify it later.
 */
public record SigningKey(PrivateKey privateKey, List<X509Certificate> chain) {
  public SigningKey {
    Objects.requireNonNull(privateKey, "privateKey");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain: empty (expected: the signing certificate first)");
    }
  }

  public X509Certificate certificate() {
    return chain.get(0);
  }

  @Override
  public String toString() {
    return "SigningKey[" + certificate().getSubjectX500Principal() + "]";
  }
}
