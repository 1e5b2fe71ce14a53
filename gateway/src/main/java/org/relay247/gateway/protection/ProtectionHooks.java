package org.relay247.gateway.protection;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.relay247.gateway.delivery.SubmitHook;
import org.relay247.gateway.exchange.ReceiveHook;
import org.relay247.gateway.rules.Finding;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.v1.InnerMessage;

/**
 * The Art. 14 controls on the message paths: a full suspension imposed without prior notice
 * (14.15) is warned about at submit; Art. 14 control messages sent or
 * received update the suspensions, onward-transfer authorisations (14.10) and personal-notice
 * states (14.11.c) in the same transaction as the message.
 */
final class ProtectionHooks implements SubmitHook, ReceiveHook {
  private final Suspensions suspensions;
  private final OnwardTransfers transfers;
  private final PersonalNotices notices;

  ProtectionHooks(Suspensions suspensions, OnwardTransfers transfers, PersonalNotices notices) {
    this.suspensions = suspensions;
    this.transfers = transfers;
    this.notices = notices;
  }

  // Recorded suspensions are enforced by the treaty rules (SUSP_14_15), which see them with the
  // directory's in one model (Suspensions.known, wired in DataProtection).
  @Override
  public void check(InnerMessage message, Instant now) {
  }

  @Override
  public java.util.List<Finding> warnings(InnerMessage message, Instant now) {
    return suspensions.warnings(message);
  }

  @Override
  public Optional<Finding> check(InnerMessage message, PartyCode peer, Instant now) {
    return Optional.empty();
  }

  @Override
  public void stored(Connection c, InnerMessage message, Instant now) throws SQLException {
    suspensions.record(c, message, now);
    transfers.record(c, message, now);
    notices.record(c, message, now);
  }
}
