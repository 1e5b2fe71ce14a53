package org.relay247.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCacheTest {
  private static final String INSERT = "INSERT INTO t (k, v) VALUES (?, ?)";
  private static final String SELECT = "SELECT v FROM t WHERE k >= ? ORDER BY k";

  @TempDir Path dir;
  private Connection real;
  private StatementCache cache;
  private Connection c;

  @BeforeEach
  void open() throws SQLException {
    real = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
    real.setAutoCommit(false);
    try (Statement s = real.createStatement()) {
      s.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)");
    }
    real.commit();
    cache = new StatementCache(real);
    c = cache.connection();
  }

  @AfterEach
  void close() throws SQLException {
    cache.close();
    real.close();
  }

  @Test
  void sameSqlInALaterTransaction_getsTheStatementCompiledBefore() throws SQLException {
    PreparedStatement first;
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      insert(ps, 1, "a");
      first = ps.unwrap(PreparedStatement.class);
    }
    real.commit();

    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      insert(ps, 2, "b");
      assertThat(ps.unwrap(PreparedStatement.class)).isSameAs(first);
    }
    real.commit();
    assertThat(values(1)).isEqualTo("a,b");
  }

  @Test
  void sameSqlWhileInUse_getsAStatementOfItsOwn() throws SQLException {
    insertAll();
    StringBuilder pairs = new StringBuilder();
    try (PreparedStatement outer = c.prepareStatement(SELECT)) {
      outer.setInt(1, 2);
      try (ResultSet rs = outer.executeQuery()) {
        while (rs.next()) {
          try (PreparedStatement inner = c.prepareStatement(SELECT)) {
            assertThat(inner.unwrap(PreparedStatement.class)).isNotSameAs(outer.unwrap(PreparedStatement.class));
            inner.setInt(1, 3);
            try (ResultSet in = inner.executeQuery()) {
              in.next();
              pairs.append(rs.getString(1)).append(in.getString(1)).append(' ');
            }
          }
        }
      }
    }

    assertThat(pairs.toString()).isEqualTo("bc cc ");
  }

  @Test
  void statementGivenBack_withItsResultsOpen_isResetAndForgetsItsParameters() throws SQLException {
    insertAll();
    PreparedStatement ps = c.prepareStatement(SELECT);
    ps.setInt(1, 1);
    ResultSet left = ps.executeQuery();
    left.next();
    ps.close();

    assertThat(ps.isClosed()).isTrue();
    assertThat(left.isClosed()).isTrue();
    // The reader left nothing in progress: the writer's transaction still commits.
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      insert(insert, 4, "d");
    }
    real.commit();
    try (PreparedStatement again = c.prepareStatement(INSERT)) {
      again.setInt(1, 5);
      // v was not set this time: NULL, refused by the column, not the "a" of an earlier use.
      assertThatThrownBy(again::executeUpdate).isInstanceOf(SQLException.class).hasMessageContaining("NOT NULL");
    }
  }

  @Test
  void statementWhoseCallFailed_isReplacedByAFreshOne() throws SQLException {
    insertAll();
    PreparedStatement failed;
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      failed = ps.unwrap(PreparedStatement.class);
      assertThatThrownBy(() -> insert(ps, 1, "again")).isInstanceOf(SQLException.class);
    }

    assertThat(failed.isClosed()).isTrue();
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      assertThat(ps.unwrap(PreparedStatement.class)).isNotSameAs(failed);
      insert(ps, 9, "z");
    }
    real.commit();
    assertThat(values(1)).isEqualTo("a,b,c,z");
  }

  @Test
  void beyondTheLimit_statementsAreOrdinaryAndClosedForReal() throws SQLException {
    for (int i = 0; i < StatementCache.MAX_STATEMENTS; i++) {
      c.prepareStatement("SELECT " + i).close();
    }
    PreparedStatement extra = c.prepareStatement("SELECT 'one too many'");
    PreparedStatement realExtra = extra.unwrap(PreparedStatement.class);
    extra.close();

    assertThat(realExtra.isClosed()).isTrue();
    PreparedStatement kept = c.prepareStatement("SELECT 0");
    assertThat(kept.unwrap(PreparedStatement.class).isClosed()).isFalse();
    kept.close();
  }

  @Test
  void closedStatement_refusesFurtherUse() throws SQLException {
    PreparedStatement ps = c.prepareStatement(SELECT);
    ps.close();

    assertThatThrownBy(() -> ps.setInt(1, 1)).isInstanceOf(SQLException.class).hasMessage("statement is closed");
  }

  private void insertAll() throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      insert(ps, 1, "a");
      insert(ps, 2, "b");
      insert(ps, 3, "c");
    }
    real.commit();
  }

  private static void insert(PreparedStatement ps, int k, String v) throws SQLException {
    ps.setInt(1, k);
    ps.setString(2, v);
    ps.executeUpdate();
  }

  private String values(int from) throws SQLException {
    try (PreparedStatement ps = real.prepareStatement("SELECT group_concat(v) FROM (" + SELECT + ")")) {
      ps.setInt(1, from);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
