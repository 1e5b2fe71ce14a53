package org.relay247.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.relay247.gateway.audit.AuditChainBrokenException.Reason;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.StoreException;

/**
 * The node's audit log (Art. 14.8): an append-only, hash-chained record of every action on a case
 * and on personal data, in the node's database next to the messages (tables {@code audit_log} and
 * {@code audit_head}, migration V2). Format and limits: docs/audit.md.
 *
 * <p><b>Chain.</b> Entries are numbered 1, 2, 3 ... without gaps. Entry n stores the hash of entry
 * n-1 ({@link AuditHash#GENESIS} for entry 1) and its own hash, SHA-256 over the canonical encoding
 * of all its fields ({@link AuditEncoding}). The row {@code audit_head} holds the last entry's
 * number and hash, so cutting entries off the end is detected too.
 *
 * <p><b>Concurrency.</b> An append locks the head row ({@code SELECT ... FOR UPDATE} on PostgreSQL;
 * SQLite has one writer, which serializes every transaction) until its transaction ends, so
 * appends are serialized by the database: the chain stays linear with any number of threads,
 * pools, processes or cluster members writing to the same database. A rolled-back append leaves no trace and no gap. The appending transaction
 * must run at READ COMMITTED on PostgreSQL (its default).
 *
 * <p><b>Errors.</b> Database failures throw {@link StoreException}; a chain that does not verify
 * throws {@link AuditChainBrokenException}. Thread-safe.
 */
public final class AuditLog {
  private static final String COLUMNS =
      "seq, at, actor, action, case_id, message_id, details, prev_hash, entry_hash";

  private final Database db;
  private final Clock clock;

  /**
   * @param db the node's database (migrated: {@link Database#open} applies V2__audit.sql)
   * @param clock stamps each entry's time
   */
  public AuditLog(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Appends one entry in its own transaction and returns it as stored (committed).
   *
   * @throws StoreException if the database fails, or the audit tables were tampered with so that
   *     the next entry cannot be written (head row deleted, a row inserted at the next position)
   */
  public AuditEntry append(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    return db.inTransaction(c -> append(c, event));
  }

  /**
   * Appends one entry inside the caller's transaction, so that it commits or rolls back with the
   * action it records (e.g. the inbox insert of a received message). The head row stays locked
   * until that transaction ends and other appends wait: append last, just before committing.
   * The connection must be in a transaction (auto-commit off) at READ COMMITTED.
   *
   * @return the entry as it will be stored once the caller commits
   * @throws SQLException if the database fails; the caller's transaction should roll back
   * @throws StoreException if the audit tables were tampered with (head row missing or corrupt)
   * @throws IllegalStateException if the connection is in auto-commit mode (the head lock would not hold)
   */
  public AuditEntry append(Connection c, AuditEvent event) throws SQLException {
    Objects.requireNonNull(event, "event");
    if (c.getAutoCommit()) {
      throw new IllegalStateException("AuditLog.append(Connection, ...) needs a transaction: auto-commit is on");
    }
    AuditHead head = lockHead(c, db.forUpdate());
    long seq = head.seq() + 1;
    long at = clock.millis();
    String action = event.action().name();
    AuditHash hash = AuditEncoding.hash(seq, at, event.actor(), action, event.caseId(), event.messageId(),
        event.details(), head.hash());
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (" + COLUMNS + ")"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, seq);
      ps.setLong(2, at);
      ps.setString(3, event.actor());
      ps.setString(4, action);
      setNullable(ps, 5, event.caseId());
      setNullable(ps, 6, event.messageId());
      ps.setString(7, event.details());
      ps.setBytes(8, head.hash().bytes());
      ps.setBytes(9, hash.bytes());
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
      ps.setLong(1, seq);
      ps.setBytes(2, hash.bytes());
      ps.executeUpdate();
    }
    return new AuditEntry(seq, Instant.ofEpochMilli(at), event.actor(), action, event.caseId(), event.messageId(),
        event.details(), head.hash(), hash);
  }

  /**
   * Recomputes the whole chain from entry 1, on one consistent snapshot (appends may continue
   * meanwhile; entries appended after the snapshot are not checked). Checks, entry by entry: the
   * sequence number is the next one (no gap), {@code prev_hash} is the previous entry's hash, and
   * {@code entry_hash} is the hash of the entry's fields; then that the last entry is the head
   * recorded in {@code audit_head}.
   *
   * @return the verified head: the number of entries and the last hash (0 and GENESIS when empty)
   * @throws AuditChainBrokenException naming the first entry that does not verify and why
   * @throws StoreException if the database fails
   */
  public AuditHead verify() throws AuditChainBrokenException {
    Checked<AuditHead> result = db.readConsistent(c -> Checked.of(() -> verify(c)));
    return result.get();
  }

