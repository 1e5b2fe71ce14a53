package org.relay247.pki.cli;

import java.time.Clock;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code relay247 pki}: operate the network's certificate authorities. */
@Command(
    name = "pki",
    mixinStandardHelpOptions = true,
    description = {
        "Operate the network PKI: root, Party CAs, node certificates, CRLs.",
        "Network layout and certificate profiles: docs/pki.md."},
    subcommands = {
        InitNetworkCommand.class, CreateRootCommand.class, AddPartyCommand.class,
        IssueCommand.class, RenewCommand.class, RevokeCommand.class, CrlCommand.class,
        VerifyCommand.class, ExportKeyCommand.class})
public final class PkiCommand implements Runnable {
  private final Clock clock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** With the system clock: how the launcher runs it. */
  public PkiCommand() {
    this(Clock.systemUTC());
  }

  /** With an injected clock: how tests run it. */
  public PkiCommand(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  Clock clock() {
    return clock;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a pki command.");
  }
}
