package org.relay247.gateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.relay247.pki.Password;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The node's database, migrated by Flyway at open: an SQLite file (the embedded default) or
 * PostgreSQL (production, clusters). The database is the source of truth for every message.
 *
 * <p><b>SQLite</b> runs with a WAL journal, {@code synchronous=FULL} (a commit is on disk when
 * {@link #inTransaction} returns), foreign keys on and a busy timeout. It has one writer: every
 * transaction goes through a {@link GroupCommit} thread that owns the only writing connection and
 * commits the transactions queued meanwhile together (one fsync for many). Reads use a separate
 * pool of connections that WAL lets run beside the writer. The WAL is copied back into the
 * database file by a {@link WalCheckpointer} beside the writer, never inside a commit; once the
 * WAL passes a limit, the writer truncates it between two groups, so it stays bounded while
 * readers never stop. The writer keeps the query planner's statistics current as the tables
 * grow. <b>PostgreSQL</b> gets one pool for both.
 *
 * <p>An H2 URL (the store before SQLite) is refused with the way to move (docs/deployment.md).
 */
public final class Database implements AutoCloseable {
  /** The stores a node runs on. */
  public enum Vendor {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    Vendor(String folder) {
      this.folder = folder;
    }

    /** The vendor of a JDBC URL, or a StoreException naming the URLs accepted. */
    static Vendor of(String url) {
      if (url.startsWith("jdbc:sqlite:")) {
        return SQLITE;
      }
      if (url.startsWith("jdbc:postgresql:")) {
        return POSTGRESQL;
      }
      if (url.startsWith("jdbc:h2:")) {
        throw new StoreException(H2_REFUSED + redact(url), null);
      }
      throw new StoreException("unsupported database URL " + redact(url)
          + " (expected: jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB)", null);
    }
  }

  /** How long a connection waits for a lock another process holds (the CLI beside the node). */
  static final int BUSY_TIMEOUT_MS = 10_000;
  /**
   * The default size at which the writer truncates the SQLite WAL (setting
   * {@code database.wal-limit}); also the size a WAL started over is trimmed to.
   */
  public static final long DEFAULT_WAL_LIMIT = 64L * 1024 * 1024;
  /** Rows ANALYZE reads per index when the planner's statistics are refreshed. */
  static final int ANALYSIS_LIMIT = 1000;

  static final String H2_REFUSED = "H2 databases are no longer supported (the embedded store is SQLite);"
      + " move this node's data with the one-off procedure in docs/deployment.md"
      + " (\"Moving from H2\"), then point relay247.node.database.url at the new database: ";

  private final Vendor vendor;
  private final HikariDataSource pool;
  private final Optional<GroupCommit> writer;
  private final Optional<WalCheckpointer> checkpointer;
  private final java.util.concurrent.atomic.AtomicLong pooledCommits = new java.util.concurrent.atomic.AtomicLong();

  /**
   * Write transactions committed ({@link #inTransaction} calls that returned) and the commits made
   * for them: equal on PostgreSQL, fewer commits on SQLite, where the group commit shares them.
   */
  public record Commits(long transactions, long commits) {}

  private Database(Vendor vendor, HikariDataSource pool, Optional<GroupCommit> writer,
      Optional<WalCheckpointer> checkpointer) {
    this.vendor = vendor;
    this.pool = pool;
    this.writer = writer;
    this.checkpointer = checkpointer;
  }

  /**
   * Opens {@code url} and migrates the schema (the portable {@code db/migration} and the vendor's
   * {@code db/vendor/sqlite} or {@code db/vendor/postgresql}).
   *
   * @param poolSize connections of the pool (on SQLite: the readers; the writer is one more)
   * @throws StoreException naming the (redacted) URL when the database cannot be reached or
   *     migrated, or is an H2 URL (with how to move)
   */
  public static Database open(String url, String user, Optional<Password> password, int poolSize) {
    return open(url, user, password, poolSize, DEFAULT_WAL_LIMIT);
  }

  /**
   * {@link #open(String, String, Optional, int)} with the size at which the SQLite writer
   * truncates the WAL ({@link WalCheckpointer}; ignored on PostgreSQL).
   *
   * @param walLimitBytes positive
   */
  public static Database open(String url, String user, Optional<Password> password, int poolSize,
      long walLimitBytes) {
    return open(url, user, password, poolSize, walLimitBytes, Optional.empty());
  }

  /**
   * {@link #open(String, String, Optional, int, long)} where, on PostgreSQL, the server ends any
   * session of this node that stays idle inside a transaction for longer than {@code idleInTransaction}
   * (a cluster member passes its lease term). A member hung mid-transaction (SIGSTOP, a stalled VM)
   * would otherwise keep its row locks, the lease row's among them, and the member taking its
   * work over would wait on them for as long as the hang lasts. Ignored on SQLite (one node only).
   */
  public static Database open(String url, String user, Optional<Password> password, int poolSize,
      long walLimitBytes, Optional<Duration> idleInTransaction) {
    if (walLimitBytes <= 0) {
      throw new IllegalArgumentException("walLimitBytes must be positive: " + walLimitBytes);
    }
    Vendor vendor = Vendor.of(url);
    return vendor == Vendor.SQLITE
        ? openSqlite(url, poolSize, walLimitBytes)
        : openPostgres(url, user, password, poolSize, idleInTransaction);
  }

  private static Database openPostgres(String url, String user, Optional<Password> password, int poolSize,
      Optional<Duration> idleInTransaction) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    idleInTransaction.ifPresent(d ->
        config.setConnectionInitSql("SET idle_in_transaction_session_timeout = " + Math.max(1, d.toMillis())));
    if (!user.isBlank()) {
      config.setUsername(user);
    }
    password.ifPresent(p -> config.setPassword(new String(p.chars())));
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("relay247-db");
    HikariDataSource ds = connect(config, url);
    try {
      migrate(ds, Vendor.POSTGRESQL);
    } catch (RuntimeException e) {
      ds.close();
      throw new StoreException("database migration failed on " + redact(url) + ": " + rootMessage(e), e);
    }
    return new Database(Vendor.POSTGRESQL, ds, Optional.empty(), Optional.empty());
  }

  private static Database openSqlite(String url, int poolSize, long walLimitBytes) {
    Optional<Path> file = file(url);
    file.ifPresent(f -> createParentDirectory(f, url));
    // Migrated on a connection of its own before the writer starts: Flyway may ask for a second
    // connection, which a writer of one would never give it.
    SQLiteDataSource plain = sqlite(url);
    try {
      migrate(plain, Vendor.SQLITE);
    } catch (RuntimeException e) {
      throw new StoreException("database migration failed on " + redact(url) + ": " + rootMessage(e), e);
    }
    HikariConfig config = new HikariConfig();
    config.setDataSource(sqlite(url));
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("relay247-db-read");
    HikariDataSource readers = connect(config, url);
    WalCheckpointer checkpointer = null;
    GroupCommit writer;
    try {
      Connection w = sqlite(url).getConnection();
      try (Statement s = w.createStatement()) {
        // The checkpointer copies the WAL back, not the commit that crosses 1,000 pages.
        s.execute("PRAGMA wal_autocheckpoint = 0");
        s.execute("PRAGMA journal_size_limit = " + walLimitBytes);
        s.execute("PRAGMA analysis_limit = " + ANALYSIS_LIMIT);
        // Each transaction of a group runs in a savepoint, whose journal of changed pages SQLite
        // spills past 64 KiB to a temporary file created and unlinked for each group (thousands of
        // file creations and writes a second under load). In memory it is emptied at each
        // savepoint's release; nothing durable depends on it (the WAL holds the commits).
        s.execute("PRAGMA temp_store = MEMORY");
        // Statistics of a database that grew while it was closed (nothing on a new one).
        s.execute("PRAGMA optimize = 0x10002");
      }
      Optional<Path> wal = file.map(f -> Path.of(f + "-wal"));
      checkpointer = WalCheckpointer.start(sqlite(url).getConnection(), wal, walLimitBytes);
      writer = GroupCommit.start(w, checkpointer::afterCommit);
    } catch (SQLException e) {
      if (checkpointer != null) {
        checkpointer.close();
      }
      readers.close();
      throw new StoreException("cannot open " + redact(url) + ": " + e.getMessage(), e);
    }
    return new Database(Vendor.SQLITE, readers, Optional.of(writer), Optional.of(checkpointer));
  }

  /** The database file of an SQLite URL, or empty for an in-memory database. */
  private static Optional<Path> file(String url) {
    String path = url.substring("jdbc:sqlite:".length());
    path = path.startsWith("file:") ? path.substring("file:".length()) : path;
    int query = path.indexOf('?');
    path = query < 0 ? path : path.substring(0, query);
    if (path.isEmpty() || path.startsWith(":memory:")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(path).toAbsolutePath());
  }

  /** SQLite creates the file but not its directory (a fresh data-dir). */
  private static void createParentDirectory(Path file, String url) {
    Path parent = file.getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StoreException("cannot create the directory of " + redact(url) + ": " + e.getMessage(), e);
    }
  }

  /** The settings every SQLite connection of a node gets (the journal mode is the file's). */
  private static SQLiteDataSource sqlite(String url) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    // DEFERRED (the default) on purpose: sqlite-jdbc begins the next transaction as soon as one
    // commits, and an IMMEDIATE one would hold the write lock between groups, shutting out the CLI.
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl(url);
    return ds;
  }

  private static HikariDataSource connect(HikariConfig config, String url) {
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to " + redact(url) + ": " + rootMessage(e), e);
    }
  }

  private static void migrate(DataSource ds, Vendor vendor) {
    Flyway.configure().dataSource(ds)
        .locations("classpath:db/migration", "classpath:db/vendor/" + vendor.folder).load().migrate();
  }

  public Vendor vendor() {
    return vendor;
  }

  /**
   * The read pool (on SQLite it cannot write while the node runs: the writer holds the lock most
   * of the time, and a second writer would wait out the busy timeout). For tests and tools.
   */
  public DataSource dataSource() {
    return pool;
  }

  /**
   * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. When
   * this returns, the commit is durable (survives the process being killed or the machine losing
   * power): PostgreSQL's commit is, and on SQLite the group commit returns only after its fsync.
   * On SQLite, {@code work} runs on the writer thread, between other callers' work in the same
   * transaction (each in a savepoint of its own); it must not start another transaction.
   */
  public <T> T inTransaction(SqlWork<T> work) {
    return inTransaction(work, () -> { });
  }

  /**
   * As {@link #inTransaction(SqlWork)}; once the commit is durable, and only if it is, runs
   * {@code onDurable} (on SQLite on the writer thread, before the caller is woken: quick, no
   * database use) and then returns.
   */
  public <T> T inTransaction(SqlWork<T> work, Runnable onDurable) {
    if (writer.isPresent()) {
      return writer.get().run(work, onDurable);
    }
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        pooledCommits.incrementAndGet();
        GroupCommit.runDurable(onDurable);
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }

  /** Transactions waiting for the SQLite writer (0 on PostgreSQL). */
  int queuedTransactions() {
    return writer.map(GroupCommit::queued).orElse(0);
  }

  /** The commits made so far (docs/architecture.md: transactions and fsyncs per message). */
  public Commits commits() {
    return writer.map(w -> new Commits(w.transactions(), w.commits()))
        .orElseGet(() -> new Commits(pooledCommits.get(), pooledCommits.get()));
  }

  /**
   * Makes every commit visible so far durable. Nothing to do on either store (a commit is visible
   * only once durable); kept for callers that answer on the strength of a row another transaction
   * committed (a duplicate's original receipt, an idempotent resubmission), so the guarantee is
   * stated where it is relied on.
   */
  public void flushCommitted() {
    // SQLite (synchronous=FULL, one writer) and PostgreSQL show a commit only after its fsync.
  }

  /** Runs read-only {@code work} (nothing to make durable), beside the writer. */
  public <T> T read(SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(true);
      if (vendor == Vendor.SQLITE) {
        // sqlite-jdbc fixes read-only when the connection opens; WAL readers do not block the writer.
        return work.run(c);
      }
      c.setReadOnly(true);
      try {
        return work.run(c);
      } finally {
        c.setReadOnly(false);
      }
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }

  /**
   * Runs read-only {@code work} on one consistent snapshot of the database (REPEATABLE READ on
   * PostgreSQL; a read transaction on SQLite, beside the writer), e.g. to verify a hash chain
   * while appends go on.
   */
  public <T> T readConsistent(SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (vendor == Vendor.POSTGRESQL) {
          c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
        return work.run(c);
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }

  /**
   * {@code " FOR UPDATE"} where a row lock exists (PostgreSQL), else {@code ""} (SQLite: the one
   * writer already serializes every transaction).
   */
  public String forUpdate() {
    return vendor == Vendor.POSTGRESQL ? " FOR UPDATE" : "";
  }

  /** A unit of JDBC work. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Whether this SQL error is a unique-key violation (SQLState 23505 on PostgreSQL; a PRIMARY KEY
   * or UNIQUE constraint result code on SQLite).
   */
  static boolean isDuplicateKey(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
        return true;
      }
      if (t instanceof SQLiteException s && (s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
          || s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    checkpointer.ifPresent(WalCheckpointer::close);
    writer.ifPresent(GroupCommit::close);
    pool.close();
  }

  static String redact(String url) {
    return url.replaceAll("(?i)password=[^;&]*", "password=***");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
