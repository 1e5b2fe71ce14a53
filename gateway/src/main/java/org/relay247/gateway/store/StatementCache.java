package org.relay247.gateway.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The SQLite writer's prepared statements, kept for the next transaction that asks for the same
 * SQL. SQLite compiles a statement at every {@code prepareStatement} (about ten per message and
 * node, 0.4 ms of CPU per emergency round trip in a profile: docs/benchmarks.md), and the one
 * writing connection runs the same few statements all day; HikariCP does not cache statements and
 * the writer is not pooled anyway.
 *
 * <p>The transactions see {@link #connection()}: its {@code prepareStatement(sql)} hands out the
 * kept statement when it is free, and a statement's {@code close()} gives it back (its open
 * result set closed, its parameters and batch cleared) instead of finalizing it. A statement
 * asked for while its SQL is already in use (a nested query), beyond {@link #MAX_STATEMENTS}
 * kept, or after one of its calls threw, is an ordinary one, closed for real. Every other call
 * goes to the real connection and statement. Used by one thread at a time (the holder of the
 * writer's lock), so nothing here is synchronized.
 */
final class StatementCache implements AutoCloseable {
  /** Distinct SQL texts kept; the node's writer uses a few dozen. */
  static final int MAX_STATEMENTS = 256;

  private final Connection real;
  private final Connection connection;
  private final Map<String, Kept> kept = new HashMap<>();

  StatementCache(Connection real) {
    this.real = real;
    this.connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, this::onConnection);
  }

  /** The writer connection as transactions use it. */
  Connection connection() {
    return connection;
  }

  /** Finalizes every kept statement (before the connection closes). */
  @Override
  public void close() {
    for (Kept k : kept.values()) {
      try {
        k.statement.close();
      } catch (SQLException ignored) {
        // Closing: the connection's close finalizes what is left.
      }
    }
    kept.clear();
  }

  private Object onConnection(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
      return prepare((String) args[0]);
    }
    return invoke(real, method, args);
  }

  private PreparedStatement prepare(String sql) throws SQLException {
    Kept k = kept.get(sql);
    if (k == null && kept.size() < MAX_STATEMENTS) {
      k = new Kept(sql, real.prepareStatement(sql));
      kept.put(sql, k);
    }
    if (k == null || k.inUse) {
      return real.prepareStatement(sql);
    }
    k.inUse = true;
    return k.proxy;
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** One kept statement and the proxy its users get. */
  private final class Kept implements InvocationHandler {
    final String sql;
    final PreparedStatement statement;
    final PreparedStatement proxy;
    boolean inUse;
    ResultSet lastResults;

    Kept(String sql, PreparedStatement statement) {
      this.sql = sql;
      this.statement = statement;
      this.proxy = (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
          new Class<?>[] {PreparedStatement.class}, this);
    }

    @Override
    public Object invoke(Object p, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> p == args[0];
          case "hashCode" -> System.identityHashCode(p);
          default -> "kept " + statement;
        };
      }
      switch (method.getName()) {
        case "close":
          giveBack();
          return null;
        case "isClosed":
          return !inUse || statement.isClosed();
        default:
          break;
      }
      if (!inUse) {
        throw new SQLException("statement is closed");
      }
      try {
        Object result = StatementCache.invoke(statement, method, args);
        if (result instanceof ResultSet rs) {
          lastResults = rs;
        }
        return result;
      } catch (Throwable t) {
        // A statement that failed is not trusted again: the next user gets a fresh one.
        kept.remove(sql);
        inUse = false;
        statement.close();
        throw t;
      }
    }

    private void giveBack() throws SQLException {
      if (!inUse) {
        return;
      }
      inUse = false;
      try {
        if (lastResults != null && !lastResults.isClosed()) {
          lastResults.close();
        }
        lastResults = null;
        statement.clearParameters();
        statement.clearBatch();
      } catch (SQLException e) {
        kept.remove(sql);
        statement.close();
        throw e;
      }
    }
  }
}
