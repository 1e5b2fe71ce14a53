package org.relay247.gateway.cli;

import java.time.Clock;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.protocol.v1.AcknowledgeRequest;
import org.relay247.protocol.v1.AcknowledgeResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relay247 ack ID --role ROLE}: an operator opened a received message. */
@Command(name = "ack", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Record that an operator opened a received message. The node records it once and sends "
        + "the sender a signed opened notice naming your role, so the requesting side knows a person has it."},
    footer = {"", "Example:", "  relay247 ack --node localhost:7401 --network net --party DE \\",
        "      019aa430-9a40-7593-9e3f-13c7dd8924e5 --role \"24/7 duty officer\""})
final class AckCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The received message's id.")
  String id;

  @Option(names = "--role", required = true, paramLabel = "ROLE",
      description = "Your desk or function, e.g. \"24/7 duty officer\" (not your name: it goes to the sender).")
  String role;

  AckCommand(Clock clock) {
    super(clock);
  }

  @Override
  int run(NationalApiClient client) {
    AcknowledgeResponse r = client.blocking(TIMEOUT).acknowledge(AcknowledgeRequest.newBuilder().setMessageId(id)
        .setOperatorRole(role).build());
    String when = time(r.getAcknowledgement().getAcknowledgedAt()) + " by " + r.getAcknowledgement().getOperatorRole();
    if (r.getNewlyAcknowledged()) {
      out().println("Acknowledged " + id + " (" + when + "); opened notice " + r.getNoticeMessageId()
          + " sent to the sender.");
    } else {
      out().println("Already acknowledged " + id + " (" + when + "); no new notice sent.");
    }
    return 0;
  }
}
