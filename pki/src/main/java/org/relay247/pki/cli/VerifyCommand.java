package org.relay247.pki.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.CertificateValidationException;
import org.relay247.pki.DistinguishedNames;
import org.relay247.pki.Pem;
import org.relay247.pki.ValidatedCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relay247 pki verify}: validate a certificate exactly as a node would. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Validate a certificate for a purpose against the network's root, Party CAs and CRLs.",
        "Exit 0 and one line when valid; exit 1 and the reason when not."})
final class VerifyCommand extends NetworkSubcommand {
  @Option(names = "--purpose", required = true, paramLabel = "tls|sign|enc|directory",
      converter = Converters.AnyPurpose.class, description = "What the certificate must be good for.")
  CertificatePurpose purpose;

  @Parameters(index = "0", paramLabel = "FILE", description = "The certificate (PEM; may be followed by its CA).")
  Path file;

  @Override
  public Integer call() throws Exception {
    List<X509Certificate> certs = Pem.readCertificates(file);
    try {
      ValidatedCertificate v = pki().validator().validate(certs, purpose);
      out().println("VALID " + purpose.label() + ": " + DistinguishedNames.describe(v.certificate())
          + v.party().map(p -> " (Party " + p + ")").orElse(" (network)")
          + ", until " + v.certificate().getNotAfter().toInstant());
      return 0;
    } catch (CertificateValidationException e) {
      out().println("INVALID " + e.getMessage());
      return CliErrors.FAILED;
    }
  }
}
