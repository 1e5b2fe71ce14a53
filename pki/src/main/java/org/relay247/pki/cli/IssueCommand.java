package org.relay247.pki.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.NodeIdentity;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code relay247 pki issue}: one node certificate, to a fresh key or to a CSR's key. */
@Command(name = "issue", mixinStandardHelpOptions = true,
    description = {"Issue a node certificate from the Party's CA.",
        "Without --csr: a fresh key is made and kept in XX/keys.p12, the certificate written to XX/<which>.pem.",
        "With --csr: the certificate for the CSR's key is written to --out; the key never reaches the CA."})
final class IssueCommand extends NetworkSubcommand {
  @Option(names = "--party", required = true, paramLabel = "XX", converter = Converters.Party.class,
      description = "ISO 3166 code of the Party.")
  PartyCode party;

  @Option(names = "--which", required = true, paramLabel = "tls|sign|enc",
      converter = Converters.NodePurpose.class, description = "Which of the node's three certificates.")
  CertificatePurpose which;

  @Option(names = "--node-name", paramLabel = "NAME",
      description = "Node name in the subject CN (default: xx-node).")
  String nodeName;

  @Option(names = "--host", paramLabel = "HOST",
      description = "DNS name or IP for TLS certificates, repeatable (default: localhost, 127.0.0.1).")
  List<String> hosts = List.of();

  @Option(names = "--csr", paramLabel = "FILE", description = "PEM certificate request whose key to certify.")
  Path csr;

  @Option(names = "--out", paramLabel = "FILE", description = "With --csr: where to write the certificate (PEM).")
  Path outFile;

  @Override
  public Integer call() throws Exception {
    NodeIdentity defaults = NodeIdentity.localDefault(party);
    NodeIdentity node = hosts.isEmpty() && nodeName == null ? defaults
        : NodeIdentity.of(party, nodeName == null ? defaults.nodeName() : nodeName,
            hosts.isEmpty() ? List.of("localhost", "127.0.0.1") : hosts);
    NetworkPki pki = pki();
    if (csr == null) {
      if (outFile != null) {
        throw new IllegalArgumentException("--out goes with --csr; without it the certificate is written to "
            + pki.layout().nodeCertificate(party, which));
      }
      X509Certificate cert = pki.issueNodeCertificate(node, which);
      out().println("Issued " + which.label() + " certificate " + cert.getSerialNumber().toString(16)
          + " for " + node.nodeName() + " of " + party + ": " + pki.layout().nodeCertificate(party, which)
          + " (key in " + pki.layout().nodeKeystore(party) + ")");
      return 0;
    }
    if (outFile == null) {
      throw new IllegalArgumentException("--csr needs --out FILE for the issued certificate");
    }
    if (Files.exists(outFile)) {
      throw new java.nio.file.FileAlreadyExistsException(outFile.toString());
    }
    X509Certificate cert = pki.issueFromCsr(node, which, Pem.readCsr(csr));
    Pem.writeCertificate(outFile, cert);
    out().println("Issued " + which.label() + " certificate " + cert.getSerialNumber().toString(16)
        + " for the key of " + csr + ": " + outFile);
    return 0;
  }
}
