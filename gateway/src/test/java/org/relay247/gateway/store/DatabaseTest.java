package org.relay247.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite store a node opens: the settings that make a commit durable are in force, the one
 * writer commits concurrent transactions together without one caller's failure touching another's,
 * and an H2 URL (the store before SQLite) is refused with the way to move.
 */
class DatabaseTest {
  @TempDir Path dir;

  private Database sqlite() {
    return Database.open("jdbc:sqlite:" + dir.resolve("sub/node.db").toAbsolutePath(), "", Optional.empty(), 2);
  }

  @Test
  void sqliteDatabase_isOpenedWithWal_fullSync_foreignKeys_andABusyTimeout() {
    try (Database db = sqlite()) {
      assertThat(pragma(db, "journal_mode")).isEqualTo("wal");
      // 2 = FULL: the WAL is synced at every commit.
      assertThat(inWriter(db, "PRAGMA synchronous")).isEqualTo("2");
      assertThat(inWriter(db, "PRAGMA foreign_keys")).isEqualTo("1");
      assertThat(inWriter(db, "PRAGMA busy_timeout"))
          .isEqualTo(String.valueOf(Database.BUSY_TIMEOUT_MS));
      assertThat(pragma(db, "synchronous")).isEqualTo("2");
      assertThat(pragma(db, "foreign_keys")).isEqualTo("1");
    }
  }

