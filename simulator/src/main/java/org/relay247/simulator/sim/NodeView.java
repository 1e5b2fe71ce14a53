package org.relay247.simulator.sim;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.relay247.gateway.store.EscalationStore;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.protocol.v1.InnerMessage;

/**
 * What the run reads of one Party's node: its outbox, inbox, cases and escalations. In one JVM
 * the node's stores are read directly ({@link LocalNode}); with {@code --processes} everything
 * goes through the node's national API ({@link ProcessNode}), which returns summaries: there
 * {@link InboxEntry#innerMessage()} and {@link OutboxEntry#innerMessage()} are empty unless
 * said otherwise, and {@link #content} fetches a message.
 */
interface NodeView {
  /** Undelivered outbox messages. */
  List<OutboxEntry> pending();

  /**
   * Failed delivery attempts in a row to {@code peer} (its lane is paused while they last). A node
   * in its own process tells it through its outbox listing: the attempts of the lane's probe.
   */
  int failuresInARow(String peer);

  Optional<OutboxEntry> outbox(String messageId);

  /** The outbox, newest first (up to 1,000 messages through the national API). */
  List<OutboxEntry> outboxRecent();

  /** The inbox in storage order. */
  List<InboxEntry> inbox();

  /** A received message's content. */
  InnerMessage content(String messageId);

  /** The state of the track {@code requestId} opened in case {@code caseId}, if there is one. */
  Optional<String> trackState(String caseId, String requestId);

  /** The escalations, newest first. */
  List<EscalationStore.Escalation> escalations();

  /** Runs the node's case-timer check now (a node in its own process runs it on its own, every second). */
  void runCaseTimers();

  /**
   * Calls {@code listener} with every message the node stores from now on, content included
   * (across restarts of a node process).
   */
  AutoCloseable onInbox(Consumer<InboxEntry> listener);
}
