package org.relay247.gateway.delivery;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;
import java.time.Clock;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.events.NodeEvents;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.InboxStore;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Pong;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node answers every ping stored in its inbox, with no person involved: a signed pong to the
 * sender (same case and priority, replying to the ping, its nonce echoed, {@code ping_received_at}
 * the time the ping was stored), submitted through the outbox like any message, then the ping is
 * marked acknowledged by {@link #ROLE}. The pong is queued on the receive path, after the ping's
 * commit and before its receipt goes back: whoever holds the receipt can count on the pong being
 * on its way. It costs the receipt one sealing; a failure is logged and leaves the ping unanswered
 * (and unacknowledged).
 */
public final class PingResponder implements AutoCloseable {
  /** Who acknowledges the pings and submits the pongs, in the inbox and the audit log. */
  public static final String ROLE = "node (automatic pong)";
  private static final Logger LOG = LoggerFactory.getLogger(PingResponder.class);

  private final InboxStore inbox;
  private final OutboxService outbox;
  private final Clock clock;
  private final AuditLog audit;
  private final AutoCloseable subscription;

  private PingResponder(NodeEvents events, InboxStore inbox, OutboxService outbox, Clock clock, AuditLog audit) {
    this.inbox = inbox;
    this.outbox = outbox;
    this.clock = clock;
    this.audit = audit;
    this.subscription = events.onInbox(this::stored);
  }

  /** Answers every ping stored from now on, until closed. */
  public static PingResponder start(NodeEvents events, InboxStore inbox, OutboxService outbox, Clock clock,
      AuditLog audit) {
    return new PingResponder(events, inbox, outbox, clock, audit);
  }

  private void stored(InboxEntry entry) {
    if (InnerMessage.BodyCase.PING.name().equals(entry.bodyCase())) {
      answer(entry);
    }
  }

  private void answer(InboxEntry ping) {
    try {
      InnerMessage p = InnerMessage.parseFrom(ping.innerMessage());
      InnerMessage pong = outbox.submit(InnerMessage.newBuilder().setLanguage("en")
          .setRouting(Routing.newBuilder().setSender(ping.recipient()).setRecipient(ping.sender())
              .setPriority(Priority.forNumber(ping.priorityRank()))
              .setCaseId(ping.caseId() == null ? "" : ping.caseId()).setReplyToId(ping.messageId()))
          .setPong(Pong.newBuilder().setNonce(p.getPing().getNonce())
              .setPingReceivedAt(Timestamps.fromMillis(ping.receivedAt().toEpochMilli())))
          .build(), ROLE);
      if (inbox.acknowledge(ping.messageId(), ROLE, clock.instant())) {
        audit.append(AuditEvent.byNode(AuditAction.MESSAGE_ACKNOWLEDGED, ping.caseId(), ping.messageId(),
            "ping answered by the node with pong " + pong.getRouting().getMessageId()));
      }
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      LOG.atWarn().addKeyValue("messageId", ping.messageId()).log("ping not answered: {}", e.toString());
    }
  }

  @Override
  public void close() throws Exception {
    subscription.close();
  }
}
