package org.relay247.pki;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What a relying party trusts: the network root, the known Party CA certificates, and the CRLs
 * of the root and of the Party CAs. It holds no private key.
 */
public record TrustMaterial(X509Certificate root, List<X509Certificate> partyCas, List<X509CRL> crls) {
  public TrustMaterial {
    Objects.requireNonNull(root, "root");
    partyCas = List.copyOf(partyCas);
    crls = List.copyOf(crls);
  }
}
