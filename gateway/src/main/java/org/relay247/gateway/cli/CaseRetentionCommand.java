package org.relay247.gateway.cli;

import java.time.Clock;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.protocol.v1.SetRetentionRequest;
import org.relay247.protocol.v1.SetRetentionResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relay247 case retention CASE --days N --role ROLE}: a case's retention period (Art. 14.5). */
@Command(name = "retention", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Set how long a case's data are kept after its last message (Art. 14.5). When the period "
        + "ends, the node flags the case for review or purges it (protection.on-expiry)."},
    footer = {"", "Example:", "  relay247 case retention --node localhost:7401 --network net --party FR \\",
        "      019aa42c-f0c0-7755-815a-581a56888679 --days 180 --role \"data protection officer\""})
final class CaseRetentionCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "CASE", description = "The case id.")
  String caseId;

  @Option(names = "--days", required = true, paramLabel = "N", description = "Retention period, 1 to 36500 days.")
  int days;

  @Option(names = "--role", required = true, paramLabel = "ROLE", description = "Your desk or function (audited).")
  String role;

  CaseRetentionCommand(Clock clock) {
    super(clock);
  }

  @Override
  int run(NationalApiClient client) {
    if (days < 1) {
      throw new IllegalArgumentException("--days: " + days + " (expected: 1 to 36500)");
    }
    SetRetentionResponse r = client.blocking(TIMEOUT).setRetention(SetRetentionRequest.newBuilder()
        .setCaseId(caseId).setRetentionDays(days).setOperatorRole(role).build());
    out().println("Case " + r.getCaseId() + ": retention " + r.getRetentionDays() + " days; last message "
        + time(r.getLastActivity()) + ", expires " + time(r.getExpiresAt()) + ".");
    return 0;
  }
}
