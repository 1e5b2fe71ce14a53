package org.relay247.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * A complete network in one step, for development, demos and tests: root, directory signer, and
 * for each Party its CA, CRL and one node with TLS, signing and encryption certificates.
 */
public final class DevelopmentNetwork {
  private DevelopmentNetwork() {}

  public static NetworkPki create(Path dir, Collection<PartyCode> parties, List<String> hosts,
      NetworkSettings settings, Clock clock) throws IOException {
    if (parties.isEmpty()) {
      throw new IllegalArgumentException("parties: none (expected: at least one, e.g. FR,DE)");
    }
    NetworkPki pki = NetworkPki.create(dir, settings, clock);
    for (PartyCode party : parties) {
      pki.addParty(party);
      NodeIdentity node = hosts.isEmpty() ? NodeIdentity.localDefault(party)
          : NodeIdentity.of(party, NodeIdentity.localDefault(party).nodeName(), hosts);
      pki.issueNodeCertificates(node, List.of(CertificatePurpose.TLS, CertificatePurpose.SIGN,
          CertificatePurpose.ENC));
    }
    return pki;
  }
}
