package org.relay247.gateway.delivery;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;
import java.time.Clock;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * marked acknowledged by {@link #ROLE}.
 *
 * <p>The pong is sealed on one thread of its own, off the receive path: the ping's receipt does
 * not wait for a sealing. What makes the answer durable is the ping itself, committed
 * unacknowledged before its receipt goes back; it is acknowledged only once its pong is in the
 * outbox. A ping left unacknowledged by a stop or crash in between is answered when the node
 * starts again (so a crash between the two commits may send that ping a second pong). A failure
 * is logged and leaves the ping unanswered and unacknowledged, to be answered at the next start.
 */
public final class PingResponder implements AutoCloseable {
  /** Who acknowledges the pings and submits the pongs, in the inbox and the audit log. */
  public static final String ROLE = "node (automatic pong)";
  private static final Logger LOG = LoggerFactory.getLogger(PingResponder.class);
  private static final String PING = InnerMessage.BodyCase.PING.name();

  private final InboxStore inbox;
  private final OutboxService outbox;
  private final Clock clock;
  private final AuditLog audit;
  /** One thread, in order of arrival; it ends when idle, so a quiet node holds none. */
  private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "relay247-pong");
        t.setDaemon(true);
        return t;
      });
  private final AutoCloseable subscription;

  private PingResponder(NodeEvents events, InboxStore inbox, OutboxService outbox, Clock clock, AuditLog audit) {
    this.inbox = inbox;
    this.outbox = outbox;
    this.clock = clock;
    this.audit = audit;
    worker.allowCoreThreadTimeOut(true);
    this.subscription = events.onInbox(this::stored);
  }

  /**
   * Answers the pings stored but not answered yet (before a stop or crash), then every ping
   * stored from now on, until closed. Call it before the node serves its exchange endpoint: a
   * ping stored in between would be answered twice.
   */
  public static PingResponder start(NodeEvents events, InboxStore inbox, OutboxService outbox, Clock clock,
      AuditLog audit) {
    PingResponder r = new PingResponder(events, inbox, outbox, clock, audit);
    for (InboxEntry waiting : inbox.unacknowledged(PING)) {
      r.queue(waiting);
    }
    return r;
  }

  private void stored(InboxEntry entry) {
    if (PING.equals(entry.bodyCase())) {
      queue(entry);
    }
  }

  private void queue(InboxEntry ping) {
    try {
      worker.execute(() -> answer(ping));
    } catch (RejectedExecutionException closed) {
      // The node is closing: the ping stays unacknowledged and is answered at the next start.
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

  /** Stops answering; pongs being sealed finish (up to 10 s), queued pings wait for the next start. */
  @Override
  public void close() throws Exception {
    subscription.close();
    worker.getQueue().clear();
    worker.shutdown();
    worker.awaitTermination(10, TimeUnit.SECONDS);
  }
}
