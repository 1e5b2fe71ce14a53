package org.relay247.gateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Messages to send and their delivery state; every change is one committed statement. */
public final class OutboxStore {
  private static final String COLUMNS = "message_id, recipient, recipient_party, priority_rank, case_id, body_case,"
      + " created_at, deadline_at, inner_message, envelope, sealed_at, state, attempts, next_attempt_at, last_error,"
      + " escalated_at, receipt, receipt_status, receipt_reason, receipt_article, completed_at";

  private final Database db;

  public OutboxStore(Database db) {
    this.db = db;
  }

  public void insert(OutboxEntry e) {
    insert(e, c -> null);
  }

  /** Inserts and runs {@code alsoInTransaction} (the audit entry) in the same transaction. */
  public void insert(OutboxEntry e, Database.SqlWork<?> alsoInTransaction) {
    insert(e, alsoInTransaction, () -> { });
  }

  /**
   * As {@link #insert(OutboxEntry, Database.SqlWork)}, then {@code onDurable} once the row is
   * durable ({@link Database#inTransaction(Database.SqlWork, Runnable)}: hand the entry to delivery).
   */
  public void insert(OutboxEntry e, Database.SqlWork<?> alsoInTransaction, Runnable onDurable) {
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (message_id, recipient, recipient_party,"
          + " priority_rank, case_id, body_case, created_at, deadline_at, inner_message, envelope, sealed_at, state,"
          + " attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
        ps.setString(1, e.messageId());
        ps.setString(2, e.recipient());
        ps.setString(3, e.recipientParty());
        ps.setInt(4, e.priorityRank());
        ps.setString(5, e.caseId());
        ps.setString(6, e.bodyCase());
        ps.setLong(7, e.createdAt().toEpochMilli());
        ps.setLong(8, e.deadlineAt().toEpochMilli());
        ps.setBytes(9, e.innerMessage());
        ps.setBytes(10, e.envelope());
        ps.setLong(11, e.sealedAt().toEpochMilli());
        ps.setString(12, OutboxEntry.State.PENDING.name());
        ps.setLong(13, e.nextAttemptAt().toEpochMilli());
        int n = ps.executeUpdate();
        alsoInTransaction.run(c);
        return n;
      }
    }, onDurable);
  }

  public Optional<OutboxEntry> find(String messageId) {
    List<OutboxEntry> found = query("SELECT " + COLUMNS + " FROM outbox WHERE message_id = ?", messageId);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /**
   * As {@link #find}, and when found, durable before this returns ({@link Database#flushCommitted}):
   * for answering a resubmission with the stored message.
   */
  public Optional<OutboxEntry> findDurable(String messageId) {
    Optional<OutboxEntry> found = find(messageId);
    if (found.isPresent()) {
      db.flushCommitted();
    }
    return found;
  }

  /** Every pending entry, most urgent and oldest first: what a restarted node resumes. */
  public List<OutboxEntry> pending() {
    return query("SELECT " + COLUMNS + " FROM outbox WHERE state = 'PENDING' ORDER BY priority_rank, created_at");
  }

  /** The most recent entries, newest first. */
  public List<OutboxEntry> recent(int limit) {
    return query("SELECT " + COLUMNS + " FROM outbox ORDER BY created_at DESC, message_id LIMIT " + Math.max(1, limit));
  }

  /** Pending entries per recipient Party. */
  public Map<String, Long> pendingByParty() {
    return db.read(c -> {
      Map<String, Long> out = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT recipient_party, COUNT(*) FROM outbox"
          + " WHERE state = 'PENDING' GROUP BY recipient_party ORDER BY recipient_party");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
      return out;
    });
  }

  public void recordFailure(String messageId, int attempts, Instant nextAttemptAt, String error) {
    recordFailure(messageId, attempts, nextAttemptAt, error, Fence.NONE);
  }

  /** As {@link #recordFailure(String, int, Instant, String)}, after {@code fence} in the same transaction. */
  public void recordFailure(String messageId, int attempts, Instant nextAttemptAt, String error, Fence fence) {
    update(fence, "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE message_id = ?"
        + " AND state = 'PENDING'", attempts, nextAttemptAt.toEpochMilli(), truncate(error), messageId);
  }

  /**
   * Stores a re-sealed envelope (fresh signing time) for the same message, after {@code fence} in
   * the same transaction ({@link Fence#NONE} on a single node).
   */
  public void resealed(String messageId, byte[] envelope, Instant sealedAt, Fence fence) {
    update(fence, "UPDATE outbox SET envelope = ?, sealed_at = ? WHERE message_id = ? AND state = 'PENDING'",
        envelope, sealedAt.toEpochMilli(), messageId);
  }

  /** A pending entry as a delivery lane queues it: no bytes. */
  public record Queued(String messageId, int priorityRank, Instant createdAt) {}

  /** The pending entries to {@code recipientParty}, most urgent and oldest first, without their bytes. */
  public List<Queued> pendingTo(String recipientParty) {
    return db.read(c -> {
      List<Queued> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT message_id, priority_rank, created_at FROM outbox"
          + " WHERE state = 'PENDING' AND recipient_party = ? ORDER BY priority_rank, created_at")) {
        ps.setString(1, recipientParty);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Queued(rs.getString(1), rs.getInt(2), Instant.ofEpochMilli(rs.getLong(3))));
          }
        }
      }
      return out;
    });
  }

  /**
   * Records the verified receipt: the entry leaves the pending state for good. In the same
   * transaction, and only if this call completed it, runs {@code alsoInTransaction} (the audit entry).
   */
  public void complete(String messageId, OutboxEntry.State state, byte[] receipt, String status, String reason,
      String article, Instant at, Database.SqlWork<?> alsoInTransaction) {
    complete(messageId, state, receipt, status, reason, article, at, Fence.NONE, alsoInTransaction);
  }

  /**
   * As {@link #complete(String, OutboxEntry.State, byte[], String, String, String, Instant,
   * Database.SqlWork)}, after {@code fence} in the same transaction (a cluster member's lease
   * check: when it throws, nothing is written).
   */
  public void complete(String messageId, OutboxEntry.State state, byte[] receipt, String status, String reason,
      String article, Instant at, Fence fence, Database.SqlWork<?> alsoInTransaction) {
    db.inTransaction(c -> {
      fence.check(c);
      try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET state = ?, receipt = ?, receipt_status = ?,"
          + " receipt_reason = ?, receipt_article = ?, completed_at = ?, last_error = NULL"
          + " WHERE message_id = ? AND state = 'PENDING'")) {
        bind(ps, state.name(), receipt, status, reason, article, at.toEpochMilli(), messageId);
        if (ps.executeUpdate() == 1) {
          alsoInTransaction.run(c);
        }
      }
      return null;
    });
  }

  /** Marks the deadline escalation; true only the first time. */
  /** A pending entry past its deadline, not escalated yet: what the deadline sweep needs, no bytes. */
  public record Overdue(String messageId, String recipient, String recipientParty, int priorityRank, String caseId,
      Instant createdAt, int attempts, Optional<String> lastError) {}

  /**
   * Pending entries past their deadline at {@code now} and not escalated yet, without their
   * envelopes and inner messages (the sweep runs every second over what may be gigabytes pending).
   */
  public List<Overdue> overdue(Instant now) {
    return db.read(c -> {
      List<Overdue> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(overdueQuery(db.vendor()))) {
        ps.setLong(1, now.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Overdue(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                Instant.ofEpochMilli(rs.getLong(6)), rs.getInt(7), Optional.ofNullable(rs.getString(8))));
          }
        }
      }
      return out;
    });
  }

  /**
   * The sweep's query. SQLite without planner statistics (a new store) rates the equality on
   * {@code outbox_pending}'s first column above the range on {@code outbox_overdue} and reads every
   * pending row; {@code INDEXED BY} holds it to the partial index (V12) whatever its statistics.
   */
  static String overdueQuery(Database.Vendor vendor) {
    return "SELECT message_id, recipient, recipient_party, priority_rank, case_id, created_at, attempts, last_error"
        + " FROM outbox" + (vendor == Database.Vendor.SQLITE ? " INDEXED BY outbox_overdue" : "")
        + " WHERE state = 'PENDING' AND escalated_at IS NULL AND deadline_at < ? ORDER BY priority_rank, created_at";
  }

  public boolean markEscalated(String messageId, Instant at) {
    return update("UPDATE outbox SET escalated_at = ? WHERE message_id = ? AND escalated_at IS NULL",
        at.toEpochMilli(), messageId) == 1;
  }

  private int update(String sql, Object... args) {
    return update(Fence.NONE, sql, args);
  }

  private int update(Fence fence, String sql, Object... args) {
    return db.inTransaction(c -> {
      fence.check(c);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bind(ps, args);
        return ps.executeUpdate();
      }
    });
  }

  private List<OutboxEntry> query(String sql, Object... args) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bind(ps, args);
        List<OutboxEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(read(rs));
          }
        }
        return out;
      }
    });
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
  }

  private static OutboxEntry read(ResultSet rs) throws SQLException {
    return new OutboxEntry(rs.getString("message_id"), rs.getString("recipient"), rs.getString("recipient_party"),
        rs.getInt("priority_rank"), rs.getString("case_id"), rs.getString("body_case"),
        Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("deadline_at")),
        rs.getBytes("inner_message"), rs.getBytes("envelope"), Instant.ofEpochMilli(rs.getLong("sealed_at")),
        OutboxEntry.State.valueOf(rs.getString("state")), rs.getInt("attempts"),
        Instant.ofEpochMilli(rs.getLong("next_attempt_at")), Optional.ofNullable(rs.getString("last_error")),
        optionalInstant(rs, "escalated_at"), Optional.ofNullable(rs.getBytes("receipt")),
        Optional.ofNullable(rs.getString("receipt_status")), Optional.ofNullable(rs.getString("receipt_reason")),
        Optional.ofNullable(rs.getString("receipt_article")), optionalInstant(rs, "completed_at"));
  }

  private static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
  }
}
