package org.relay247.gateway.cli;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.nio.file.Path;
import java.time.Clock;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;
import org.relay247.protocol.v1.SubmitDraftRequest;
import org.relay247.protocol.v1.SubmitDraftResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code relay247 send}: submit a draft to the node, which seals and delivers it. */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Submit a message to your node for delivery; prints its message id, then one line per "
        + "treaty-rule finding (WARN, INFO; OVERRIDDEN with --override).",
        "The node completes the routing (message id, time, case id, sender XX/poc), seals the message and "
            + "delivers it, retrying until the recipient's signed receipt arrives: see 'relay247 outbox'.",
        "--body is protobuf JSON: a whole InnerMessage as in docs/examples/ (its message id and time are "
            + "replaced: every send is a new message) or only the body, e.g. the fields of an Art9Request."},
    footer = {"", "Example:",
        "  relay247 send --node localhost:7411 --network net --party FR \\",
        "      --to DE/poc --type art9 --body docs/examples/art9-request.json"})
final class SendCommand extends ApiCommand {
  @Option(names = "--to", paramLabel = "XX/authority",
      description = "Recipient, e.g. DE/poc (default: routing.recipient of a whole InnerMessage JSON).")
  String to;

  @Option(names = "--type", required = true, paramLabel = "TYPE", converter = DraftBody.TypeConverter.class,
      description = "What the body is: art9, art10, art8, art6, preservation, consultation, additional-info, "
          + "determination, ping, or any InnerMessage body field (e.g. oral-request-record). The JSON must match.")
  FieldDescriptor type;

  @Option(names = "--body", required = true, paramLabel = "FILE.json", description = "The message or body, "
      + "protobuf JSON.")
  Path body;

  @Option(names = "--priority", paramLabel = "emergency|urgent|routine", converter = DraftBody.PriorityConverter.class,
      description = "Priority (default: routing.priority of the JSON; else emergency for Art. 9 and Art. 10 "
          + "requests and the Art. 9.4 oral procedure, routine for the rest).")
  Priority priority;

  @Option(names = "--override", paramLabel = "REASON", description = "Send despite blocking findings of rules that "
      + "leave the decision to a person (LANG_4, CA_10_5, RES_7_9_B; docs/treaty-rules.md), for this reason: "
      + "recorded in the audit log and carried in the message. Never applies to other rules or to security checks.")
  String override;

  SendCommand(Clock clock) {
    super(clock);
  }

  @Override
  int run(NationalApiClient client) throws Exception {
    InnerMessage read = DraftBody.read(body, type);
    Routing.Builder routing = read.getRouting().toBuilder().clearMessageId().clearCreatedAt();
    if (to != null) {
      routing.setRecipient(to.trim());
    }
    if (priority != null) {
      routing.setPriority(priority);
    } else if (routing.getPriority() == Priority.PRIORITY_UNSPECIFIED) {
      routing.setPriority(DraftBody.defaultPriority(type));
    }
    SubmitDraftResponse sent = client.blocking(TIMEOUT).submitDraft(SubmitDraftRequest.newBuilder()
        .setDraft(read.toBuilder().setRouting(routing)).setOverrideReason(override == null ? "" : override.strip())
        .build());
    SubmitOutput.print(out(), sent);
    return 0;
  }
}
