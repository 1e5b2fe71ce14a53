package org.relay247.gateway.delivery;

import com.google.protobuf.util.Timestamps;
import java.time.Clock;
import java.time.Instant;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.InboxStore;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.OpenedNotice;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * An operator opened a received message: record it once, and send the sender a signed
 * {@link OpenedNotice} through the outbox (same case, replying to the opened message). Opening an
 * opened notice is recorded but answered with nothing.
 */
public final class Acknowledgements {
  private final InboxStore inbox;
  private final OutboxService outbox;
  private final Clock clock;
  private final AuditLog audit;

  public Acknowledgements(InboxStore inbox, OutboxService outbox, Clock clock, AuditLog audit) {
    this.audit = audit;
    this.inbox = inbox;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** The outcome: the stored entry, and the notice sent (absent if it was acknowledged before). */
  public record Outcome(InboxEntry entry, java.util.Optional<InnerMessage> notice) {}

  /**
   * @throws IllegalArgumentException if no such message is in the inbox, or the role is blank
   */
  public Outcome acknowledge(String messageId, String operatorRole) {
    if (operatorRole == null || operatorRole.isBlank()) {
      throw new IllegalArgumentException("operator role: empty (expected: the desk or function, e.g. \"24/7 duty officer\")");
    }
    InboxEntry entry = inbox.find(messageId).orElseThrow(() -> new IllegalArgumentException(
        "message " + messageId + " is not in the inbox"));
    Instant now = clock.instant();
    if (!inbox.acknowledge(messageId, operatorRole, now)) {
      return new Outcome(inbox.find(messageId).orElseThrow(), java.util.Optional.empty());
    }
    if (InnerMessage.BodyCase.OPENED_NOTICE.name().equals(entry.bodyCase())) {
      // A notice about a notice would bounce between the two desks for ever: record it only.
      audit.append(new AuditEvent(AuditEvent.actor(operatorRole), AuditAction.MESSAGE_ACKNOWLEDGED, entry.caseId(), messageId,
          "opened notice read; no notice sent back"));
      return new Outcome(inbox.find(messageId).orElseThrow(), java.util.Optional.empty());
    }
    InnerMessage notice = outbox.submit(InnerMessage.newBuilder()
        .setRouting(Routing.newBuilder().setSender(entry.recipient()).setRecipient(entry.sender())
            .setPriority(Priority.forNumber(entry.priorityRank())).setCaseId(nullToEmpty(entry.caseId()))
            .setReplyToId(messageId))
        .setOpenedNotice(OpenedNotice.newBuilder().setMessageId(messageId)
            .setOpenedAt(Timestamps.fromMillis(now.toEpochMilli())).setOpenedByRole(operatorRole))
        .build(), operatorRole);
    audit.append(new AuditEvent(AuditEvent.actor(operatorRole), AuditAction.MESSAGE_ACKNOWLEDGED, entry.caseId(), messageId,
        "opened notice " + notice.getRouting().getMessageId() + " sent to " + entry.sender()));
    return new Outcome(inbox.find(messageId).orElseThrow(), java.util.Optional.of(notice));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
