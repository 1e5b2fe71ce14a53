package org.relay247.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Operator-visible alerts (a message undelivered past its deadline, ...), newest first. */
public final class EscalationStore {
  /** One alert. */
  public record Escalation(long id, String messageId, String kind, Instant raisedAt, String detail) {}

  private final Database db;

  public EscalationStore(Database db) {
    this.db = db;
  }

  /** Raises an alert in a transaction of its own; returns it as stored (to publish that one). */
  public Escalation raise(String messageId, String kind, Instant at, String detail) {
    return db.inTransaction(c -> raise(c, messageId, kind, at, detail));
  }

  /** As {@link #raise(String, String, Instant, String)}, inside the caller's transaction. */
  public Escalation raise(java.sql.Connection c, String messageId, String kind, Instant at, String detail)
      throws java.sql.SQLException {
    String stored = detail.length() <= 2000 ? detail : detail.substring(0, 2000);
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO escalation (message_id, kind, raised_at, detail) VALUES (?, ?, ?, ?) RETURNING id")) {
      ps.setString(1, messageId);
      ps.setString(2, kind);
      ps.setLong(3, at.toEpochMilli());
      ps.setString(4, stored);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Escalation(rs.getLong(1), messageId, kind, Instant.ofEpochMilli(at.toEpochMilli()), stored);
      }
    }
  }

  public List<Escalation> recent(int limit) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, message_id, kind, raised_at, detail FROM escalation"
          + " ORDER BY id DESC LIMIT ?")) {
        ps.setInt(1, limit);
        List<Escalation> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Escalation(rs.getLong(1), rs.getString(2), rs.getString(3),
                Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)));
          }
        }
        return out;
      }
    });
  }
}
