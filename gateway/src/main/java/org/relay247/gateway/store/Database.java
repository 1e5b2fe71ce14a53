package org.relay247.gateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.relay247.pki.Password;

/**
 * The node's database: a HikariCP pool over H2 (file, PostgreSQL mode) or PostgreSQL, migrated by
 * Flyway at open. The database is the source of truth for every message.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;
  private final boolean h2;

  private Database(HikariDataSource pool, boolean h2) {
    this.pool = pool;
    this.h2 = h2;
  }

  /**
   * Opens a pool over {@code url} and migrates the schema. An H2 URL gets the settings that make a
   * commit survive the process being killed ({@link #withH2Durability}).
   *
   * @throws StoreException naming the (redacted) URL when the database cannot be reached or migrated
   */
  public static Database open(String url, String user, Optional<Password> password, int poolSize) {
    boolean h2 = url.startsWith("jdbc:h2:");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(h2 ? withH2Durability(url) : url);
    if (!user.isBlank()) {
      config.setUsername(user);
    }
    password.ifPresent(p -> config.setPassword(new String(p.chars())));
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("relay247-db");
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to " + redact(url) + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw new StoreException("database migration failed on " + redact(url) + ": " + rootMessage(e), e);
    }
    return new Database(ds, h2);
  }

  /**
   * {@code url} with the H2 settings a node needs, unless the URL sets them itself:
   * {@code WRITE_DELAY=0} (no background writer: a commit is written by the CHECKPOINT that
   * follows it, not up to 500 ms later) and {@code REUSE_SPACE=FALSE} (new chunks are appended,
   * never written into space freed by older ones). With space reuse, H2 2.x reopened after a
   * SIGKILL at a version a few commits old, taking rows that had been committed and CHECKPOINTed
   * (the crash-safety test lost one in six to ten runs; a standalone kill loop lost rows in one
   * kill of four). The file then grows while the node runs (docs/deployment.md: compacting it).
   */
  static String withH2Durability(String url) {
    String upper = url.toUpperCase(java.util.Locale.ROOT);
    StringBuilder out = new StringBuilder(url);
    if (!upper.contains(";WRITE_DELAY=")) {
      out.append(";WRITE_DELAY=0");
    }
    if (!upper.contains(";REUSE_SPACE=")) {
      out.append(";REUSE_SPACE=FALSE");
    }
    return out.toString();
  }

  public DataSource dataSource() {
    return pool;
  }

  /**
   * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws.
   * When this returns, the commit survives the process being killed: on H2 a CHECKPOINT writes
   * it out (H2 otherwise keeps recent commits in memory; the crash-safety test lost receipted
   * rows without it). PostgreSQL's commit is durable by itself.
   */
  public <T> T inTransaction(SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        if (h2) {
          try (java.sql.Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
          }
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }

  /**
   * Makes every commit visible so far durable: a CHECKPOINT on H2, nothing on PostgreSQL (where a
   * visible commit is already durable). Call it before answering on the strength of a row another
   * transaction committed (a duplicate's original receipt, an idempotent resubmission): H2 shows a
   * commit before that transaction's own CHECKPOINT has written it, so without this a node could
   * acknowledge a row that a kill then takes away (the crash-safety test caught it).
   */
  public void flushCommitted() {
    if (h2) {
      try (Connection c = pool.getConnection(); java.sql.Statement s = c.createStatement()) {
        s.execute("CHECKPOINT");
      } catch (SQLException e) {
        throw new StoreException(e.getMessage(), e);
      }
    }
  }

  /** Runs read-only {@code work} (nothing to make durable). */
  public <T> T read(SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(true);
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

  /** A unit of JDBC work. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /** Whether this SQL error is a unique-key violation (SQLState class 23505 in both databases). */
  static boolean isDuplicateKey(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    pool.close();
  }

  private static String redact(String url) {
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
