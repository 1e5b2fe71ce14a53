package org.relay247.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Accepted messages. A message id is stored once; a second insert reports a duplicate. */
public final class InboxStore {
  private static final String COLUMNS = "seq, message_id, sender, recipient, priority_rank, case_id, reply_to_id,"
      + " body_case, created_at, received_at, signed_at, signer_subject, envelope, envelope_sha256, signed_data,"
      + " inner_message, receipt, acknowledged_at, acknowledged_by";

  private final Database db;

  public InboxStore(Database db) {
    this.db = db;
  }

  /** Inserts in one transaction; returns false (and changes nothing) if the id is already stored. */
  public boolean insert(InboxEntry e) {
    return insert(e, c -> null).isPresent();
  }

  /**
   * Inserts and runs {@code alsoInTransaction} (the audit entry) in the same transaction: both
   * or neither. Returns the entry as stored (with its {@code seq}, so nobody reads back the row just
   * written), or empty if the id is already stored.
   */
  public Optional<InboxEntry> insert(InboxEntry e, Database.SqlWork<?> alsoInTransaction) {
    try {
      long seq = db.inTransaction(c -> {
        long assigned;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO inbox (message_id, sender, recipient,"
            + " priority_rank, case_id, reply_to_id, body_case, created_at, received_at, signed_at, signer_subject,"
            + " envelope, envelope_sha256, signed_data, inner_message, receipt)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq")) {
          ps.setString(1, e.messageId());
          ps.setString(2, e.sender());
          ps.setString(3, e.recipient());
          ps.setInt(4, e.priorityRank());
          ps.setString(5, e.caseId());
          ps.setString(6, e.replyToId());
          ps.setString(7, e.bodyCase());
          ps.setLong(8, e.createdAt().toEpochMilli());
          ps.setLong(9, e.receivedAt().toEpochMilli());
          ps.setLong(10, e.signedAt().toEpochMilli());
          ps.setString(11, e.signerSubject());
          ps.setBytes(12, e.envelope());
          ps.setBytes(13, e.envelopeSha256());
          ps.setBytes(14, e.signedData());
          ps.setBytes(15, e.innerMessage());
          ps.setBytes(16, e.receipt());
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            assigned = rs.getLong(1);
          }
        }
        alsoInTransaction.run(c);
        return assigned;
      });
      return Optional.of(e.withSeq(seq));
    } catch (StoreException ex) {
      if (ex.getCause() instanceof SQLException sql && Database.isDuplicateKey(sql)) {
        return Optional.empty();
      }
      throw ex;
    }
  }

  /**
   * As {@link #find}, and when found, durable before this returns ({@link Database#flushCommitted}):
   * for answering a duplicate with the original receipt.
   */
  public Optional<InboxEntry> findDurable(String messageId) {
    Optional<InboxEntry> found = find(messageId);
    if (found.isPresent()) {
      db.flushCommitted();
    }
    return found;
  }

  public Optional<InboxEntry> find(String messageId) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM inbox WHERE message_id = ?")) {
        ps.setString(1, messageId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
      }
    });
  }

  /** Entries with seq above {@code afterSeq}, oldest first, at most {@code limit}. */
  public List<InboxEntry> after(long afterSeq, int limit) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM inbox WHERE seq > ? ORDER BY seq LIMIT ?")) {
        ps.setLong(1, afterSeq);
        ps.setInt(2, limit);
        List<InboxEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(read(rs));
          }
        }
        return out;
      }
    });
  }

  /** The messages with this body ({@code PING}, ...) nobody has acknowledged yet, oldest first. */
  public List<InboxEntry> unacknowledged(String bodyCase) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM inbox WHERE body_case = ? AND acknowledged_at IS NULL ORDER BY seq")) {
        ps.setString(1, bodyCase);
        List<InboxEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(read(rs));
          }
        }
        return out;
      }
    });
  }

  /** Records that an operator opened the message; false if it was already acknowledged. */
  public boolean acknowledge(String messageId, String operator, Instant at) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE inbox SET acknowledged_at = ?, acknowledged_by = ?"
          + " WHERE message_id = ? AND acknowledged_at IS NULL")) {
        ps.setLong(1, at.toEpochMilli());
        ps.setString(2, operator);
        ps.setString(3, messageId);
        return ps.executeUpdate() == 1;
      }
    });
  }

  public long count() {
    return db.read(c -> count(c, "SELECT COUNT(*) FROM inbox"));
  }

  static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static InboxEntry read(ResultSet rs) throws SQLException {
    long ack = rs.getLong("acknowledged_at");
    Optional<Instant> ackAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ack));
    return new InboxEntry(rs.getLong("seq"), rs.getString("message_id"), rs.getString("sender"),
        rs.getString("recipient"), rs.getInt("priority_rank"), rs.getString("case_id"), rs.getString("reply_to_id"),
        rs.getString("body_case"), Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("received_at")), Instant.ofEpochMilli(rs.getLong("signed_at")),
        rs.getString("signer_subject"), rs.getBytes("envelope"), rs.getBytes("envelope_sha256"),
        rs.getBytes("signed_data"), rs.getBytes("inner_message"), rs.getBytes("receipt"), ackAt,
        Optional.ofNullable(rs.getString("acknowledged_by")));
  }

}
