package org.relay247.simulator.sim;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.EscalationStore;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.protocol.v1.InnerMessage;

/** A node started in this JVM: read through its stores directly. */
record LocalNode(GatewayNode node) implements NodeView {
  private static final int MANY = 100_000;

  @Override
  public List<OutboxEntry> pending() {
    return node.outboxStore().pending();
  }

  @Override
  public int failuresInARow(String peer) {
    return node.scheduler().failuresInARow(peer);
  }

  @Override
  public Optional<OutboxEntry> outbox(String messageId) {
    return node.outboxStore().find(messageId);
  }

  @Override
  public List<OutboxEntry> outboxRecent() {
    return node.outboxStore().recent(MANY);
  }

  @Override
  public List<InboxEntry> inbox() {
    return node.inbox().after(0, MANY);
  }

  @Override
  public InnerMessage content(String messageId) {
    InboxEntry e = node.inbox().find(messageId).orElseThrow(
        () -> new IllegalStateException(messageId + " is not in the inbox of " + node.party().code()));
    try {
      return InnerMessage.parseFrom(e.innerMessage());
    } catch (InvalidProtocolBufferException x) {
      throw new IllegalStateException(messageId + ": stored message unreadable", x);
    }
  }

  @Override
  public Optional<String> trackState(String caseId, String requestId) {
    return node.cases().find(caseId).flatMap(c -> c.track(requestId)).map(t -> t.state().name());
  }

  @Override
  public List<EscalationStore.Escalation> escalations() {
    return node.escalations().recent(MANY);
  }

  @Override
  public void runCaseTimers() {
    node.caseTimers().runOnce();
  }

  @Override
  public AutoCloseable onInbox(Consumer<InboxEntry> listener) {
    return node.events().onInbox(listener);
  }
}
