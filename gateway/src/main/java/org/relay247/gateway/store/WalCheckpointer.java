package org.relay247.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies an SQLite WAL back into the database file beside the writer, so that no commit pays for
 * it. SQLite's own automatic checkpoint runs inside the commit that crosses its threshold (1,000
 * pages): the writer, and every caller of its group, would wait for the pages to be copied and
 * the database file to be synced. The writer turns that off ({@code wal_autocheckpoint=0}); this
 * runs a PASSIVE checkpoint on a connection of its own once a second when there were commits,
 * which neither blocks the writer nor readers. Once a checkpoint has copied the whole WAL and no
 * reader still uses it, the writer's next transaction starts the WAL over from its beginning, so
 * the file does not grow with the number of commits ({@code journal_size_limit} trims it back
 * after a burst).
 */
final class WalCheckpointer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
  static final long PERIOD_MS = 1000;

  private final Connection connection;
  private final LongSupplier commits;
  private final ScheduledExecutorService timer;
  private long checkpointedAt = -1;

  private WalCheckpointer(Connection connection, LongSupplier commits) {
    this.connection = connection;
    this.commits = commits;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "relay247-db-checkpoint");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts checkpointing on {@code connection} (autocommit) whenever {@code commits} moved. */
  static WalCheckpointer start(Connection connection, LongSupplier commits) {
    WalCheckpointer w = new WalCheckpointer(connection, commits);
    w.timer.scheduleWithFixedDelay(w::checkpointIfCommitted, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    return w;
  }

  private void checkpointIfCommitted() {
    long now = commits.getAsLong();
    if (now == checkpointedAt) {
      return;
    }
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(PASSIVE)");
      checkpointedAt = now;
    } catch (SQLException e) {
      // Not fatal: the WAL only grows until a later checkpoint gets through.
      LOG.warn("WAL checkpoint failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdown();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing: nothing of ours is pending on it.
    }
  }
}
