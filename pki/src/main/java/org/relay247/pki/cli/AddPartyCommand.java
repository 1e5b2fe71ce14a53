package org.relay247.pki.cli;

import org.relay247.pki.NetworkPki;
import org.relay247.pki.PartyCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code relay247 pki add-party}: a Party CA under the root. */
@Command(name = "add-party", mixinStandardHelpOptions = true,
    description = "Create the CA of a Party under the network root, with its first (empty) CRL.")
final class AddPartyCommand extends NetworkSubcommand {
  @Option(names = "--party", required = true, paramLabel = "XX", converter = Converters.Party.class,
      description = "ISO 3166 code of the Party.")
  PartyCode party;

  @Override
  public Integer call() throws Exception {
    NetworkPki pki = pki();
    pki.addParty(party);
    out().println("Created the CA of " + party + ": " + pki.layout().partyCaCertificate(party)
        + " (CRL " + pki.layout().partyCrl(party) + "). Next: relay247 pki issue --network "
        + network + " --party " + party + " --which tls");
    return 0;
  }
}
