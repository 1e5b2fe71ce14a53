package org.relay247.pki.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.relay247.pki.DevelopmentNetwork;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.NetworkSettings;
import org.relay247.pki.PartyCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code relay247 pki init-network}: a complete development network in one step. */
@Command(name = "init-network", mixinStandardHelpOptions = true,
    description = {
        "Create a complete development network: root CA and its CRL, directory signer, and for "
            + "each Party its CA, CRL and one node with TLS, signing and encryption certificates.",
        "Private keys go to PKCS#12 keystores whose passwords are in .pass files (mode 0600)."})
final class InitNetworkCommand implements Callable<Integer> {
  @ParentCommand PkiCommand parent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--parties", required = true, split = ",", paramLabel = "XX",
      converter = Converters.Party.class, description = "ISO 3166 codes of the Parties, e.g. FR,DE,US.")
  List<PartyCode> parties;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Directory to create (must not exist or be empty).")
  Path out;

  @Option(names = "--host", paramLabel = "HOST",
      description = "DNS name or IP of every node, repeatable (default: localhost and 127.0.0.1).")
  List<String> hosts = List.of();

  @Option(names = "--name", paramLabel = "NAME", description = "Network name (default: ${DEFAULT-VALUE}).")
  String name = NetworkSettings.DEFAULT_NAME;

  @Option(names = "--crl-base-url", paramLabel = "URL",
      description = "An http(s) URL that serves the CRLs (BASE/root.crl, BASE/XX.crl), written into "
          + "certificates as their CRL distribution point. Default: none (nodes exchange CRLs themselves; docs/pki.md).")
  String crlBaseUrl = NetworkSettings.DEFAULT_CRL_BASE_URL;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(out) && (!Files.isDirectory(out) || Files.list(out).findAny().isPresent())) {
      throw new IllegalStateException(out + " exists and is not empty; choose a new --out directory");
    }
    NetworkSettings d = NetworkSettings.defaults();
    NetworkSettings settings = new NetworkSettings(name, crlBaseUrl, d.rootDays(), d.partyCaDays(),
        d.nodeDays(), d.directoryDays(), d.crlDays());
    TreeSet<PartyCode> unique = new TreeSet<>(parties);
    NetworkPki network = DevelopmentNetwork.create(out, unique, hosts, settings, parent.clock());
    var w = spec.commandLine().getOut();
    w.println("Created network \"" + name + "\" in " + out + " for " + unique.size() + " Parties: "
        + String.join(", ", unique.stream().map(PartyCode::code).toList()) + ".");
    w.println("  root CA:        " + out.resolve("root/ca.pem") + " (CRL root/crl.pem)");
    w.println("  directory:      " + out.resolve("root/directory.pem"));
    w.println("  per Party XX:   XX/ca.pem XX/crl.pem XX/tls.pem XX/sign.pem XX/enc.pem, keys in XX/keys.p12");
    if (parent.initHook().isPresent()) {
      w.println("  " + parent.initHook().get().afterInit(network));
    }
    w.println("Check a certificate: relay247 pki verify --network " + out + " --purpose tls "
        + out.resolve(unique.first().code() + "/tls.pem"));
    return 0;
  }
}
