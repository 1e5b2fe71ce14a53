package org.relay247.pki.cli;

import java.security.cert.X509Certificate;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Pem;
import org.relay247.pki.RevocationReason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code relay247 pki renew}: a fresh key and certificate for the same node name and hosts. */
@Command(name = "renew", mixinStandardHelpOptions = true,
    description = {"Replace a node certificate and its key with fresh ones (same node name and hosts).",
        "The old certificate stays valid until it expires, unless --revoke-old."})
final class RenewCommand extends NetworkSubcommand {
  @Option(names = "--party", required = true, paramLabel = "XX", converter = Converters.Party.class,
      description = "ISO 3166 code of the Party.")
  PartyCode party;

  @Option(names = "--which", required = true, paramLabel = "tls|sign|enc",
      converter = Converters.NodePurpose.class, description = "Which of the node's certificates.")
  CertificatePurpose which;

  @Option(names = "--revoke-old", description = "Also revoke the replaced certificate (reason: superseded).")
  boolean revokeOld;

  @Override
  public Integer call() throws Exception {
    NetworkPki pki = pki();
    X509Certificate old = Pem.readCertificate(pki.layout().nodeCertificate(party, which));
    X509Certificate renewed = pki.renew(party, which);
    out().println("Renewed " + which.label() + " certificate of " + party + ": "
        + old.getSerialNumber().toString(16) + " -> " + renewed.getSerialNumber().toString(16)
        + ", valid until " + renewed.getNotAfter().toInstant());
    if (revokeOld) {
      pki.revoke(party, old, RevocationReason.SUPERSEDED);
      out().println("Revoked " + old.getSerialNumber().toString(16) + " (superseded); CRL "
          + pki.layout().partyCrl(party) + " republished.");
    }
    return 0;
  }
}
