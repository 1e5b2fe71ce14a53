package org.relay247.gateway.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.relay247.gateway.store.EscalationStore;
import org.relay247.gateway.store.InboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process notifications after a commit: a message arrived in the inbox (the national API's
 * WatchInbox streams, the pair statistics, the demo listen), an escalation was raised (the operator
 * console listens). Listeners run on the committing thread and must return quickly; a failing
 * listener is logged and never affects delivery.
 */
public final class NodeEvents {
  private static final Logger LOG = LoggerFactory.getLogger(NodeEvents.class);

  private final List<Consumer<InboxEntry>> inbox = new CopyOnWriteArrayList<>();
  private final List<Consumer<EscalationStore.Escalation>> escalations = new CopyOnWriteArrayList<>();

  public AutoCloseable onInbox(Consumer<InboxEntry> listener) {
    inbox.add(listener);
    return () -> inbox.remove(listener);
  }

  public AutoCloseable onEscalation(Consumer<EscalationStore.Escalation> listener) {
    escalations.add(listener);
    return () -> escalations.remove(listener);
  }

  /** How many inbox listeners are subscribed (an open WatchInbox stream holds one). */
  public int inboxListeners() {
    return inbox.size();
  }

  public void publishInbox(InboxEntry entry) {
    notifyAll(inbox, entry);
  }

  public void publishEscalation(EscalationStore.Escalation escalation) {
    notifyAll(escalations, escalation);
  }

  private static <T> void notifyAll(List<Consumer<T>> listeners, T event) {
    for (Consumer<T> l : listeners) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("event listener failed: {}", e.toString());
      }
    }
  }
}
