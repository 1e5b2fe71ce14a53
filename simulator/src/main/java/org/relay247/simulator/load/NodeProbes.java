package org.relay247.simulator.load;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.search.Search;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.InboxEntry;

/**
 * How the harness observes the nodes without any hook in production code:
 * <ul>
 * <li>the sender's verified receipts: the in-memory counter
 *     {@code relay247_messages{direction=outbound,outcome=accepted}}, which delivery increments
 *     after verifying a receipt but just <em>before</em> it commits the outbox row; cheap to poll,
 *     so the harness waits on it, then confirms the commit with {@link #completed};</li>
 * <li>which message completed when: the sender's outbox rows ({@code completed_at}, epoch ms,
 *     the time the receipt was verified), read in one query after a run, so polling costs nothing
 *     while it runs;</li>
 * <li>"stored at DE": the recipient's {@code onInbox} event, published after the inbox commit
 *     (and before the receipt goes back).</li>
 * </ul>
 */
final class NodeProbes {
  private NodeProbes() {}

  /** Verified receipts counted by a node's metrics. */
  static final class Receipts {
    private final GatewayNode node;
    private volatile Counter accepted;
    private volatile Counter rejected;

    Receipts(GatewayNode node) {
      this.node = node;
    }

    double accepted() {
      Counter c = accepted;
      if (c == null) {
        c = find("accepted");
        accepted = c;
      }
      return c == null ? 0 : c.count();
    }

    double rejected() {
      Counter c = rejected;
      if (c == null) {
        c = find("rejected");
        rejected = c;
      }
      return c == null ? 0 : c.count();
    }

    private Counter find(String outcome) {
      Search s = node.metrics().registry().find("relay247_messages").tag("direction", "outbound")
          .tag("outcome", outcome);
      return s.counter();
    }
  }

  /** The recipient's inbox events: the last stored id, and optionally every id's time. */
  static final class Stored implements Consumer<InboxEntry>, AutoCloseable {
    private final AutoCloseable subscription;
    private volatile String lastId = "";
    private volatile long lastNanos;
    private volatile Thread waiter;
    private volatile MessageTimes times;

    Stored(GatewayNode recipient) {
      this.subscription = recipient.events().onInbox(this);
    }

    @Override
    public void accept(InboxEntry e) {
      long now = System.nanoTime();
      MessageTimes t = times;
      if (t != null) {
        t.add(e.messageId(), now);
      }
      lastNanos = now;
      lastId = e.messageId();
      Thread w = waiter;
      if (w != null) {
        LockSupport.unpark(w);
      }
    }

    /** Starts recording every message's time (nanoTime), at most {@code expected}, for a sustained run. */
    MessageTimes recordAll(int expected) {
      MessageTimes t = new MessageTimes(expected);
      times = t;
      return t;
    }

    void stopRecording() {
      times = null;
    }

    /** Parks until {@code id} was stored; returns its nanoTime, or -1 after {@code timeoutNanos}. */
    long awaitStored(String id, long timeoutNanos) {
      long deadline = System.nanoTime() + timeoutNanos;
      waiter = Thread.currentThread();
      try {
        while (!id.equals(lastId)) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return -1;
          }
          LockSupport.parkNanos(this, Math.min(left, 1_000_000));
        }
        return lastNanos;
      } finally {
        waiter = null;
      }
    }

    @Override
    public void close() throws Exception {
      subscription.close();
    }
  }

  /** Whether the sender's outbox row for {@code messageId} has left PENDING (receipt committed). */
  static boolean completed(GatewayNode sender, String messageId) {
    return sender.database().read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT state FROM outbox WHERE message_id = ?")) {
        ps.setString(1, messageId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && !"PENDING".equals(rs.getString(1));
        }
      }
    });
  }

  /** Messages the sender still has to deliver (any recipient). */
  static long pending(GatewayNode sender) {
    return sender.outboxStore().pendingByParty().values().stream().mapToLong(Long::longValue).sum();
  }

  /** Outbox rows that completed: message id to {completed_at epoch ms, 1 if DELIVERED else 0}. */
  static Map<String, long[]> completions(GatewayNode sender) {
    return sender.database().read(c -> {
      Map<String, long[]> out = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT message_id, state, completed_at FROM outbox WHERE state <> 'PENDING'");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new long[] {rs.getLong(3), "DELIVERED".equals(rs.getString(2)) ? 1 : 0});
        }
      }
      return out;
    });
  }
}
