package org.relay247.protocol.cli;

import java.time.Clock;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code relay247 envelope}: seal, open and take apart envelopes by hand, for testers and for
 * checking what a node sent or received. Exit codes: 0 valid or done, 1 invalid (with the
 * reason) or failed, 2 usage.
 */
@Command(
    name = "envelope",
    mixinStandardHelpOptions = true,
    description = {
        "Seal, open and extract envelopes (CMS AuthEnvelopedData around CMS SignedData).",
        "Layers, algorithms and the checks an opener makes: docs/wire-protocol.md."},
    subcommands = {SealEnvelopeCommand.class, OpenEnvelopeCommand.class, CmsEnvelopeCommand.class})
public final class EnvelopeCommand implements Runnable {
  private final Clock clock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** With the system clock. */
  public EnvelopeCommand() {
    this(Clock.systemUTC());
  }

  /** With an injected clock (signing time, validation time): how relay247 and tests run it. */
  public EnvelopeCommand(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  Clock clock() {
    return clock;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing an envelope command.");
  }
}
