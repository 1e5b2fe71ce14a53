package org.relay247.gateway.cli;

import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.protocol.v1.Escalation;
import org.relay247.protocol.v1.ListEscalationsRequest;
import org.relay247.protocol.v1.ListEscalationsResponse;
import org.relay247.protocol.v1.ListOutboxRequest;
import org.relay247.protocol.v1.ListOutboxResponse;
import org.relay247.protocol.v1.OutboxStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code relay247 outbox}: where the delivery of sent messages stands. */
@Command(name = "outbox", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Show the delivery status of the messages your node sent, newest first: recipient, "
        + "priority, body type, state (PENDING until the recipient's signed receipt arrives, then DELIVERED "
        + "or REJECTED), failed attempts, the receipt, the last error; then the queue depth per Party and "
        + "recent escalations."})
final class OutboxCommand extends ApiCommand {
  private static final String ROW = "%-36s %-16s %-9s %-28s %-20s %-9s %-8s %s%n";

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
      description = "At most N messages (default: ${DEFAULT-VALUE}, at most 1000).")
  int limit;

  OutboxCommand(Clock clock) {
    super(clock);
  }

  @Override
  int run(NationalApiClient client) {
    if (limit < 1 || limit > 1000) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--limit: " + limit + " (expected: 1 to 1000)");
    }
    ListOutboxResponse outbox = client.blocking(TIMEOUT).listOutbox(ListOutboxRequest.newBuilder().setLimit(limit)
        .build());
    if (outbox.getEntriesCount() == 0) {
      out().println("No messages in the outbox.");
    } else {
      out().printf(ROW, "MESSAGE ID", "TO", "PRIORITY", "BODY", "CREATED", "STATE", "ATTEMPTS", "RECEIPT / LAST ERROR");
      for (OutboxStatus s : outbox.getEntriesList()) {
        out().printf(ROW, s.getMessageId(), s.getRecipient(), priority(s.getPriority()), s.getBodyType(),
            time(s.getCreatedAt()), s.getState().name().replaceFirst("^DELIVERY_STATE_", ""), s.getAttempts(),
            outcome(s));
      }
    }
    Map<String, Long> pending = outbox.getPendingByPartyMap();
    long total = pending.values().stream().mapToLong(Long::longValue).sum();
    out().println("Queue: " + (total == 0 ? "empty" : total + " pending (" + pending.entrySet().stream()
        .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", ")) + ")"));
    ListEscalationsResponse escalations = client.blocking(TIMEOUT).listEscalations(ListEscalationsRequest
        .newBuilder().setLimit(10).build());
    if (escalations.getEscalationsCount() > 0) {
      out().println("Recent escalations:");
      for (Escalation e : escalations.getEscalationsList()) {
        out().println("  " + time(e.getRaisedAt()) + " " + e.getKind() + " " + e.getMessageId() + ": " + e.getDetail());
      }
    }
    return 0;
  }

  private static String outcome(OutboxStatus s) {
    return switch (s.getState()) {
      case DELIVERY_STATE_DELIVERED, DELIVERY_STATE_REJECTED -> s.getReceiptStatus().name()
          .replaceFirst("^RECEIPT_STATUS_", "")
          + (s.getReceiptReason().getNumber() != 0 ? " " + s.getReceiptReason().name()
              .replaceFirst("^REJECTION_REASON_", "") : "")
          + (s.getReceiptArticle().isEmpty() ? "" : " (Art. " + s.getReceiptArticle() + ")");
      default -> s.getLastError().isEmpty() ? "-" : s.getLastError();
    };
  }
}
