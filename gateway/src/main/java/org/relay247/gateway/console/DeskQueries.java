package org.relay247.gateway.console;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.relay247.gateway.store.Database;

/**
 * The read-only lookups the desk needs that the stores do not offer: the inbox in desk order
 * (emergencies first, then unacknowledged, newest first) without the large columns, and the
 * messages of one case or answering one message.
 */
final class DeskQueries {
  private final Database db;

  DeskQueries(Database db) {
    this.db = db;
  }

  /** An inbox line without envelope, proof or content. */
  record Line(long seq, String messageId, String sender, int priorityRank, String caseId, String replyToId,
      String bodyCase, Instant receivedAt, Optional<Instant> acknowledgedAt, Optional<String> acknowledgedBy) {}

  /** A sent message's routing and state. */
  record Sent(String messageId, String recipient, int priorityRank, String caseId, String bodyCase, Instant createdAt,
      String state, byte[] innerMessage) {}

  List<Line> desk(int limit) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT seq, message_id, sender, priority_rank, case_id,"
          + " reply_to_id, body_case, received_at, acknowledged_at, acknowledged_by FROM inbox"
          + " WHERE body_case <> 'EVIDENCE_CHUNK'"
          + " ORDER BY priority_rank, CASE WHEN acknowledged_at IS NULL THEN 0 ELSE 1 END, seq DESC LIMIT ?")) {
        ps.setInt(1, limit);
        return lines(ps);
      }
    });
  }

  List<Line> inboxOfCase(String caseId) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT seq, message_id, sender, priority_rank, case_id,"
          + " reply_to_id, body_case, received_at, acknowledged_at, acknowledged_by FROM inbox WHERE case_id = ?"
          + " ORDER BY seq")) {
        ps.setString(1, caseId);
        return lines(ps);
      }
    });
  }

  /** The inner messages received that answer {@code replyToId} with this body (e.g. the chunks of a manifest). */
  List<byte[]> answers(String replyToId, String bodyCase) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT inner_message FROM inbox WHERE reply_to_id = ? AND body_case = ? ORDER BY seq")) {
        ps.setString(1, replyToId);
        ps.setString(2, bodyCase);
        List<byte[]> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getBytes(1));
          }
        }
        return out;
      }
    });
  }

  List<Sent> sentInCase(String caseId) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT message_id, recipient, priority_rank, case_id, body_case,"
          + " created_at, state, inner_message FROM outbox WHERE case_id = ? AND body_case <> 'EVIDENCE_CHUNK'"
          + " ORDER BY created_at")) {
        ps.setString(1, caseId);
        List<Sent> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Sent(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7), rs.getBytes(8)));
          }
        }
        return out;
      }
    });
  }

  private static List<Line> lines(PreparedStatement ps) throws java.sql.SQLException {
    List<Line> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long ack = rs.getLong(9);
        Optional<Instant> ackAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ack));
        out.add(new Line(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
            rs.getString(6), rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)), ackAt,
            Optional.ofNullable(rs.getString(10))));
      }
    }
    return out;
  }
}
