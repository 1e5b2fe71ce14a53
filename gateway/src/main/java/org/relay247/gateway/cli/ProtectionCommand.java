package org.relay247.gateway.cli;

import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code relay247 protection ...}: the Art. 14 case operations of docs/data-protection.md. A
 * temporary parent: these commands move under {@code relay247 case} once the case engine's
 * command exists.
 */
@Command(name = "protection", mixinStandardHelpOptions = true,
    description = {"Art. 14 data-protection operations on a case: retention, purge with proof, export after "
        + "onward-transfer authorisation, security-incident notification (docs/data-protection.md)."},
    subcommands = {CommandLine.HelpCommand.class})
final class ProtectionCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private ProtectionCommand() {}

  /** This command with its subcommands, wired with {@code clock}. */
  static CommandLine newCommandLine(Clock clock) {
    CommandLine cli = new CommandLine(new ProtectionCommand());
    cli.addSubcommand(new CaseRetentionCommand(clock));
    cli.addSubcommand(new CasePurgeCommand(clock));
    cli.addSubcommand(new CaseExportCommand(clock));
    cli.addSubcommand(new CaseIncidentCommand(clock));
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: retention, purge, export or"
        + " incident.");
  }
}
