package org.relay247.protocol.cli;

import java.time.Clock;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code relay247 directory}: produce the signed network directory. */
@Command(
    name = "directory",
    mixinStandardHelpOptions = true,
    description = {
        "Build and sign the network directory from its YAML source.",
        "Format: docs/wire-protocol.md (\"Directory format\"); example: docs/examples/directory.yaml."},
    subcommands = {SignDirectoryCommand.class, ShowDirectoryCommand.class})
public final class DirectoryCommand implements Runnable {
  private final Clock clock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** With the system clock. */
  public DirectoryCommand() {
    this(Clock.systemUTC());
  }

  /** With an injected clock (the signing time): how relay247 and tests run it. */
  public DirectoryCommand(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  Clock clock() {
    return clock;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a directory command.");
  }
}