  @Test
  void concurrentTransactions_shareCommits_andEachIsAnsweredWithItsOwnResult() throws Exception {
    try (Database db = sqlite()) {
      db.inTransaction(c -> c.createStatement().executeUpdate("CREATE TABLE t (k INTEGER PRIMARY KEY)"));
      int callers = 64;
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          int k = i;
          results.add(pool.submit(() -> db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (k) VALUES (?)")) {
              ps.setInt(1, k);
              ps.executeUpdate();
            }
            return k;
          })));
        }
        for (int i = 0; i < callers; i++) {
          assertThat(results.get(i).get()).isEqualTo(i);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(inReader(db, "SELECT COUNT(*) FROM t")).isEqualTo(String.valueOf(callers));
    }
  }

  @Test
  void transactionsQueuedWhileTheWriterIsBusy_commitTogether_eachCallerAnsweredAfterThatCommit() throws Exception {
    try (Database db = sqlite()) {
      db.inTransaction(c -> c.createStatement().executeUpdate("CREATE TABLE t (k INTEGER PRIMARY KEY)"));
      Database.Commits before = db.commits();
      CountDownLatch writerBusy = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      int queued = 10;
      ExecutorService pool = Executors.newFixedThreadPool(queued + 1);
      try {
        Future<Integer> first = pool.submit(() -> db.inTransaction(c -> {
          writerBusy.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return c.createStatement().executeUpdate("INSERT INTO t (k) VALUES (0)");
        }));
        writerBusy.await();
        List<Future<Integer>> rest = new ArrayList<>();
        for (int i = 1; i <= queued; i++) {
          int k = i;
          rest.add(pool.submit(() -> db.inTransaction(c -> c.createStatement()
              .executeUpdate("INSERT INTO t (k) VALUES (" + k + ")"))));
        }
        // Every caller is queued behind the busy writer before it goes on (the queue is the
        // writer's; the test reads its length through the callers still waiting).
        await("callers queued").atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(5))
            .until(() -> db.queuedTransactions() >= queued);
        assertThat(rest).noneMatch(Future::isDone);
        release.countDown();
        assertThat(first.get()).isEqualTo(1);
        for (Future<Integer> f : rest) {
          assertThat(f.get()).isEqualTo(1);
        }
      } finally {
        release.countDown();
        pool.shutdownNow();
      }
      Database.Commits after = db.commits();
      assertThat(after.transactions() - before.transactions()).isEqualTo(queued + 1);
      // The busy one committed alone; the ten queued behind it in one commit.
      assertThat(after.commits() - before.commits()).isEqualTo(2);
      assertThat(inReader(db, "SELECT COUNT(*) FROM t")).isEqualTo(String.valueOf(queued + 1));
    }
  }

  @Test
  void failedTransaction_isRolledBackAlone_whileTheOthersOfItsGroupCommit() throws Exception {
    try (Database db = sqlite()) {
      db.inTransaction(c -> c.createStatement().executeUpdate("CREATE TABLE t (k INTEGER PRIMARY KEY)"));
      db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO t (k) VALUES (1)"));

      assertThatThrownBy(() -> db.inTransaction(c -> {
        c.createStatement().executeUpdate("INSERT INTO t (k) VALUES (2)");
        return c.createStatement().executeUpdate("INSERT INTO t (k) VALUES (1)");
      })).isInstanceOf(StoreException.class)
          .satisfies(e -> assertThat(Database.isDuplicateKey((java.sql.SQLException) e.getCause())).isTrue());
      db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO t (k) VALUES (3)"));

      assertThat(inReader(db, "SELECT group_concat(k) FROM (SELECT k FROM t ORDER BY k)")).isEqualTo("1,3");
    }
  }

  @Test
  void afterCommitAction_seesTheRowCommitted_beforeTheCallerReturns_andNeverRunsForAFailedTransaction() {
    try (Database db = sqlite()) {
      db.inTransaction(c -> c.createStatement().executeUpdate("CREATE TABLE t (k INTEGER PRIMARY KEY)"));
      List<String> seen = new ArrayList<>();

      db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO t (k) VALUES (1)"),
          () -> seen.add(inReader(db, "SELECT group_concat(k) FROM t")));
      assertThatThrownBy(() -> db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO t (k) VALUES (1)"),
          () -> seen.add("ran after a failed transaction"))).isInstanceOf(StoreException.class);

      // Read by another connection inside the action: the row was committed when it ran.
      assertThat(seen).containsExactly("1");
    }
  }

  @Test
  void failingAfterCommitAction_leavesTheCommitStanding() {
    try (Database db = sqlite()) {
      db.inTransaction(c -> c.createStatement().executeUpdate("CREATE TABLE t (k INTEGER PRIMARY KEY)"));

      int inserted = db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO t (k) VALUES (7)"), () -> {
        throw new IllegalStateException("listener broke");
      });

      assertThat(inserted).isEqualTo(1);
      assertThat(inReader(db, "SELECT group_concat(k) FROM t")).isEqualTo("7");
    }
  }

  @Test
  void transactionStartedInsideATransaction_isRefused() {
    try (Database db = sqlite()) {
      assertThatThrownBy(() -> db.inTransaction(c -> db.inTransaction(inner -> 1)))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside another transaction");
    }
  }

  @Test
  void h2Url_isRefused_withTheWayToMove() {
    assertThatThrownBy(() -> Database.open("jdbc:h2:file:/var/lib/relay247/relay247-fr;MODE=PostgreSQL", "",
        Optional.empty(), 2)).isInstanceOf(StoreException.class)
        .hasMessageContaining("H2 databases are no longer supported")
        .hasMessageContaining("docs/deployment.md (\"Moving from H2\")")
        .hasMessageContaining("jdbc:h2:file:/var/lib/relay247/relay247-fr");
  }

  @Test
  void walCheckpoints_leaveTheCommitPath_andStillReachTheDatabaseFile() throws Exception {
    try (Database db = sqlite()) {
      // 0: no commit of the writer copies the WAL back (SQLite's default does at 1,000 pages).
      assertThat(inWriter(db, "PRAGMA wal_autocheckpoint")).isEqualTo("0");
      db.inTransaction(c -> c.createStatement().executeUpdate("CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB)"));
      Path file = dir.resolve("sub/node.db");
      long before = Files.size(file);
      for (int i = 0; i < 20; i++) {
        int k = i;
        db.inTransaction(c -> {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
            ps.setInt(1, k);
            ps.setBytes(2, new byte[64 * 1024]);
            return ps.executeUpdate();
          }
        });
      }

      // The checkpointer, beside the writer, copies the 1.25 MiB from the WAL into the file.
      await().atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(Files.size(file)).isGreaterThan(before + 20 * 64 * 1024));
    }
  }

  @Test
  void onANewStore_cancellingATracksTimerUsesTheTrackIndex_andTheSweepTheActiveDueIndex() {
    String cancel = "EXPLAIN QUERY PLAN UPDATE case_timer SET status = 'CANCELLED'"
        + " WHERE track_id = 't-1' AND name = 'reply' AND status = 'ACTIVE'";
    String sweep = "EXPLAIN QUERY PLAN SELECT id FROM case_timer WHERE status = 'ACTIVE' AND due_at <= 5"
        + " ORDER BY due_at, id LIMIT 10";
    try (Database db = sqlite()) {
      // No planner statistics yet: the plan must not depend on them (before V11 the cancel walked
      // every active timer of the node through case_timer_due until the first PRAGMA optimize).
      assertThat(statistics(db, "case_timer")).isZero();
      assertThat(plan(db, cancel)).contains("case_timer_track").doesNotContain("case_timer_due");
      assertThat(plan(db, sweep)).contains("case_timer_due");
    }
  }

  @Test
  void onANewStore_theDeadlineSweepReadsTheOverdueEntriesThroughTheirPartialIndex_notEveryPendingOne() {
    try (Database db = sqlite()) {
      // Without statistics SQLite preferred outbox_pending (state = ?), which visits every pending row.
      assertThat(statistics(db, "outbox")).isZero();
      assertThat(plan(db, "EXPLAIN QUERY PLAN " + OutboxStore.overdueQuery(Database.Vendor.SQLITE)))
          .contains("outbox_overdue (deadline_at<?)").doesNotContain("outbox_pending");
    }
  }

  @Test
  void aTransactionChangingMoreThan64KiBOfPages_journalsItsSavepointInMemory_notInATemporaryFile() {
    Path fds = Path.of("/proc/self/fd");
    assumeTrue(Files.isDirectory(fds), "needs /proc (Linux)");
    try (Database db = sqlite()) {
      db.inTransaction(c -> c.createStatement().executeUpdate("CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB)"));
      db.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (k, v) VALUES (?, zeroblob(3000))")) {
          for (int k = 0; k < 64; k++) {
            ps.setInt(1, k);
            ps.executeUpdate();
          }
        }
        return null;
      });

      // Rewriting 64 committed pages inside the transaction's savepoint journals their old
      // content (256 KiB): before temp_store = MEMORY, SQLite spilled it past 64 KiB to an
      // unlinked file of its temporary directory, open until the savepoint's end.
      List<String> spilled = db.inTransaction(c -> {
        c.createStatement().executeUpdate("UPDATE t SET v = zeroblob(3001)");
        return sqliteTemporaryFilesOpen(fds);
      });

      assertThat(spilled).isEmpty();
      assertThat(inReader(db, "SELECT COUNT(*) FROM t WHERE length(v) = 3001")).isEqualTo("64");
    }
  }

  @Test
  void asTablesGrow_theWriterRefreshesPlannerStatistics() {
    try (Database db = sqlite()) {
      db.inTransaction(c -> c.createStatement().executeUpdate(
          "INSERT INTO case_file (case_id, opened_at) VALUES ('c-1', 0)"));
      assertThat(statistics(db, "case_timer")).isZero();
      for (long i = 0; i < GroupCommit.OPTIMIZE_EVERY; i++) {
        long n = i;
        db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO case_timer (case_id, track_id, name,"
            + " urgency, article, started_at, due_at, status) VALUES ('c-1', 't-" + n + "', 'reply', 'URGENT',"
            + " '9', 0, " + n + ", 'ACTIVE')"));
      }

      assertThat(statistics(db, "case_timer")).isPositive();
    }
  }

  /** The files this process holds open under SQLite's temporary-file prefix. */
  private static List<String> sqliteTemporaryFilesOpen(Path fds) {
    List<String> open = new ArrayList<>();
    try (Stream<Path> links = Files.list(fds)) {
      for (Path fd : links.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.contains("etilqs_")) {
            open.add(target);
          }
        } catch (IOException closedMeanwhile) {
          // an fd of another thread, closed between the listing and the read
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return open;
  }

  /** Rows of sqlite_stat1 about {@code table} (0 when sqlite_stat1 does not exist yet). */
  private static int statistics(Database db, String table) {
    return db.inTransaction(c -> {
      try (ResultSet t = c.createStatement().executeQuery(
          "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")) {
        if (t.next() && t.getInt(1) == 0) {
          return 0;
        }
      }
      try (ResultSet rs = c.createStatement().executeQuery(
          "SELECT count(*) FROM sqlite_stat1 WHERE tbl = '" + table + "'")) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  /** The detail column of EXPLAIN QUERY PLAN, on the writer's connection. */
  private static String plan(Database db, String explain) {
    return db.inTransaction(c -> {
      StringBuilder out = new StringBuilder();
      try (PreparedStatement ps = c.prepareStatement(explain); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.append(rs.getString(4)).append('\n');
        }
      }
      return out.toString();
    });
  }

  private static String pragma(Database db, String name) {
    return inReader(db, "PRAGMA " + name);
  }

  private static String inWriter(Database db, String sql) {
    Database.SqlWork<String> work = c -> value(c, sql);
    return db.inTransaction(work);
  }

  private static String inReader(Database db, String sql) {
    Database.SqlWork<String> work = c -> value(c, sql);
    return db.read(work);
  }

  private static String value(java.sql.Connection c, String sql) throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }
}
