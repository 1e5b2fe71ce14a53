package org.relay247.gateway.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.relay247.gateway.audit.AuditChainBrokenException;
import org.relay247.gateway.audit.AuditHead;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.StoreException;
import org.relay247.pki.Password;

/**
 * Copies every row of a node's store into a fresh, migrated one, with plain JDBC: the one-off move
 * from an H2 file (the store before SQLite) to SQLite or PostgreSQL (docs/deployment.md, "Moving
 * from H2"). Keys, sequence numbers and bytes are copied as they are, so receipts, case timelines
 * and the audit chain stay what they were; the copy is one transaction on the target, and is
 * checked afterwards (row counts per table, and the audit chain verified on the target). A
 * command-line tool beside {@code relay247}, not in {@code store}: it uses the store and the audit
 * log, which must not use each other (docs/architecture.md, "Packages inside gateway").
 *
 * <p>Run with the source's JDBC driver on the class path (the H2 jar of the release that wrote
 * the file; the project itself no longer has one):
 * <pre>
 * java -cp "simulator/target/lib/*:simulator/target/classes:h2-2.5.252.jar" \
 *   org.relay247.gateway.cli.StoreCopy "jdbc:h2:file:/srv/relay247/data/relay247-fr;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" \
 *   jdbc:sqlite:/srv/relay247/data/relay247-fr.db
 * </pre>
 */
public final class StoreCopy {
  /** Identity columns of db/vendor/postgresql, whose sequences must move past the copied values. */
  private static final Map<String, String> IDENTITY = Map.of("inbox", "seq", "quarantine", "id", "escalation", "id",
      "case_event", "seq", "case_timer", "id", "case_obligation", "id", "case_flag", "id");

  /** Tables migrations fill themselves (replaced by the source's rows). */
  private static final Set<String> SEEDED = Set.of("audit_head");

  private StoreCopy() {
  }

  /** What was copied: rows per table, and the audit head verified on the target. */
  public record Report(Map<String, Long> rows, AuditHead auditHead) {
    @Override
    public String toString() {
      StringBuilder s = new StringBuilder();
      rows.forEach((t, n) -> s.append(t).append(": ").append(n).append(" rows\n"));
      return s.append("audit chain verified on the target: ").append(auditHead.seq()).append(" entries\n").toString();
    }
  }

