package org.relay247.gateway.cli;

import java.time.Clock;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.protocol.v1.ActiveSuspension;
import org.relay247.protocol.v1.ListSuspensionsRequest;
import org.relay247.protocol.v1.ListSuspensionsResponse;
import picocli.CommandLine.Command;

/** {@code relay247 case suspensions}: the Art. 14.15 suspensions in effect, one model. */
@Command(name = "suspensions", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"The Art. 14.15 suspensions in effect now: who suspended the transfer of personal data to whom, "
        + "for which forms of cooperation, since when (until a LIFTED notice), from the directory or from a "
        + "SuspensionNotice your node sent or received. While one lasts, the suspending Party's messages carrying "
        + "personal data to the other are refused (SUSP_14_15); requests the other way get a warning "
        + "(SUSP_14_15_ANSWER)."})
final class CaseSuspensionsCommand extends ApiCommand {
  private static final String ROW = "%-10s %-4s %-12s %-28s %-20s %-9s %s%n";

  CaseSuspensionsCommand(Clock clock) {
    super(clock);
  }

  @Override
  int run(NationalApiClient client) {
    ListSuspensionsResponse r = client.blocking(TIMEOUT).listSuspensions(ListSuspensionsRequest.getDefaultInstance());
    if (r.getSuspensionsCount() == 0) {
      out().println("No suspension in effect.");
      return 0;
    }
    out().printf(ROW, "SUSPENDING", "TO", "KIND", "SCOPE", "SINCE", "SOURCE", "NOTICE");
    for (ActiveSuspension s : r.getSuspensionsList()) {
      String scope = s.getScopeCount() == 0 ? "all personal data" : String.join(",", s.getScopeList().stream()
          .map(t -> t.name().replaceFirst("^COOPERATION_TYPE_", "")).toList());
      out().printf(ROW, s.getSuspendingParty(), s.getToParty(), s.getKind().name().replaceFirst("^SUSPENSION_KIND_", ""),
          scope, time(s.getSince()), s.getSource(), s.getNoticeMessageId().isEmpty() ? "-" : s.getNoticeMessageId()
              + (s.getWithoutPriorNotice() ? " (imposed without the prior notice Art. 14.15 requires)" : ""));
    }
    return 0;
  }
}
