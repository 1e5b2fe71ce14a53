package org.relay247.pki.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.relay247.pki.CertificateAuthority;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Pem;
import org.relay247.pki.RevocationReason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code relay247 pki revoke}: put a certificate on its Party CA's CRL. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
    description = "Revoke a certificate issued by a Party's CA and rewrite XX/crl.pem (next CRL number).")
final class RevokeCommand extends NetworkSubcommand {
  @Option(names = "--party", required = true, paramLabel = "XX", converter = Converters.Party.class,
      description = "The Party whose CA issued the certificate.")
  PartyCode party;

  @Option(names = "--cert", required = true, paramLabel = "FILE", description = "The certificate (PEM).")
  Path cert;

  @Option(names = "--reason", paramLabel = "REASON", converter = Converters.Reason.class,
      description = "unspecified, key-compromise, ca-compromise, affiliation-changed, superseded, "
          + "cessation-of-operation, privilege-withdrawn (default: unspecified).")
  RevocationReason reason = RevocationReason.UNSPECIFIED;

  @Override
  public Integer call() throws Exception {
    NetworkPki pki = pki();
    X509Certificate certificate = Pem.readCertificate(cert);
    NetworkPki.RevocationOutcome outcome = pki.revoke(party, certificate, reason);
    String serial = certificate.getSerialNumber().toString(16);
    if (outcome.newlyRevoked()) {
      out().println("Revoked " + serial + " (" + reason.name().toLowerCase().replace('_', '-')
          + "); " + pki.layout().partyCrl(party) + " is now CRL number "
          + CertificateAuthority.crlNumber(outcome.crl()) + ".");
    } else {
      out().println("Already revoked: " + serial + " since " + outcome.revokedAt() + "; CRL unchanged.");
    }
    return 0;
  }
}
