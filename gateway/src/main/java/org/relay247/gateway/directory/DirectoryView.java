package org.relay247.gateway.directory;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.seal.ListedCertificates;
import org.relay247.protocol.v1.CertificateUsage;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.Node;
import org.relay247.protocol.v1.NodeCertificate;
import org.relay247.protocol.v1.Party;

/**
 * Read access to one verified directory version: Parties, their CAs, nodes and certificates, and
 * the node certificates TLS peers and signers are bound to.
 */
public record DirectoryView(Directory directory, ListedCertificates listed) {

  public DirectoryView(Directory directory) {
    this(directory, ListedCertificates.of(directory));
  }

  public long version() {
    return directory.getVersion();
  }

  public Optional<Party> party(PartyCode code) {
    return directory.getPartiesList().stream().filter(p -> p.getCode().equals(code.code())).findFirst();
  }

  public Party requireParty(PartyCode code) {
    return party(code).orElseThrow(() -> new IllegalArgumentException(
        "Party " + code + " is not in the network directory (version " + version() + ")"));
  }

  /** The CA certificates the directory lists for a Party. */
  public List<X509Certificate> caCertificates(PartyCode code) {
    return party(code).map(p -> p.getCaCertificatesList().stream().map(b -> certificate(b.toByteArray())).toList())
        .orElse(List.of());
  }

  /** Every Party CA certificate in the directory. */
  public List<X509Certificate> allCaCertificates() {
    List<X509Certificate> out = new ArrayList<>();
    for (Party p : directory.getPartiesList()) {
      p.getCaCertificatesList().forEach(b -> out.add(certificate(b.toByteArray())));
    }
    return out;
  }

  /** The node endpoints ("host:port") of a Party, in directory order. */
  public List<String> endpoints(PartyCode code) {
    return requireParty(code).getNodesList().stream().flatMap(n -> n.getEndpointsList().stream()).toList();
  }

  /** The encryption certificate of the Party's first node: what envelopes to it are sealed for. */
  public X509Certificate encryptionCertificate(PartyCode code) {
    for (Node node : requireParty(code).getNodesList()) {
      for (NodeCertificate c : node.getCertificatesList()) {
        if (c.getUsage() == CertificateUsage.CERTIFICATE_USAGE_ENCRYPTION) {
          return certificate(c.getDer().toByteArray());
        }
      }
    }
    throw new IllegalArgumentException("Party " + code + " lists no encryption certificate in the directory");
  }

  private static X509Certificate certificate(byte[] der) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalStateException("directory holds an unreadable certificate", e);
    }
  }
}
