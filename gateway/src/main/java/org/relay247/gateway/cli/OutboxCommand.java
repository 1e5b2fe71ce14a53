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

  @Option(names = "--stats", description = "Instead of the messages: delivery per country pair (this Party to each "
      + "recipient) over the last --days days: sent, delivered, rejected, pending, failed attempts, overdue, time to "
      + "receipt (median, 95th percentile, longest), answered and time to first answer (median, 95th percentile).")
  boolean stats;

  @Option(names = "--days", paramLabel = "N", defaultValue = "30",
      description = "With --stats: messages submitted in the last N days (default: ${DEFAULT-VALUE}).")
  int days;

  OutboxCommand(Clock clock) {
    super(clock);
  }

  @Override
  int run(NationalApiClient client) {
    if (limit < 1 || limit > 1000) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--limit: " + limit + " (expected: 1 to 1000)");
    }
    if (stats) {
      return stats(client);
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

  private int stats(NationalApiClient client) {
    if (days < 1 || days > 3660) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--days: " + days + " (expected: 1 to 3660)");
    }
    org.relay247.protocol.v1.GetPairStatsResponse r = client.blocking(TIMEOUT).getPairStats(
        org.relay247.protocol.v1.GetPairStatsRequest.newBuilder().setSince(com.google.protobuf.util.Timestamps
            .fromMillis(clock.instant().minus(java.time.Duration.ofDays(days)).toEpochMilli())).build());
    out().println("Delivery per country pair since " + time(r.getSince()) + ":");
    if (r.getPairsCount() == 0) {
      out().println("No messages sent in that period.");
      return 0;
    }
    String row = "%-8s %6s %9s %8s %7s %7s %7s %9s %9s %9s %8s %9s %9s%n";
    out().printf(row, "PAIR", "SENT", "DELIVERED", "REJECTED", "PENDING", "FAILED", "OVERDUE", "RCPT P50", "RCPT P95",
        "RCPT MAX", "ANSWERED", "ANS P50", "ANS P95");
    for (org.relay247.protocol.v1.PairStats p : r.getPairsList()) {
      out().printf(row, p.getFrom() + ">" + p.getTo(), p.getSent(), p.getDelivered(), p.getRejected(), p.getPending(),
          p.getFailedAttempts(), p.getOverdue(), millis(p.getReceiptP50Ms(), p.getDelivered() + p.getRejected()),
          millis(p.getReceiptP95Ms(), p.getDelivered() + p.getRejected()),
          millis(p.getReceiptMaxMs(), p.getDelivered() + p.getRejected()), p.getAnswered(),
          millis(p.getAnswerP50Ms(), p.getAnswered()), millis(p.getAnswerP95Ms(), p.getAnswered()));
    }
    out().println("FAILED counts failed delivery attempts (each retried); times are from submission.");
    return 0;
  }

  /** A duration for a table cell: "-" when nothing was measured. */
  static String millis(long ms, long measured) {
    if (measured == 0) {
      return "-";
    }
    if (ms < 1_000) {
      return ms + "ms";
    }
    if (ms < 120_000) {
      return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    if (ms < 2 * 3_600_000) {
      return ms / 60_000 + "m";
    }
    return ms < 2 * 86_400_000L ? ms / 3_600_000 + "h" : ms / 86_400_000L + "d";
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
