package org.relay247.pki.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.NetworkSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code relay247 pki create-root}: the first step of a real network. */
@Command(name = "create-root", mixinStandardHelpOptions = true,
    description = {"Create a network root CA, its first CRL and the directory-signing pair.",
        "In production, run this on an offline machine and keep root/ca.p12 there."})
final class CreateRootCommand implements Callable<Integer> {
  @ParentCommand PkiCommand parent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Network directory to create.")
  Path out;

  @Option(names = "--name", paramLabel = "NAME", description = "Network name (default: ${DEFAULT-VALUE}).")
  String name = NetworkSettings.DEFAULT_NAME;

  @Option(names = "--crl-base-url", paramLabel = "URL",
      description = "An http(s) URL that serves the CRLs (BASE/root.crl, BASE/XX.crl), written into "
          + "certificates as their CRL distribution point. Default: none (nodes exchange CRLs themselves; docs/pki.md).")
  String crlBaseUrl = NetworkSettings.DEFAULT_CRL_BASE_URL;

  @Option(names = "--root-days", paramLabel = "DAYS", description = "Root validity (default: ${DEFAULT-VALUE}).")
  int rootDays = NetworkSettings.defaults().rootDays();

  @Option(names = "--node-days", paramLabel = "DAYS",
      description = "Validity of node certificates issued later (default: ${DEFAULT-VALUE}).")
  int nodeDays = NetworkSettings.defaults().nodeDays();

  @Option(names = "--crl-days", paramLabel = "DAYS",
      description = "How long each published CRL stays current (default: ${DEFAULT-VALUE}).")
  int crlDays = NetworkSettings.defaults().crlDays();

  @Override
  public Integer call() throws Exception {
    NetworkSettings d = NetworkSettings.defaults();
    NetworkSettings settings = new NetworkSettings(
        name, crlBaseUrl, rootDays, d.partyCaDays(), nodeDays, d.directoryDays(), crlDays);
    NetworkPki pki = NetworkPki.create(out, settings, parent.clock());
    spec.commandLine().getOut().println("Created root CA " + pki.layout().rootCertificate()
        + " and directory signer " + pki.layout().directoryCertificate()
        + ". Next: relay247 pki add-party --network " + out + " --party XX");
    return 0;
  }
}
