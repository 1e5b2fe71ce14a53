package org.relay247.gateway.exchange;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.relay247.gateway.rules.Finding;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.v1.InnerMessage;

/**
 * Checks and bookkeeping that other parts of the node add to {@link InboundProcessor#receive}
 * (the Art. 14 controls of {@code gateway.protection}): a refusal answered with a signed
 * rejection, and state recorded in the same transaction as the inbox row.
 */
public interface ReceiveHook {
  /** A blocking finding refuses the opened message (signed TREATY_RULE rejection naming its article). */
  Optional<Finding> check(InnerMessage message, PartyCode peer, Instant now);

  /** Called inside the inbox insert's transaction (before its audit entry). */
  void stored(Connection c, InnerMessage message, Instant now) throws SQLException;
}
