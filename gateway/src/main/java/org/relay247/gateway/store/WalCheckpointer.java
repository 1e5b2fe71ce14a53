package org.relay247.gateway.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an SQLite WAL copied back into the database file and bounded in size, so that no commit
 * pays for the copy and the WAL does not grow with the number of commits.
 *
 * <p>SQLite's own automatic checkpoint runs inside the commit that crosses its threshold (1,000
 * pages): the writer, and every caller of its group, would wait for the pages to be copied and the
 * database file to be synced. The writer turns that off ({@code wal_autocheckpoint=0}); this runs
 * a PASSIVE checkpoint on a connection of its own once a second when there were commits, which
 * blocks neither the writer nor readers.
 *
 * <p>A PASSIVE checkpoint never waits, so while readers are continuously active the WAL is never
 * both fully copied and free of readers, and the writer never starts it over: it grows without
 * end (246 MB in a load run). So after every group commit {@link GroupCommit} calls
 * {@link #afterCommit} on its own thread, with its connection idle; once the WAL file has reached
 * the limit, that runs a TRUNCATE checkpoint there: it copies the rest, waits (up to the busy
 * timeout) for the readers still on the old WAL, which in this store are short, and empties the
 * file, so the next group starts at its beginning. The WAL therefore stays under the limit plus
 * one group's pages. If readers hold on past the busy timeout, the next attempt waits until the
 * WAL has grown by another limit, so a long reader costs the writer one wait per limit, not one
 * per group.
 */
final class WalCheckpointer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
  static final long PERIOD_MS = 1000;

  private final Connection connection;
  /** Empty for an in-memory database (no WAL file to bound). */
  private final Optional<Path> walFile;
  private final long limitBytes;
  private final ScheduledExecutorService timer;
  /** Held by a checkpoint in progress: SQLite lets only one run and would answer another BUSY. */
  private final ReentrantLock running = new ReentrantLock();
  private final AtomicLong commits = new AtomicLong();
  private long checkpointedAt = -1;
  /** Writer thread only: the WAL size at which the next TRUNCATE is tried. */
  private long truncateAt;

  private WalCheckpointer(Connection connection, Optional<Path> walFile, long limitBytes) {
    if (limitBytes <= 0) {
      throw new IllegalArgumentException("WAL limit must be positive: " + limitBytes);
    }
    this.connection = connection;
    this.walFile = walFile;
    this.limitBytes = limitBytes;
    this.truncateAt = limitBytes;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "relay247-db-checkpoint");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts PASSIVE checkpoints on {@code connection} (autocommit, not the writer's) once a second
   * after commits, and bounds {@code walFile} to about {@code limitBytes} through {@link #afterCommit}.
   */
  static WalCheckpointer start(Connection connection, Optional<Path> walFile, long limitBytes) {
    WalCheckpointer w = new WalCheckpointer(connection, walFile, limitBytes);
    w.timer.scheduleWithFixedDelay(w::checkpointIfCommitted, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    return w;
  }

  /**
   * Called by the writer thread after each group, with {@code writer} (its connection) between
   * transactions: truncates the WAL there once it has reached the limit.
   */
  void afterCommit(Connection writer) {
    commits.incrementAndGet();
    long size = walSize();
    if (size < truncateAt) {
      return;
    }
    // A PASSIVE checkpoint in progress ends soon (it never waits); the next group tries again.
    if (!running.tryLock()) {
      return;
    }
    try (Statement s = writer.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
      // (busy, frames in the WAL, frames copied): busy means a reader outlasted the busy timeout.
      boolean busy = rs.next() && rs.getInt(1) != 0;
      truncateAt = busy ? size + limitBytes : limitBytes;
      if (busy) {
        LOG.warn("WAL of {} bytes not truncated: a reader held it past the busy timeout; next attempt at {} bytes",
            size, truncateAt);
      }
    } catch (SQLException e) {
      truncateAt = size + limitBytes;
      LOG.warn("WAL truncation failed: {}", e.getMessage());
    } finally {
      running.unlock();
      endTransaction(writer);
    }
  }

  private long walSize() {
    if (walFile.isEmpty()) {
      return 0;
    }
    try {
      return Files.size(walFile.get());
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      LOG.warn("WAL size unknown: {}", e.getMessage());
      return 0;
    }
  }

  /** The writer runs without autocommit: the pragma leaves a (lock-free) transaction to end. */
  private static void endTransaction(Connection writer) {
    try {
      writer.commit();
    } catch (SQLException e) {
      try {
        writer.rollback();
      } catch (SQLException ignored) {
        // Nothing was written: the next group starts a fresh transaction.
      }
    }
  }

  private void checkpointIfCommitted() {
    long now = commits.get();
    if (now == checkpointedAt) {
      return;
    }
    running.lock();
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(PASSIVE)");
      checkpointedAt = now;
    } catch (SQLException e) {
      // Not fatal: the WAL only grows until a later checkpoint gets through.
      LOG.warn("WAL checkpoint failed: {}", e.getMessage());
    } finally {
      running.unlock();
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
