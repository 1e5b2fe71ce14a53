package org.relay247.protocol.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.relay247.pki.NetworkPki;
import org.relay247.protocol.Address;
import org.relay247.protocol.seal.EnvelopeSealer;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code relay247 envelope seal}: sign and encrypt an inner message as a node would send it. */
@Command(name = "seal", mixinStandardHelpOptions = true,
    description = {
        "Seal an inner message (protobuf JSON, as in docs/examples/) into an envelope: signed with the "
            + "sender's node key DIR/XX/keys.p12 (alias sign), encrypted to the recipient's DIR/XX/enc.pem.",
        "Routing fields missing from the JSON are filled: a new message id and case id, created now, "
            + "priority routine. The output file is the serialized Envelope."})
final class SealEnvelopeCommand implements Callable<Integer> {
  @ParentCommand EnvelopeCommand parent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin NetworkOption network;

  @Option(names = "--from", paramLabel = "XX/authority", converter = Converters.AddressValue.class,
      description = "Sender address, e.g. FR/poc (default: routing.sender of the JSON).")
  Address from;

  @Option(names = "--to", paramLabel = "XX/authority", converter = Converters.AddressValue.class,
      description = "Recipient address, e.g. DE/poc (default: routing.recipient of the JSON).")
  Address to;

  @Option(names = "--body", required = true, paramLabel = "FILE.json",
      description = "The InnerMessage in protobuf JSON; routing may be partial or absent.")
  Path body;

  @Option(names = "--out", required = true, paramLabel = "FILE.env", description = "Where to write the envelope.")
  Path out;

  @Option(names = "--priority", paramLabel = "emergency|urgent|routine", converter = Converters.PriorityValue.class,
      description = "Priority (default: routing.priority of the JSON, else routine).")
  Priority priority;

  @Option(names = "--new-id",
      description = "Give the message a new message id and created_at even if the JSON has them (to send it again).")
  boolean newId;

  @Option(names = "--force", description = "Replace --out if it exists.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    OutputFiles.requireWritable(out, force);
    InnerMessage inner = DraftMessage.complete(DraftMessage.read(body), Optional.ofNullable(from),
        Optional.ofNullable(to), Optional.ofNullable(priority), newId, parent.clock());
    Address sender = Address.parse(inner.getRouting().getSender());
    Address recipient = Address.parse(inner.getRouting().getRecipient());

    NetworkPki pki = network.open(parent.clock());
    Envelope envelope = new EnvelopeSealer(NodeKeys.signing(pki, sender.party()), parent.clock())
        .seal(inner, NodeKeys.validatedEncryptionCertificate(pki, recipient.party()));
    byte[] bytes = envelope.toByteArray();
    OutputFiles.write(out, bytes, force);

    spec.commandLine().getOut().println("Sealed envelope " + inner.getRouting().getMessageId() + " from "
        + sender + " to " + recipient + " (" + Describe.body(inner) + ", "
        + inner.getRouting().getPriority().name().replaceFirst("^PRIORITY_", "") + ", " + bytes.length
        + " bytes): " + out);
    return 0;
  }
}
