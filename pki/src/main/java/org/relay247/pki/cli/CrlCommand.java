package org.relay247.pki.cli;

import java.security.cert.X509CRL;
import java.util.Optional;
import org.relay247.pki.CertificateAuthority;
import org.relay247.pki.PartyCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code relay247 pki crl}: republish a CRL before its nextUpdate passes. */
@Command(name = "crl", mixinStandardHelpOptions = true,
    description = {"Publish a fresh CRL (same entries, new validity window, next CRL number).",
        "Relying parties refuse certificates once their issuer's CRL is past nextUpdate:",
        "run this on a schedule, well inside the CRL lifetime."})
final class CrlCommand extends NetworkSubcommand {
  @Option(names = "--party", required = true, paramLabel = "XX|root",
      description = "The Party whose CA publishes, or 'root' for the root's CRL.")
  String party;

  @Override
  public Integer call() throws Exception {
    Optional<PartyCode> who = "root".equalsIgnoreCase(party) ? Optional.empty()
        : Optional.of(new Converters.Party().convert(party));
    X509CRL crl = pki().publishCrl(who);
    out().println("Published CRL number " + CertificateAuthority.crlNumber(crl) + " of "
        + who.map(PartyCode::code).orElse("root") + " with " + Optional.ofNullable(crl.getRevokedCertificates())
            .map(java.util.Set::size).orElse(0) + " entries, current until " + crl.getNextUpdate().toInstant());
    return 0;
  }
}
