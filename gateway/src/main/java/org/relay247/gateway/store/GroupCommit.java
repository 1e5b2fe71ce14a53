package org.relay247.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.relay247.gateway.store.Database.SqlWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of an SQLite database: a thread that owns the only writing connection, takes the
 * transactions callers queue, runs each in a savepoint of one shared transaction, commits them
 * together (one WAL append and one fsync for the lot) and only then returns each caller its
 * result. A caller whose work throws is rolled back to its savepoint alone; the others commit.
 * Every caller, failed or not, is answered after the commit, so a caller that found a row another
 * caller of the same batch inserted (a duplicate key) finds it committed when it looks.
 *
 * <p>Nothing here weakens a commit: a caller returns only once its rows are on disk
 * ({@code synchronous=FULL}); if the commit fails, every caller of the batch gets the failure.
 */
final class GroupCommit implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
  private static final Runnable NOTHING = () -> { };
  /** At most this many transactions per commit, so one batch cannot hold the rest back for long. */
  static final int MAX_BATCH = 256;
  /**
   * Every this many commits the writer refreshes the query planner's statistics
   * ({@code PRAGMA optimize}): without them SQLite may pick a poor index as tables grow (it walked
   * every active case timer through the status index to cancel one track's timer, a cost
   * growing with the number of cases). Cheap when nothing changed much; bounded by
   * {@code analysis_limit} when something did.
   */
  static final long OPTIMIZE_EVERY = 1000;

  private final Connection connection;
  private final Consumer<Connection> afterCommit;
  private final LinkedBlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private volatile boolean closed;
  private long optimizedAt;

  private GroupCommit(Connection connection, Consumer<Connection> afterCommit) {
    this.connection = connection;
    this.afterCommit = afterCommit;
    this.thread = new Thread(this::loop, "relay247-db-writer");
    this.thread.setDaemon(true);
  }

  /**
   * Starts the writer on {@code connection}; {@code afterCommit} runs on the writer thread after
   * every group, with the connection between transactions (the WAL's upkeep, {@link WalCheckpointer}).
   */
  static GroupCommit start(Connection connection, Consumer<Connection> afterCommit) throws SQLException {
    connection.setAutoCommit(false);
    GroupCommit g = new GroupCommit(connection, afterCommit);
    g.thread.start();
    return g;
  }

  /** Runs {@code work} in the next group and returns its result once that group is durable. */
  <T> T run(SqlWork<T> work) {
    return run(work, NOTHING);
  }

  /**
   * As {@link #run(SqlWork)}; once the group is durable, and only if {@code work} committed, the
   * writer runs {@code onDurable} before it answers the callers: what follows the commit (a
   * delivery started) then waits for neither this caller's wake-up nor its thread.
   * {@code onDurable} must be quick and must not use the database; a failure of it is logged.
   */
  <T> T run(SqlWork<T> work, Runnable onDurable) {
    if (Thread.currentThread() == thread) {
      throw new IllegalStateException("a transaction was started inside another transaction (the work of"
          + " Database.inTransaction must use the connection it is given)");
    }
    Job<T> job = new Job<>(work, onDurable);
    synchronized (this) {
      if (closed) {
        throw new StoreException("the database is closed", null);
      }
      queue.add(job);
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return job.done.get();
        } catch (InterruptedException e) {
          // The work is queued and will commit or not whatever this thread does; answering before
          // it has would report a write that may still happen.
          interrupted = true;
        } catch (ExecutionException e) {
          throw rethrow(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Runs what follows a durable commit; its failure is logged, never reported as the commit's. */
  static void runDurable(Runnable onDurable) {
    try {
      onDurable.run();
    } catch (RuntimeException e) {
      LOG.error("after-commit action failed (the commit stands): {}", e.toString());
    }
  }

  /** Transactions waiting for the writer. */
  int queued() {
    return queue.size();
  }

  /** Transactions committed (callers' units of work). */
  long transactions() {
    return transactions.get();
  }

  /** Commits made for them (one fsync of the WAL each). */
  long commits() {
    return commits.get();
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new StoreException(t.getMessage(), t);
  }

  private void loop() {
    List<Job<?>> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        if (closed && queue.isEmpty()) {
          return;
        }
        continue;
      }
      if (batch.get(0) == Job.STOP) {
        return;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      boolean stop = batch.remove(Job.STOP);
      runBatch(batch);
      batch.clear();
      afterCommit.accept(connection);
      if (commits.get() - optimizedAt >= OPTIMIZE_EVERY) {
        optimizedAt = commits.get();
        optimize();
      }
      if (stop) {
        return;
      }
    }
  }

  private void runBatch(List<Job<?>> batch) {
    int ok = 0;
    boolean poisoned = false;
    for (Job<?> job : batch) {
      if (job.runIn(connection)) {
        ok++;
      }
      poisoned |= job.undoFailed;
    }
    try {
      if (poisoned) {
        throw new SQLException("a failed transaction could not be rolled back to its savepoint");
      }
      connection.commit();
      commits.incrementAndGet();
      transactions.addAndGet(ok);
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // The commit's failure is what the callers need to see.
      }
      StoreException failure = new StoreException("commit failed: " + e.getMessage(), e);
      for (Job<?> job : batch) {
        job.failed(failure);
      }
    }
    for (Job<?> job : batch) {
      job.durable();
    }
    for (Job<?> job : batch) {
      job.answer();
    }
  }

  /** Between groups: statistics refreshed in a transaction of their own (not counted as the callers'). */
  private void optimize() {
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA optimize");
      connection.commit();
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // Statistics only: the next attempt starts a fresh transaction.
      }
      LOG.warn("query planner statistics not refreshed: {}", e.getMessage());
    }
  }

  /** Stops taking work, commits what is queued, closes the connection. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(Job.STOP);
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.rollback();
      connection.close();
    } catch (SQLException ignored) {
      // Closing: nothing uncommitted is left to lose.
    }
  }

  private static final class Job<T> {
    static final Job<Void> STOP = new Job<>(c -> null, NOTHING);

    final SqlWork<T> work;
    final Runnable onDurable;
    final CompletableFuture<T> done = new CompletableFuture<>();
    T result;
    Throwable failure;
    boolean undoFailed;

    Job(SqlWork<T> work, Runnable onDurable) {
      this.work = work;
      this.onDurable = onDurable;
    }

    /** After the commit: runs {@code onDurable} if this job's work is in it. */
    void durable() {
      if (failure == null) {
        runDurable(onDurable);
      }
    }

    /** Runs the work in a savepoint; false (and rolled back to it) if it threw. */
    boolean runIn(Connection c) {
      Savepoint sp;
      try {
        sp = c.setSavepoint();
      } catch (SQLException | RuntimeException e) {
        failure = e;
        undoFailed = true;
        return false;
      }
      try {
        result = work.run(c);
        c.releaseSavepoint(sp);
        return true;
      } catch (Throwable e) {
        failure = e;
        try {
          c.rollback(sp);
          c.releaseSavepoint(sp);
        } catch (SQLException | RuntimeException undo) {
          // Its writes may still be in the transaction: the whole group is rolled back.
          e.addSuppressed(undo);
          undoFailed = true;
        }
        return false;
      }
    }

    void failed(StoreException commitFailure) {
      if (failure == null) {
        failure = commitFailure;
      }
    }

    void answer() {
      if (failure == null) {
        done.complete(result);
      } else {
        done.completeExceptionally(failure);
      }
    }
  }
}
