package org.relay247.protocol.cli;

import com.google.protobuf.util.JsonFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.seal.EnvelopeOpener;
import org.relay247.protocol.seal.EnvelopeRejectedException;
import org.relay247.protocol.seal.OpenedEnvelope;
import org.relay247.protocol.seal.WindowReplayGuard;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.Routing;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code relay247 envelope open}: every check a receiving node makes, then the inner message. */
@Command(name = "open", mixinStandardHelpOptions = true,
    description = {
        "Open an envelope as the node of Party XX would: decrypt with DIR/XX/keys.p12 (alias enc), verify "
            + "the signature, validate the signer against the network (CRLs included), compare the signed "
            + "routing with the clear one, check the signing time.",
        "Exit 0 with \"VALID ...\" and the inner message as JSON; exit 1 with \"INVALID <REASON>: ...\"."})
final class OpenEnvelopeCommand implements Callable<Integer> {
  @ParentCommand EnvelopeCommand parent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin NetworkOption network;

  @Option(names = "--as", required = true, paramLabel = "XX", converter = org.relay247.pki.cli.Converters.Party.class,
      description = "The receiving Party, e.g. DE.")
  PartyCode self;

  @Option(names = "--in", required = true, paramLabel = "FILE.env", description = "The envelope.")
  Path in;

  @Option(names = "--max-skew-seconds", paramLabel = "N", converter = Converters.PositiveSeconds.class,
      defaultValue = "300", description = "Allowed distance between signing time and now (default: ${DEFAULT-VALUE}).")
  Duration maxSkew;

  @Option(names = "--at", paramLabel = "INSTANT", converter = Converters.InstantValue.class,
      description = "Open as of this time instead of now, e.g. 2025-11-21T02:15:00Z (for old files; "
          + "certificates and CRLs must be valid then).")
  Instant at;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Clock clock = at == null ? parent.clock() : Clock.fixed(at, ZoneOffset.UTC);
    Envelope envelope;
    try {
      envelope = EnvelopeFiles.read(in).envelope();
    } catch (IllegalArgumentException e) {
      out.println("INVALID MALFORMED: " + e.getMessage());
      return 1;
    }
    NetworkPki pki = network.open(clock);
    // A fresh guard per run: the CLI keeps no state, so it cannot tell a replay (a node can).
    EnvelopeOpener opener = new EnvelopeOpener(self, NodeKeys.decryption(pki, self), pki.validator(),
        NetworkOption.listed(pki, clock),
        new WindowReplayGuard(maxSkew.multipliedBy(2), clock), clock, maxSkew);
    OpenedEnvelope opened;
    try {
      opened = opener.open(envelope);
    } catch (EnvelopeRejectedException e) {
      out.println("INVALID " + Describe.reason(e.reason()) + ": " + e.getMessage());
      return 1;
    }
    Routing routing = opened.inner().getRouting();
    out.println("VALID envelope " + routing.getMessageId() + " from " + routing.getSender() + " to "
        + routing.getRecipient() + ", signed by " + Describe.signer(opened.signer()) + " at " + opened.signingTime());
    out.println(JsonFormat.printer().print(opened.inner()));
    return 0;
  }
}
