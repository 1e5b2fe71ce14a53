package org.relay247.gateway.cli;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.protocol.v1.ExportCaseDataRequest;
import org.relay247.protocol.v1.ExportCaseDataResponse;
import org.relay247.protocol.v1.InnerMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relay247 case export CASE --to DEST --role ROLE --out FILE}: onward transfer (Art. 14.10). */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Export a case's received data for an onward transfer to another State or organisation "
        + "(Art. 14.10). Refused until every transferring Party authorised that destination; the refusal says "
        + "which OnwardTransferAuthorisationRequest to send. The export carries exactly the messages and items "
        + "the authorisation request named, and prints the conditions the authorisation attached."},
    footer = {"", "Example:", "  relay247 case export --node localhost:7401 --network net --party FR \\",
        "      019aa42c-f0c0-7755-815a-581a56888679 --to US --role \"OCLCTIC analyst\" --out case.bin"})
final class CaseExportCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "CASE", description = "The case id.")
  String caseId;

  @Option(names = "--to", required = true, paramLabel = "DEST", description = "Destination State or organisation.")
  String destination;

  @Option(names = "--role", required = true, paramLabel = "ROLE", description = "Your desk or function (audited).")
  String role;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "Where to write the messages (length-delimited relay247.v1.InnerMessage).")
  Path file;

  CaseExportCommand(Clock clock) {
    super(clock);
  }

  @Override
  int run(NationalApiClient client) throws Exception {
    ExportCaseDataResponse r = client.blocking(TIMEOUT).exportCaseData(ExportCaseDataRequest.newBuilder()
        .setCaseId(caseId).setDestination(destination).setOperatorRole(role).build());
    try (OutputStream os = Files.newOutputStream(file)) {
      for (InnerMessage m : r.getMessagesList()) {
        m.writeDelimitedTo(os);
      }
    }
    out().println("Exported " + r.getMessagesCount() + " messages of case " + caseId + " for " + destination
        + " to " + file + "; authorised by " + String.join(", ", r.getDecisionMessageIdsList()) + ".");
    if (r.getConditionsCount() > 0) {
      out().println("Conditions of the authorisation (Art. 14.10), binding on this transfer; pass them on with the data:");
      r.getConditionsList().forEach(c -> out().printf("  %s %s (%s): %s  (decision %s)%n", c.getConditionId(),
          c.getKind().name().replaceFirst("^CONDITION_KIND_", ""),
          org.relay247.gateway.cases.Articles.label(c.getArticle()), c.getText(),
          c.getDeterminationMessageId()));
    }
    return 0;
  }
}