  /**
   * The head as recorded in {@code audit_head}, not verified: cheap, for printing and storing
   * daily (verify first to know it is sound).
   *
   * @throws StoreException if the database fails or the head row is missing
   */
  public AuditHead head() {
    return db.inTransaction(c -> readHead(c, false)
        .orElseThrow(() -> new StoreException("the audit head record (table audit_head) is missing", null)));
  }

  /**
   * The entry with this hash, if the log holds one: with {@link #verify()}, tells whether a head
   * kept elsewhere is still part of the chain.
   *
   * @throws StoreException if the database fails
   */
  public Optional<AuditEntry> find(AuditHash entryHash) {
    Objects.requireNonNull(entryHash, "entryHash");
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM audit_log WHERE entry_hash = ? ORDER BY seq")) {
        ps.setBytes(1, entryHash.bytes());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(entry(Row.read(rs))) : Optional.<AuditEntry>empty();
        }
      }
    });
  }

  /**
   * The entries of one case, oldest first, as stored (not verified).
   *
   * @throws StoreException if the database fails or an entry's stored hash is not 32 bytes
   */
  public List<AuditEntry> entries(String caseId) {
    Objects.requireNonNull(caseId, "caseId");
    return db.inTransaction(c -> entries(c, caseId));
  }

  /**
   * The Art. 14.8 record of one case: its entries, oldest first, with their hashes, and the result
   * of verifying the whole chain at the same moment (one snapshot). Does not refuse a broken chain:
   * the record says it is broken and where, and {@link CaseAuditRecord#json()} carries that too.
   * Reads only; record the export itself with {@link AuditAction#RECORD_EXPORTED} (the command
   * {@code relay247 audit export} does, before exporting, so the record includes its own export).
   *
   * @throws StoreException if the database fails or an entry's stored hash is not 32 bytes
   */
  public CaseAuditRecord export(String caseId) {
    Objects.requireNonNull(caseId, "caseId");
    return db.readConsistent(c -> {
      Optional<AuditHead> head = Optional.empty();
      Optional<AuditChainBrokenException> broken = Optional.empty();
      try {
        head = Optional.of(verify(c));
      } catch (AuditChainBrokenException e) {
        broken = Optional.of(e);
      }
      return new CaseAuditRecord(caseId, Instant.ofEpochMilli(clock.millis()), entries(c, caseId), head, broken);
    });
  }

  // --- internals

  /** The head, locked until the transaction ends ({@code lock}: the vendor's row-lock clause). */
  private static AuditHead lockHead(Connection c, String lock) throws SQLException {
    return readHead(c, true, lock).orElseThrow(() -> new StoreException("cannot append to the audit log: its head record "
        + "(table audit_head) is missing; run relay247 audit verify and see docs/audit.md", null));
  }

  private static Optional<AuditHead> readHead(Connection c, boolean forUpdate) throws SQLException {
    return readHead(c, forUpdate, "");
  }

  private static Optional<AuditHead> readHead(Connection c, boolean forUpdate, String lock) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1"
        + lock)) {
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long seq = rs.getLong(1);
        byte[] hash = rs.getBytes(2);
        if (seq < 0 || (hash == null) != (seq == 0) || (hash != null && hash.length != AuditHash.LENGTH)) {
          if (forUpdate) {
            throw new StoreException("cannot append to the audit log: its head record (table audit_head) is corrupt;"
                + " run relay247 audit verify and see docs/audit.md", null);
          }
          return Optional.empty();
        }
        return Optional.of(new AuditHead(seq, hash == null ? AuditHash.GENESIS : AuditHash.of(hash)));
      }
    }
  }

  private static AuditHead verify(Connection c) throws SQLException, AuditChainBrokenException {
    Optional<AuditHead> recorded = readHead(c, false);
    long expected = 1;
    AuditHash prev = AuditHash.GENESIS;
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq")) {
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Row row = Row.read(rs);
          if (row.seq > expected) {
            throw new AuditChainBrokenException(expected, Reason.MISSING_ENTRY, "missing entry: it was deleted"
                + " (the next stored entry is " + row.seq + ")");
          }
          if (row.seq < expected) {
            throw new AuditChainBrokenException(row.seq, Reason.OUT_OF_SEQUENCE, "out of sequence: entries are"
                + " numbered from 1, so this one was inserted or renumbered");
          }
          if (row.prevHash.length != AuditHash.LENGTH || !AuditHash.of(row.prevHash).equals(prev)) {
            throw new AuditChainBrokenException(row.seq, Reason.PREV_LINK_CHANGED, "changed link: its previous-entry"
                + " hash " + abbreviate(row.prevHash) + " is not the hash of "
                + (row.seq == 1 ? "the chain's start (zeros) " + abbreviate(prev.bytes())
                    : "entry " + (row.seq - 1) + " " + abbreviate(prev.bytes())));
          }
          AuditHash computed = AuditEncoding.hash(row.seq, row.at, row.actor, row.action, row.caseId, row.messageId,
              row.details, prev);
          if (row.entryHash.length != AuditHash.LENGTH || !computed.equals(AuditHash.of(row.entryHash))) {
            throw new AuditChainBrokenException(row.seq, Reason.HASH_MISMATCH, "hash mismatch: the entry or its"
                + " hash was changed after it was written (stored " + abbreviate(row.entryHash)
                + ", computed " + abbreviate(computed.bytes()) + ")");
          }
          prev = computed;
          expected++;
        }
      }
    }
    long last = expected - 1;
    if (recorded.isEmpty()) {
      throw new AuditChainBrokenException(Math.max(last, 1), Reason.HEAD_MISMATCH, "head missing: the head"
          + " record (table audit_head) is missing or corrupt, so the end of the log cannot be checked");
    }
    AuditHead head = recorded.get();
    if (head.seq() > last) {
      throw new AuditChainBrokenException(last + 1, Reason.MISSING_ENTRY, "missing entry: the log ends at entry "
          + last + " but its head records " + head.seq() + " entries, so the end of the log was deleted");
    }
    if (head.seq() < last) {
      throw new AuditChainBrokenException(head.seq() + 1, Reason.UNRECORDED_ENTRY, "unrecorded entry: the log's"
          + " head ends at entry " + head.seq() + ", so this entry was inserted directly into the table");
    }
    if (!head.hash().equals(prev)) {
      throw new AuditChainBrokenException(last, Reason.HEAD_MISMATCH, "head mismatch: the head records hash "
          + abbreviate(head.hash().bytes()) + " for this entry, not " + abbreviate(prev.bytes()));
    }
    return new AuditHead(last, prev);
  }

  private static List<AuditEntry> entries(Connection c, String caseId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM audit_log WHERE case_id = ? ORDER BY seq")) {
      ps.setString(1, caseId);
      List<AuditEntry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(entry(Row.read(rs)));
        }
      }
      return out;
    }
  }

  private static AuditEntry entry(Row row) {
    if (row.prevHash.length != AuditHash.LENGTH || row.entryHash.length != AuditHash.LENGTH) {
      throw new StoreException("audit entry " + row.seq + " is corrupt: a stored hash is not " + AuditHash.LENGTH
          + " bytes; run relay247 audit verify", null);
    }
    return new AuditEntry(row.seq, Instant.ofEpochMilli(row.at), row.actor, row.action, row.caseId, row.messageId,
        row.details, AuditHash.of(row.prevHash), AuditHash.of(row.entryHash));
  }

  private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  /** The first 16 hex digits, enough to tell hashes apart in a message. */
  private static String abbreviate(byte[] hash) {
    String hex = java.util.HexFormat.of().formatHex(hash);
    return hex.length() > 16 ? hex.substring(0, 16) + "..." : hex;
  }

  /** A row as stored, hashes unchecked. */
  private record Row(long seq, long at, String actor, String action, String caseId, String messageId,
      String details, byte[] prevHash, byte[] entryHash) {
    static Row read(ResultSet rs) throws SQLException {
      return new Row(rs.getLong("seq"), rs.getLong("at"), rs.getString("actor"), rs.getString("action"),
          rs.getString("case_id"), rs.getString("message_id"), rs.getString("details"), rs.getBytes("prev_hash"),
          rs.getBytes("entry_hash"));
    }
  }

  /** Carries a checked exception out of a {@link Database.SqlWork} lambda (which commits normally). */
  private record Checked<T>(T value, AuditChainBrokenException failure) {
    interface Work<T> {
      T run() throws SQLException, AuditChainBrokenException;
    }

    static <T> Checked<T> of(Work<T> work) throws SQLException {
      try {
        return new Checked<>(work.run(), null);
      } catch (AuditChainBrokenException e) {
        return new Checked<>(null, e);
      }
    }

    T get() throws AuditChainBrokenException {
      if (failure != null) {
        throw failure;
      }
      return value;
    }
  }
}
