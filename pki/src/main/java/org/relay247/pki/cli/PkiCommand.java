package org.relay247.pki.cli;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.relay247.pki.NetworkPki;
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
  /**
   * Work that modules above pki add to {@code init-network} once the network exists (the
   * protocol module signs a default directory), so that pki does not depend on them.
   */
  @FunctionalInterface
  public interface InitHook {
    /**
     * Runs after {@code init-network} created every certificate and keystore.
     *
     * @return one line for the operator saying what was written, e.g.
     *     {@code "signed default directory: net/directory.bin"}
     * @throws IOException if it cannot do its work; init-network then exits 1 with the message
     *     (the network itself is already complete)
     */
    String afterInit(NetworkPki network) throws IOException;
  }

  private final Clock clock;
  private final Optional<InitHook> initHook;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** With the system clock: how the launcher runs it. */
  public PkiCommand() {
    this(Clock.systemUTC());
  }

  /** With an injected clock: how tests run it. */
  public PkiCommand(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.initHook = Optional.empty();
  }

  /** With an injected clock and work to run after {@code init-network}: how relay247 wires it. */
  public PkiCommand(Clock clock, InitHook initHook) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.initHook = Optional.of(Objects.requireNonNull(initHook, "initHook"));
  }

  Clock clock() {
    return clock;
  }

  Optional<InitHook> initHook() {
    return initHook;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a pki command.");
  }
}
