package org.relay247.gateway.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.relay247.protocol.v1.InnerMessage;

/**
 * Checks and bookkeeping that other parts of the node add to {@link OutboxService#submitChecked}
 * (the Art. 14 controls of {@code gateway.protection}): a veto before the message is sealed, and
 * state recorded in the same transaction as the outbox row, so both commit or neither.
 */
public interface SubmitHook {
  /**
   * Called after the treaty rules passed, before sealing.
   *
   * @throws TreatyRuleViolation to refuse the draft, naming the article; nothing is stored
   */
  void check(InnerMessage message, Instant now);

  /** Warnings (never blocking) on the draft, shown with the treaty-rule findings; none by default. */
  default java.util.List<org.relay247.gateway.rules.Finding> warnings(InnerMessage message, Instant now) {
    return java.util.List.of();
  }

  /** Called inside the outbox insert's transaction (before its audit entry). */
  void stored(Connection c, InnerMessage message, Instant now) throws SQLException;
}
