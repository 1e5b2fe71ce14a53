package org.relay247.protocol.seal;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** A node's key-agreement key with its encryption certificate: what opens envelopes sent to it. */
public record DecryptionKey(PrivateKey privateKey, X509Certificate certificate) {
  public DecryptionKey {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(certificate, "certificate");
  }

  @Override
  public String toString() {
    return "DecryptionKey[" + certificate.getSubjectX500Principal() + "]";
  }
}
