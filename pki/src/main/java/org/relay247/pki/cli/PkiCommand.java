package org.relay247.pki.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code relay247 pki}: operate the network's certificate authorities. */
@Command(
    name = "pki",
    mixinStandardHelpOptions = true,
    description = "Operate the network PKI: root, Party CAs, node certificates, CRLs.",
    subcommands = {})
public final class PkiCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a pki command.");
  }
}