  /**
   * Copies {@code source}'s rows into {@code target} (freshly opened: migrated and empty) and
   * checks the result.
   *
   * @throws StoreException if the target is not empty, a table or column of the target is missing
   *     in the source, the counts differ after the copy, or the audit chain does not verify
   */
  public static Report copy(Connection source, Database target) {
    List<String> tables = target.read(StoreCopy::tablesParentsFirst);
    Map<String, Long> rows = target.inTransaction(c -> {
      Map<String, Long> copied = new LinkedHashMap<>();
      for (String table : tables) {
        if (SEEDED.contains(table)) {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table)) {
            ps.executeUpdate();
          }
        } else if (count(c, table) != 0) {
          throw new StoreException("the target is not empty (table " + table + " has rows): copy into a new"
              + " database only", null);
        }
        copied.put(table, copyTable(source, c, table));
      }
      if (target.vendor() == Database.Vendor.POSTGRESQL) {
        for (Map.Entry<String, String> id : IDENTITY.entrySet()) {
          try (PreparedStatement ps = c.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?),"
              + " COALESCE(MAX(" + id.getValue() + "), 0) + 1, false) FROM " + id.getKey())) {
            ps.setString(1, id.getKey());
            ps.setString(2, id.getValue());
            ps.executeQuery().close();
          }
        }
      }
      return copied;
    });
    for (Map.Entry<String, Long> t : rows.entrySet()) {
      long there = target.read(c -> count(c, t.getKey()));
      if (there != t.getValue()) {
        throw new StoreException("table " + t.getKey() + ": " + there + " rows on the target (expected: "
            + t.getValue() + ")", null);
      }
    }
    AuditHead head;
    try {
      head = new AuditLog(target, Clock.systemUTC()).verify();
    } catch (AuditChainBrokenException e) {
      throw new StoreException("the audit chain does not verify on the target: " + e.getMessage(), e);
    }
    return new Report(rows, head);
  }

  private static long copyTable(Connection source, Connection target, String table) throws SQLException {
    List<String> columns = columns(target.getMetaData(), table);
    Set<String> present = new LinkedHashSet<>(columns(source.getMetaData(), table));
    if (present.isEmpty()) {
      return 0;  // a table the source's release did not have yet
    }
    if (!present.containsAll(columns)) {
      List<String> missing = new ArrayList<>(columns);
      missing.removeAll(present);
      // A column added later with no value yet would be NULL; a missing one is a schema mismatch.
      throw new StoreException("table " + table + ": columns " + missing + " missing in the source (expected:"
          + " a store of the release before SQLite, migrated to its last version)", null);
    }
    String list = String.join(", ", columns);
    long n = 0;
    try (PreparedStatement read = source.prepareStatement("SELECT " + list + " FROM " + table);
        PreparedStatement write = target.prepareStatement("INSERT INTO " + table + " (" + list + ") VALUES ("
            + String.join(", ", columns.stream().map(x -> "?").toList()) + ")")) {
      read.setFetchSize(500);
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          for (int i = 1; i <= columns.size(); i++) {
            write.setObject(i, rs.getObject(i));
          }
          write.addBatch();
          if (++n % 500 == 0) {
            write.executeBatch();
          }
        }
      }
      write.executeBatch();
    }
    return n;
  }

  /** The target's tables (not Flyway's, not SQLite's), every table after the ones it references. */
  private static List<String> tablesParentsFirst(Connection c) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    List<String> all = new ArrayList<>();
    try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
        String schema = Optional.ofNullable(rs.getString("TABLE_SCHEM")).orElse("");
        if (!name.startsWith("sqlite_") && !name.equals("flyway_schema_history")
            && (schema.isEmpty() || schema.equals("public") || schema.equals("main"))) {
          all.add(name);
        }
      }
    }
    all.sort(null);
    List<String> ordered = new ArrayList<>();
    while (ordered.size() < all.size()) {
      boolean progress = false;
      for (String t : all) {
        if (!ordered.contains(t) && ordered.containsAll(parents(meta, t, all))) {
          ordered.add(t);
          progress = true;
        }
      }
      if (!progress) {
        throw new StoreException("tables reference each other in a cycle: " + all, null);
      }
    }
    return ordered;
  }

  private static Set<String> parents(DatabaseMetaData meta, String table, List<String> all) throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    try (ResultSet rs = meta.getImportedKeys(null, null, table)) {
      while (rs.next()) {
        String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
        if (!parent.equals(table) && all.contains(parent)) {
          out.add(parent);
        }
      }
    }
    return out;
  }

  private static List<String> columns(DatabaseMetaData meta, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
      try (ResultSet rs = meta.getColumns(null, null, name, "%")) {
        while (rs.next()) {
          String schema = Optional.ofNullable(rs.getString("TABLE_SCHEM")).orElse("").toLowerCase(Locale.ROOT);
          if (schema.isEmpty() || schema.equals("public") || schema.equals("main")) {
            out.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
          }
        }
      }
      if (!out.isEmpty()) {
        return out;
      }
    }
    return out;
  }

  private static long count(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * {@code StoreCopy FROM-URL TO-URL [TO-USER TO-PASSWORD-FILE]}: copies the store at FROM-URL
   * (its driver on the class path) into a new store at TO-URL. Exit 0 copied and checked, 1 failed,
   * 2 usage.
   */
  public static void main(String[] args) {
    if (args.length != 2 && args.length != 4) {
      System.err.println("usage: StoreCopy FROM-JDBC-URL TO-JDBC-URL [TO-USER TO-PASSWORD-FILE]"
          + " (see docs/deployment.md, \"Moving from H2\")");
      System.exit(2);
    }
    Optional<Password> password = Optional.empty();
    try {
      if (args.length == 4) {
        password = Optional.of(Password.fromFile(Path.of(args[3])));
      }
      try (Connection source = DriverManager.getConnection(args[0]);
          Database target = Database.open(args[1], args.length == 4 ? args[2] : "", password, 2)) {
        source.setReadOnly(true);
        System.out.print(copy(source, target));
      }
    } catch (SQLException | java.io.IOException | RuntimeException e) {
      System.err.println("copy failed: " + e.getMessage());
      System.exit(1);
    }
  }
}
