package org.relay247.gateway.cli;

import com.google.protobuf.util.JsonFormat;
import java.io.PrintWriter;
import java.time.Clock;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.protocol.v1.GetMessageRequest;
import org.relay247.protocol.v1.GetMessageResponse;
import org.relay247.protocol.v1.InboundFacts;
import org.relay247.protocol.v1.InboxSummary;
import org.relay247.protocol.v1.OutboundFacts;
import org.relay247.protocol.v1.OutboxStatus;
import org.relay247.protocol.v1.Receipt;
import org.relay247.protocol.v1.RejectionReason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code relay247 show ID}: one message, received or sent, with its receipt and delivery facts. */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Print one message your node received or sent: who signed it and when, its receipt, "
        + "its acknowledgement or where its delivery stands, then the message itself as protobuf JSON."})
final class ShowCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The message id.")
  String id;

  @Option(names = "--json", description = "Print only the message as protobuf JSON.")
  boolean jsonOnly;

  ShowCommand(Clock clock) {
    super(clock);
  }

  @Override
  int run(NationalApiClient client) throws Exception {
    GetMessageResponse m = client.blocking(TIMEOUT).getMessage(GetMessageRequest.newBuilder().setMessageId(id).build());
    PrintWriter out = out();
    if (!jsonOnly) {
      if (m.hasInbound()) {
        inbound(out, m.getInbound(), m);
      } else {
        outbound(out, m.getOutbound(), m);
      }
      out.println();
    }
    out.println(JsonFormat.printer().print(m.getMessage()));
    return 0;
  }

  private static void inbound(PrintWriter out, InboundFacts f, GetMessageResponse m) {
    InboxSummary s = f.getSummary();
    out.println("Received message " + s.getMessageId() + " (inbox seq " + s.getSeq() + ")");
    row(out, "from", s.getSender() + " to " + s.getRecipient());
    common(out, priority(s.getPriority()), s.getBodyType(), s.getCaseId(), s.getReplyToId(), time(s.getCreatedAt()));
    row(out, "signed by", f.getSigner() + " at " + time(f.getSignedAt()));
    row(out, "received", time(s.getReceivedAt()));
    row(out, "receipt", (m.hasReceipt() ? status(m.getReceipt()) + ", " : "") + "signed by this node ("
        + f.getSignedReceipt().size() + " bytes)");
    row(out, "acknowledged", s.hasAcknowledgement() ? time(s.getAcknowledgement().getAcknowledgedAt()) + " by "
        + s.getAcknowledgement().getOperatorRole() : "no");
  }

  private static void outbound(PrintWriter out, OutboundFacts f, GetMessageResponse m) {
    OutboxStatus s = f.getStatus();
    out.println("Sent message " + s.getMessageId());
    row(out, "to", s.getRecipient());
    common(out, priority(s.getPriority()), s.getBodyType(), s.getCaseId(), m.getMessage().getRouting().getReplyToId(),
        time(s.getCreatedAt()));
    row(out, "delivery", s.getState().name().replaceFirst("^DELIVERY_STATE_", "") + ", " + s.getAttempts()
        + " failed attempt(s)" + (s.hasNextAttemptAt() ? ", next " + time(s.getNextAttemptAt()) : ""));
    if (!s.getLastError().isEmpty()) {
      row(out, "last error", s.getLastError());
    }
    row(out, "deadline", time(s.getDeadlineAt()) + (s.hasEscalatedAt() ? ", escalated " + time(s.getEscalatedAt())
        : ""));
    row(out, "receipt", m.hasReceipt() ? status(m.getReceipt()) + ", signed by the recipient ("
        + f.getSignedReceipt().size() + " bytes), at " + time(s.getCompletedAt()) : "none yet");
  }

  private static void common(PrintWriter out, String priority, String body, String caseId, String replyTo,
      String created) {
    row(out, "body", body + ", " + priority);
    row(out, "case", caseId.isEmpty() ? "-" : caseId);
    if (!replyTo.isEmpty()) {
      row(out, "replying to", replyTo);
    }
    row(out, "created", created);
  }

  private static String status(Receipt r) {
    String s = r.getStatus().name().replaceFirst("^RECEIPT_STATUS_", "");
    if (r.getReason() != RejectionReason.REJECTION_REASON_UNSPECIFIED) {
      s += " " + r.getReason().name().replaceFirst("^REJECTION_REASON_", "");
    }
    if (!r.getArticle().isEmpty()) {
      s += " (Art. " + r.getArticle() + ")";
    }
    if (!r.getDetail().isEmpty()) {
      s += ": " + r.getDetail();
    }
    return s;
  }

  private static void row(PrintWriter out, String label, String value) {
    out.printf("  %-13s %s%n", label + ":", value);
  }
}
