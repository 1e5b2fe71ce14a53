package org.relay247.protocol.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.relay247.pki.NetworkPki;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code relay247 verify FILE}: checks a signed receipt, evidence manifest, other signed message
 * or directory against the network, and says what it is, who signed it and when.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {
        "Verify a signed file: a receipt or an evidence manifest (CMS SignedData around an InnerMessage, "
            + "signed by a node of the sender's Party), any other signed inner message, or a network "
            + "directory (signed by the directory signer). DER or PEM.",
        "The signer's certificate is validated against the network's root, Party CAs and CRLs.",
        "Exit 0 with \"VALID ...\"; exit 1 with \"INVALID <REASON>: ...\"."})
public final class VerifyCommand implements Callable<Integer> {
  private final Clock clock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The signed file.")
  Path file;

  @Option(names = "--network", paramLabel = "DIR", defaultValue = ".",
      description = "The network directory whose root the signer must chain to (default: the current directory).")
  Path network;

  @Option(names = "--envelope", paramLabel = "FILE.env",
      description = "For a receipt: also check that it answers this envelope (message id, addresses, SHA-256 "
          + "of the envelope bytes).")
  Path envelope;

  @Option(names = "--at", paramLabel = "INSTANT", converter = Converters.InstantValue.class,
      description = "Validate the signer as of this time instead of now, e.g. 2025-11-21T02:15:00Z.")
  Instant at;

  /** With the system clock. */
  public VerifyCommand() {
    this(Clock.systemUTC());
  }

  /** With an injected clock (validation time): how relay247 and tests run it. */
  public VerifyCommand(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Integer call() throws Exception {
    Clock now = at == null ? clock : Clock.fixed(at, ZoneOffset.UTC);
    if (!Files.exists(network.resolve("root/ca.pem"))) {
      throw new IllegalArgumentException(network.toAbsolutePath().normalize()
          + " is not a network directory (no root/ca.pem): pass --network DIR");
    }
    NetworkPki pki = NetworkPki.open(network, now);
    byte[] bytes = Files.readAllBytes(file);
    Optional<EnvelopeFiles.Read> sent = envelope == null ? Optional.empty() : Optional.of(EnvelopeFiles.read(envelope));
    SignedFileVerifier verifier = new SignedFileVerifier(pki.validator(), NetworkOption.listed(pki, now));
    SignedFileVerifier.Verdict verdict = verifier.verify(bytes);
    if (sent.isPresent()) {
      if (verdict.kind() != SignedFileVerifier.Kind.RECEIPT && verdict.kind() != SignedFileVerifier.Kind.UNKNOWN) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--envelope applies to receipts only, and " + file + " is a " + verdict.kind().name()
                .toLowerCase(Locale.ROOT).replace('_', ' '));
      }
      if (verdict.valid()) {
        verdict = verifier.checkAnswers(bytes, sent.get(), verdict);
      }
    }
    spec.commandLine().getOut().println(verdict.line());
    return verdict.valid() ? 0 : 1;
  }
}
