package org.relay247.gateway.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.relay247.gateway.api.ClientCredentials;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Password;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How a national API command reaches its node: the address, the network's trust material, and the
 * client's TLS key (the node's own in development, or a keystore of the national system). There is
 * deliberately no option that takes a password.
 */
final class ApiClientOptions {
  @Option(names = "--node", paramLabel = "HOST:PORT", defaultValue = "${env:RELAY247_NODE:-localhost:7401}",
      description = {"The node's national API (default: ${DEFAULT-VALUE}, or $RELAY247_NODE).",
          "A node's API port is its exchange port + 1; the default directory gives the Parties, in code order, "
              + "exchange ports 7400, 7410, 7420 ..., so APIs on 7401, 7411, 7421 ..."})
  String node;

  @Option(names = "--network", paramLabel = "DIR", defaultValue = "${env:RELAY247_NETWORK_DIR}",
      description = "Network directory with the trust material the node is checked against: root certificate, "
          + "Party CAs and CRLs (default: $RELAY247_NETWORK_DIR).")
  Path network;

  @Option(names = "--party", paramLabel = "XX",
      description = "Development: authenticate with the node's own TLS key DIR/XX/keys.p12 (alias tls, "
          + "password DIR/XX/keys.pass).")
  String party;

  @Option(names = "--keystore", paramLabel = "FILE",
      description = "PKCS#12 keystore with this system's TLS key (alias tls, or its only key), issued by the CA "
          + "of the node's Party, e.g. by 'relay247 pki issue --which tls --csr ...'.")
  Path keystore;

  @Option(names = "--password-file", paramLabel = "FILE", description = "Read the --keystore password from FILE.")
  Path passwordFile;

  @Option(names = "--password-env", paramLabel = "VAR",
      description = "Read the --keystore password from environment variable VAR.")
  String passwordEnv;

  /** The address as given, for messages. */
  String target() {
    return node;
  }

  /** Checks the options (usage errors exit 2), loads the credentials and opens a channel. */
  NationalApiClient connect(CommandLine cli, Clock clock) throws IOException {
    HostPort address = HostPort.parse(cli, node);
    ClientCredentials credentials = credentials(cli, clock);
    return NationalApiClient.connect(address.host(), address.port(), credentials);
  }

  private ClientCredentials credentials(CommandLine cli, Clock clock) throws IOException {
    if (network == null) {
      throw new CommandLine.ParameterException(cli,
          "Missing --network DIR (the network's trust material; or set RELAY247_NETWORK_DIR)");
    }
    if ((party == null) == (keystore == null)) {
      throw new CommandLine.ParameterException(cli, party == null
          ? "Missing the client key: --party XX (development: the node's own key) or --keystore FILE"
          : "--party and --keystore are alternatives: give one");
    }
    if (party != null) {
      if (passwordFile != null || passwordEnv != null) {
        throw new CommandLine.ParameterException(cli,
            "--password-file and --password-env go with --keystore (--party reads DIR/XX/keys.pass)");
      }
      PartyCode code;
      try {
        code = PartyCode.of(party);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cli, "--party: " + e.getMessage());
      }
      return ClientCredentials.fromNetwork(network, code, clock);
    }
    if ((passwordFile == null) == (passwordEnv == null)) {
      throw new CommandLine.ParameterException(cli, passwordFile == null
          ? "--keystore needs its password: --password-file FILE or --password-env VAR"
          : "--password-file and --password-env are alternatives: give one");
    }
    Password password = passwordFile != null ? Password.fromFile(passwordFile)
        : Password.fromEnvironment(passwordEnv, System.getenv());
    return ClientCredentials.fromKeystore(keystore, password, network, clock);
  }

  /** HOST:PORT, with [IPv6]:PORT. */
  record HostPort(String host, int port) {
    static HostPort parse(CommandLine cli, String text) {
      int colon = text == null ? -1 : text.lastIndexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        throw new CommandLine.ParameterException(cli, "--node: \"" + text + "\" (expected: HOST:PORT, e.g. "
            + "localhost:7401)");
      }
      String host = text.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port;
      try {
        port = Integer.parseInt(text.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw new CommandLine.ParameterException(cli, "--node: \"" + text + "\" (expected: HOST:PORT with a port "
            + "from 1 to 65535)");
      }
      return new HostPort(host, port);
    }
  }
}
