package org.relay247.gateway.store;

import java.sql.PreparedStatement;
import java.time.Instant;

/** Envelopes that failed a check, kept with their signed rejection for audit; never shown as inbox. */
public final class QuarantineStore {
  private final Database db;

  public QuarantineStore(Database db) {
    this.db = db;
  }

  public void insert(String messageId, String peerParty, Instant at, String reason, String detail,
      byte[] envelope, byte[] envelopeSha256, byte[] signedRejection) {
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO quarantine (message_id, peer_party, received_at,"
          + " reason, detail, envelope, envelope_sha256, rejection) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, messageId);
        ps.setString(2, peerParty);
        ps.setLong(3, at.toEpochMilli());
        ps.setString(4, reason);
        ps.setString(5, detail.length() > 2000 ? detail.substring(0, 2000) : detail);
        ps.setBytes(6, envelope);
        ps.setBytes(7, envelopeSha256);
        ps.setBytes(8, signedRejection);
        return ps.executeUpdate();
      }
    });
  }

  public long count() {
    return db.read(c -> InboxStore.count(c, "SELECT COUNT(*) FROM quarantine"));
  }
}
