package org.relay247.gateway.protection;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.relay247.gateway.pipeline.MessageStep;
import org.relay247.gateway.rules.Finding;
import org.relay247.gateway.store.Database;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.v1.InnerMessage;

/**
 * The Art. 14 controls as the last step of the message pipeline (docs/data-protection.md): a full
 * suspension imposed without prior notice (14.15) is warned about at submit; Art. 14 control
 * messages sent or received update the suspensions, onward-transfer authorisations (14.10) and
 * personal-notice states (14.11.c) in the same transaction as the message. Recorded suspensions
 * are enforced by the treaty rules (SUSP_14_15), which see them with the directory's in one model
 * ({@link #suspensions()}, given to {@code pipeline.TreatyRulesStep}).
 */
public final class ProtectionStep implements MessageStep {
  private final Suspensions suspensions;
  private final OnwardTransfers transfers;
  private final PersonalNotices notices;

  /** The controls' state of the node {@code self}, in {@code db}. */
  public ProtectionStep(Database db, PartyCode self) {
    this.suspensions = new Suspensions(db, self);
    this.transfers = new OnwardTransfers(db, self);
    this.notices = new PersonalNotices(db);
  }

  /** Art. 14.15: the suspensions recorded from notices. */
  public Suspensions suspensions() {
    return suspensions;
  }

  OnwardTransfers transfers() {
    return transfers;
  }

  PersonalNotices notices() {
    return notices;
  }

  @Override
  public List<Finding> findings(InnerMessage message, Instant now) {
    return suspensions.warnings(message);
  }

  @Override
  public void submitted(Connection c, InnerMessage message, List<Finding> findings, String actor, Instant now)
      throws SQLException {
    record(c, message, now);
  }

  @Override
  public void stored(Connection c, InnerMessage message, List<Finding> findings, Instant now) throws SQLException {
    record(c, message, now);
  }

  private void record(Connection c, InnerMessage message, Instant now) throws SQLException {
    suspensions.record(c, message, now);
    transfers.record(c, message, now);
    notices.record(c, message, now);
  }
}
