package org.relay247.gateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.protocol.v1.PurgeCaseRequest;
import org.relay247.protocol.v1.PurgeCaseResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relay247 case purge CASE --reason R --role ROLE --proof FILE}: purge with signed proof (Art. 14.5). */
@Command(name = "purge", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Delete the content of every message of a case (Art. 14.5). Ids, times, receipts and SHA-256s "
        + "stay; the node signs a proof of purge, written to --proof, that 'relay247 verify' checks."},
    footer = {"", "Example:", "  relay247 case purge --node localhost:7401 --network net --party FR \\",
        "      019aa42c-f0c0-7755-815a-581a56888679 --reason \"retention period elapsed\" \\",
        "      --role \"data protection officer\" --proof purge.p7m",
        "  relay247 verify --network net purge.p7m"})
final class CasePurgeCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "CASE", description = "The case id.")
  String caseId;

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, one line, no personal data.")
  String reason;

  @Option(names = "--role", required = true, paramLabel = "ROLE", description = "Your desk or function (audited).")
  String role;

  @Option(names = "--proof", required = true, paramLabel = "FILE", description = "Where to write the signed proof (DER).")
  Path proof;

  CasePurgeCommand(Clock clock) {
    super(clock);
  }

  @Override
  int run(NationalApiClient client) throws Exception {
    PurgeCaseResponse r = client.blocking(TIMEOUT).purgeCase(PurgeCaseRequest.newBuilder().setCaseId(caseId)
        .setReason(reason).setOperatorRole(role).build());
    Files.write(proof, r.getSignedProof().toByteArray());
    out().println("Purged case " + caseId + ": content of " + r.getRecord().getMessagesCount()
        + " messages deleted at " + time(r.getRecord().getPurgedAt()) + "; signed proof written to " + proof + ".");
    return 0;
  }
}
