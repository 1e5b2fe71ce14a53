package org.relay247.protocol.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.relay247.pki.NetworkPki;
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
}
