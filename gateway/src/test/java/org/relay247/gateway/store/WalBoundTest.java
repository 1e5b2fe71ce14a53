package org.relay247.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite WAL stays bounded while readers never stop: the situation in which PASSIVE
 * checkpoints alone never let the WAL start over (a load run grew it to 246 MB).
 */
class WalBoundTest {
  private static final long LIMIT = 1024 * 1024;
  private static final int ROW_BYTES = 64 * 1024;
  private static final int ROWS = 320; // 20 MiB

  @TempDir Path dir;

  @Test
  void underContinuousReads_theWalStaysUnderItsLimitPlusOneBatch_andEveryRowIsKept() throws Exception {
    Path file = dir.resolve("node.db");
    Path wal = dir.resolve("node.db-wal");
    try (Database db = Database.open("jdbc:sqlite:" + file, "", Optional.empty(), 2, LIMIT)) {
      db.inTransaction(c -> c.createStatement().executeUpdate("CREATE TABLE filler (k INTEGER PRIMARY KEY, v BLOB)"));
      AtomicBoolean writing = new AtomicBoolean(true);
      List<Throwable> readFailures = new CopyOnWriteArrayList<>();
      CountDownLatch reading = new CountDownLatch(1);
      Thread reader = new Thread(() -> {
        while (writing.get()) {
          try {
            db.read(c -> count(c, "SELECT count(*) FROM filler"));
          } catch (RuntimeException e) {
            readFailures.add(e);
          }
          reading.countDown();
        }
      });
      reader.start();
      reading.await();
      long largestWal = 0;
      try {
        for (int i = 0; i < ROWS; i++) {
          int k = i;
          db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO filler (k, v) VALUES (?, ?)")) {
              ps.setInt(1, k);
              ps.setBytes(2, new byte[ROW_BYTES]);
              return ps.executeUpdate();
            }
          });
          largestWal = Math.max(largestWal, Files.size(wal));
        }
      } finally {
        writing.set(false);
        reader.join();
      }

      // One batch here is one 64 KiB row: 17 pages of 4 KiB plus the b-tree page, each with its
      // frame header; 256 KiB leaves room for that and the WAL header.
      long bound = LIMIT + 256 * 1024;
      assertThat(largestWal).isLessThan(bound);
      assertThat(Files.size(wal)).isLessThan(bound);
      assertThat(readFailures).isEmpty();
      long rows = db.read(c -> count(c, "SELECT count(*) FROM filler"));
      long bytes = db.read(c -> count(c, "SELECT sum(length(v)) FROM filler"));
      assertThat(rows).isEqualTo(ROWS);
      assertThat(bytes).isEqualTo((long) ROWS * ROW_BYTES);
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
