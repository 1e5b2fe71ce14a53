package org.relay247.gateway.cli;

import java.time.Clock;
import java.util.ServiceLoader;
import org.relay247.pki.cli.CliErrors;
import org.relay247.pki.cli.PkiCommand;
import org.relay247.protocol.cli.DirectoryCommand;
import org.relay247.protocol.cli.EnvelopeCommand;
import org.relay247.protocol.cli.VerifyCommand;
import org.relay247.protocol.directory.DefaultDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code relay247} command line: one top-level command whose subcommands come from each
 * module ({@code pki} from the pki module, and so on). Exit codes: 0 success, 1 failure or invalid
 * input, 2 usage error.
 */
@Command(
    name = "relay247",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Secure messaging gateway between 24/7 points of contact (Budapest Convention).",
    subcommands = {CommandLine.HelpCommand.class})
public final class Relay247Command implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // A bare "relay247" is a usage error: show what there is to do.
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
  }

  /** Builds the command line with the production wiring; {@link Main} and tests share it. */
  public static CommandLine newCommandLine(Clock clock) {
    CommandLine cli = new CommandLine(new Relay247Command());
    // init-network also signs a default directory (DIR/directory.bin) so nodes can start at once.
    cli.addSubcommand(new PkiCommand(clock, network -> DefaultDirectory.write(network, clock)));
    cli.addSubcommand(new EnvelopeCommand(clock));
    cli.addSubcommand(new DirectoryCommand(clock));
    cli.addSubcommand(new VerifyCommand(clock));
    cli.addSubcommand(new NodeCommand(clock));
    // The treaty rules on a message, without sending it (docs/treaty-rules.md).
    cli.addSubcommand(new CheckCommand(clock));
    // The node's audit log (Art. 14.8), on its database.
    cli.addSubcommand(new AuditCommand(clock));
    // The national API from the command line (a client of a running node).
    cli.addSubcommand(new SendCommand(clock));
    cli.addSubcommand(new PingCommand(clock));
    cli.addSubcommand(new InboxCommand(clock));
    cli.addSubcommand(new ShowCommand(clock));
    cli.addSubcommand(new AckCommand(clock));
    cli.addSubcommand(new OutboxCommand(clock));
    // Cases (docs/cases.md): list, show, timeline and the operator actions.
    cli.addSubcommand(CaseCommand.command(clock));
    // Results as files (docs/console.md): case send-results and case fetch-results.
    CaseResultsCommands.commands(clock).forEach(c -> cli.getSubcommands().get("case").addSubcommand(c));
    // The operator console's accounts (docs/console.md), on the node's database.
    cli.addSubcommand(new org.relay247.gateway.console.UserCommand(clock));
    // Commands of the modules above the gateway (the simulator's demo), found at run time.
    for (CommandProvider provider : ServiceLoader.load(CommandProvider.class)) {
      cli.addSubcommand(provider.command(clock));
    }
    return CliErrors.install(cli);
  }
}
