package org.relay247.gateway.protection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.relay247.gateway.store.Database;
import org.relay247.protocol.Address;
import org.relay247.protocol.seal.ReceiptVerifier;

/**
 * The messages of one case, received and sent, read from the node's inbox and outbox, oldest
 * first. Reads the tables of V1 directly: the protection controls act on a case as a whole.
 */
public final class CaseMessages {
  private final Database db;

  public CaseMessages(Database db) {
    this.db = db;
  }

  /** Every message of the case (empty list for an unknown case). */
  public List<CaseMessage> of(String caseId) {
    return db.read(c -> of(c, caseId));
  }

  static List<CaseMessage> of(Connection c, String caseId) throws SQLException {
    List<CaseMessage> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT message_id, sender, body_case, received_at, inner_message,"
        + " envelope, envelope_sha256 FROM inbox WHERE case_id = ?")) {
      ps.setString(1, caseId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new CaseMessage(rs.getString(1), true, Address.parse(rs.getString(2)), rs.getString(3),
              Instant.ofEpochMilli(rs.getLong(4)), rs.getBytes(5), rs.getBytes(6), rs.getBytes(7), false));
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT message_id, recipient, body_case, created_at, inner_message,"
        + " envelope, state FROM outbox WHERE case_id = ?")) {
      ps.setString(1, caseId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byte[] envelope = rs.getBytes(6);
          out.add(new CaseMessage(rs.getString(1), false, Address.parse(rs.getString(2)), rs.getString(3),
              Instant.ofEpochMilli(rs.getLong(4)), rs.getBytes(5), envelope,
              envelope.length == 0 ? new byte[0] : ReceiptVerifier.sha256(envelope), "PENDING".equals(rs.getString(7))));
        }
      }
    }
    out.sort(Comparator.comparing(CaseMessage::at).thenComparing(CaseMessage::messageId));
    return out;
  }
}
