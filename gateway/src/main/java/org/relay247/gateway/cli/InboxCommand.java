package org.relay247.gateway.cli;

import java.time.Clock;
import java.util.Iterator;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.protocol.v1.InboxSummary;
import org.relay247.protocol.v1.WatchInboxRequest;
import org.relay247.protocol.v1.WatchInboxResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code relay247 inbox}: received messages, one line each, never their content. */
@Command(name = "inbox", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"List the messages your node received, one line each: inbox seq, message id, sender, "
        + "priority, body type, time received, and whether an operator acknowledged it. Content is never "
        + "shown here: 'relay247 show ID' prints a message, 'relay247 ack ID' acknowledges it.",
        "With --watch, keep listening and print messages as they arrive (Ctrl-C to stop); to resume "
            + "without missing any, pass the last seq seen as --after."})
final class InboxCommand extends ApiCommand {
  static final String ROW = "%-6s %-36s %-16s %-9s %-28s %-20s %s%n";

  @Option(names = "--watch", description = "Keep the stream open and print new messages as they arrive.")
  boolean watch;

  @Option(names = "--after", paramLabel = "SEQ", defaultValue = "0",
      description = "Only messages with a greater inbox seq (default: ${DEFAULT-VALUE}, all).")
  long after;

  @Option(names = "--limit", paramLabel = "N", description = "Stop after N messages.")
  Integer limit;

  InboxCommand(Clock clock) {
    super(clock);
  }

  @Override
  int run(NationalApiClient client) {
    if (after < 0 || (limit != null && limit < 1)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          after < 0 ? "--after: " + after + " (expected: 0 or more)" : "--limit: " + limit + " (expected: 1 or more)");
    }
    Iterator<WatchInboxResponse> stream = client.watching().watchInbox(WatchInboxRequest.newBuilder()
        .setAfterSeq(after).setStoredOnly(!watch).build());
    int printed = 0;
    if (watch) {
      header();
    }
    while ((limit == null || printed < limit) && stream.hasNext()) {
      if (printed == 0 && !watch) {
        header();
      }
      InboxSummary e = stream.next().getEntry();
      out().printf(ROW, e.getSeq(), e.getMessageId(), e.getSender(), priority(e.getPriority()), e.getBodyType(),
          time(e.getReceivedAt()), e.hasAcknowledgement() ? "yes" : "no");
      out().flush();
      printed++;
    }
    if (printed == 0 && !watch) {
      out().println("No messages in the inbox" + (after > 0 ? " after seq " + after : "") + ".");
    }
    return 0;
  }

  private void header() {
    out().printf(ROW, "SEQ", "MESSAGE ID", "FROM", "PRIORITY", "BODY", "RECEIVED", "ACK");
    out().flush();
  }
}
