package org.relay247.protocol.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.relay247.pki.NetworkPki;
import org.relay247.protocol.directory.DefaultDirectory;
import org.relay247.protocol.seal.DirectoryVerificationException;
import org.relay247.protocol.seal.DirectoryVerifier;
import org.relay247.protocol.seal.ListedCertificates;
import picocli.CommandLine.Option;

/** The {@code --network DIR} option of commands that use a network's keys and trust anchors. */
final class NetworkOption {
  @Option(names = "--network", required = true, paramLabel = "DIR",
      description = "The network directory (as written by 'relay247 pki init-network').")
  Path dir;

  /** Opens the network; certificates are validated as of {@code clock}. */
  NetworkPki open(Clock clock) throws IOException {
    return NetworkPki.open(dir, clock);
  }

  /**
   * The node certificates signers are bound to: those of the network's signed directory
   * ({@code DIR/directory.bin}, verified) when there is one, else those of its PKI folder.
   */
  static ListedCertificates listed(NetworkPki pki, Clock clock) throws IOException {
    Path signed = DefaultDirectory.file(pki.layout());
    if (!Files.exists(signed)) {
      return ListedCertificates.of(DefaultDirectory.forNetwork(pki, clock.instant()));
    }
    try {
      return ListedCertificates.of(new DirectoryVerifier(pki.validator()).verify(Files.readAllBytes(signed), 0));
    } catch (DirectoryVerificationException e) {
      throw new IOException(signed + ": " + e.getMessage(), e);
    }
  }
}
