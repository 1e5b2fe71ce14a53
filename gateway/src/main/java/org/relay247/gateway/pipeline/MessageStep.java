package org.relay247.gateway.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.relay247.gateway.rules.Finding;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Receipt;

/**
 * One step of the {@link Pipeline}: what a part of the node (treaty rules, cases, the Art. 14
 * controls) checks and records on the three paths of a message. Every hook point does nothing by
 * default, so a step overrides only the points it cares about. Hooks that take a
 * {@link Connection} run inside the transaction that writes the message's row (outbox insert,
 * inbox insert, outbox completion): what they record commits with the message, or not at all.
 */
public interface MessageStep {

  /**
   * Submit path, before sealing, read only: findings on a draft this node is about to send.
   * A blocking finding refuses the draft unless a person overrides it (docs/treaty-rules.md).
   */
  default List<Finding> findings(InnerMessage message, Instant now) {
    return List.of();
  }

  /**
   * Submit path, after every step's findings passed (or were overridden), before sealing.
   *
   * @throws RuntimeException a typed exception naming what does not fit (e.g. a case rule); nothing is stored
   */
  default void check(InnerMessage message, Instant now) {
  }

  /** Submit path, in the transaction of the outbox row, with every finding made at submit. */
  default void submitted(Connection c, InnerMessage message, List<Finding> findings, String actor, Instant now)
      throws SQLException {
  }

  /**
   * Receive path, after the envelope opened: findings on a message from a node of {@code peer}. A
   * blocking finding the sender did not override refuses it with a signed TREATY_RULE rejection.
   */
  default List<Finding> received(InnerMessage message, PartyCode peer, Instant now) {
    return List.of();
  }

  /** Receive path, in the transaction of the inbox row, with every finding made on arrival. */
  default void stored(Connection c, InnerMessage message, List<Finding> findings, Instant now) throws SQLException {
  }

  /**
   * Delivery path: the recipient refused a message this node sent, with a signed rejection; in the
   * transaction that completes the outbox entry, and only in the attempt that completes it.
   */
  default void rejected(Connection c, InnerMessage message, Receipt rejection, Instant now) throws SQLException {
  }
}
