package org.relay247.pki.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code relay247 pki export-key}: the one way a private key leaves its keystore. */
@Command(name = "export-key", mixinStandardHelpOptions = true,
    description = {"Export a node private key as unencrypted PKCS#8 PEM (mode 0600), e.g. for openssl.",
        "Keys otherwise never leave XX/keys.p12: handle the output as a secret and delete it after use."})
final class ExportKeyCommand extends NetworkSubcommand {
  @Option(names = "--party", required = true, paramLabel = "XX", converter = Converters.Party.class,
      description = "ISO 3166 code of the Party.")
  PartyCode party;

  @Option(names = "--which", required = true, paramLabel = "tls|sign|enc",
      converter = Converters.NodePurpose.class, description = "Which of the node's keys.")
  CertificatePurpose which;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the key (must not exist).")
  Path outFile;

  @Mixin PasswordOptions passwordOptions;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(outFile)) {
      throw new java.nio.file.FileAlreadyExistsException(outFile.toString());
    }
    NetworkPki opened = pki();
    Path keystore = opened.layout().nodeKeystore(party);
    Pem.writePrivateKey(outFile, pki(passwordOptions.passwordsFor(keystore)).nodeKey(party, which));
    out().println("Exported the " + which.label() + " private key of " + party + " to " + outFile
        + " (mode 0600). It is a secret: delete it when done.");
    return 0;
  }
}
