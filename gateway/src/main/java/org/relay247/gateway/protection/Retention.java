package org.relay247.gateway.protection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.store.Database;
import org.relay247.protocol.MessageIds;

/**
 * Art. 14.5 retention periods (table {@code case_retention}): the node's default, or a period an
 * operator set for a case, counted from the case's last message. Thread-safe.
 */
public final class Retention {
  private final Database db;
  private final AuditLog audit;
  private final Clock clock;
  private final int defaultDays;

  Retention(Database db, AuditLog audit, Clock clock, int defaultDays) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
    this.defaultDays = defaultDays;
  }

  /**
   * Sets the period of one case and records it in the audit log (RETENTION_REVIEWED).
   *
   * @throws IllegalArgumentException naming the field: a malformed case id, or days outside 1 to 36500
   */
  public RetentionStatus set(String caseId, long days, String actor) {
    MessageIds.requireValid("case_id", caseId);
    int valid = ProtectionSettings.requireRetentionDays("retention_days", days);
    Objects.requireNonNull(actor, "actor");
    Instant now = clock.instant();
    db.inTransaction(c -> {
      int updated;
      try (PreparedStatement ps = c.prepareStatement("UPDATE case_retention SET retention_days = ?, set_by = ?,"
          + " set_at = ?, review_flagged_at = NULL WHERE case_id = ?")) {
        ps.setInt(1, valid);
        ps.setString(2, actor);
        ps.setLong(3, now.toEpochMilli());
        ps.setString(4, caseId);
        updated = ps.executeUpdate();
      }
      if (updated == 0) {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_retention (case_id, retention_days, set_by,"
            + " set_at) VALUES (?, ?, ?, ?)")) {
          ps.setString(1, caseId);
          ps.setInt(2, valid);
          ps.setString(3, actor);
          ps.setLong(4, now.toEpochMilli());
          ps.executeUpdate();
        }
      }
      return audit.append(c, new AuditEvent(actor, AuditAction.RETENTION_REVIEWED, caseId, null,
          "retention set to " + valid + " days"));
    });
    return status(caseId);
  }

  /** The case's period, expiry and purge state (an unknown case has no activity and never expires). */
  public RetentionStatus status(String caseId) {
    return db.read(c -> statuses(c, caseId)).stream().findFirst().orElseGet(() -> new RetentionStatus(caseId,
        defaultDays, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
  }

  /** Cases whose period elapsed at {@code at}, not purged since, and not yet flagged for review. */
  public List<RetentionStatus> due(Instant at) {
    return db.read(c -> statuses(c, null)).stream().filter(s -> s.due(at) && s.reviewFlaggedAt().isEmpty()).toList();
  }

  /** Records that the worker asked for a review, in the caller's transaction. */
  static void flag(Connection c, String caseId, Instant at) throws SQLException {
    upsert(c, caseId, "review_flagged_at = ?", at.toEpochMilli(), null);
  }

  /** Records a purge, in the caller's transaction; clears a pending review flag. */
  static void purged(Connection c, String caseId, Instant at, String actor) throws SQLException {
    upsert(c, caseId, "purged_at = ?, purged_by = ?, review_flagged_at = NULL", at.toEpochMilli(), actor);
  }

  private static void upsert(Connection c, String caseId, String set, long at, String actor) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_retention (case_id) SELECT ? WHERE NOT EXISTS"
        + " (SELECT 1 FROM case_retention WHERE case_id = ?)")) {
      ps.setString(1, caseId);
      ps.setString(2, caseId);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE case_retention SET " + set + " WHERE case_id = ?")) {
      ps.setLong(1, at);
      int i = 2;
      if (actor != null) {
        ps.setString(i++, actor);
      }
      ps.setString(i, caseId);
      ps.executeUpdate();
    }
  }

  private List<RetentionStatus> statuses(Connection c, String onlyCase) throws SQLException {
    String where = onlyCase == null ? "" : " AND case_id = ?";
    String sql = "SELECT a.case_id, a.last_at, r.retention_days, r.review_flagged_at, r.purged_at FROM"
        + " (SELECT case_id, MAX(t) AS last_at FROM (SELECT case_id, received_at AS t FROM inbox WHERE case_id IS NOT"
        + " NULL" + where + " UNION ALL SELECT case_id, created_at AS t FROM outbox WHERE case_id IS NOT NULL" + where
        + ") x GROUP BY case_id) a LEFT JOIN case_retention r ON r.case_id = a.case_id ORDER BY a.case_id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (onlyCase != null) {
        ps.setString(1, onlyCase);
        ps.setString(2, onlyCase);
      }
      List<RetentionStatus> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant last = Instant.ofEpochMilli(rs.getLong(2));
          int days = rs.getInt(3);
          boolean set = !rs.wasNull();
          int applied = set ? days : defaultDays;
          out.add(new RetentionStatus(rs.getString(1), applied, set, Optional.of(last),
              Optional.of(last.plus(Duration.ofDays(applied))), instant(rs, 4), instant(rs, 5)));
        }
      }
      if (onlyCase != null && out.isEmpty()) {
        out.add(setOnly(c, onlyCase));
      }
      return out;
    }
  }

  /** A case with a period set but no messages (yet, or any more). */
  private RetentionStatus setOnly(Connection c, String caseId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT retention_days, review_flagged_at, purged_at FROM"
        + " case_retention WHERE case_id = ?")) {
      ps.setString(1, caseId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return new RetentionStatus(caseId, defaultDays, false, Optional.empty(), Optional.empty(), Optional.empty(),
              Optional.empty());
        }
        int days = rs.getInt(1);
        boolean set = !rs.wasNull();
        return new RetentionStatus(caseId, set ? days : defaultDays, set, Optional.empty(), Optional.empty(),
            instant(rs, 2), instant(rs, 3));
      }
    }
  }

  private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
  }
}
