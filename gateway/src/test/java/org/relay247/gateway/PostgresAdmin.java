package org.relay247.gateway;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates throwaway PostgreSQL databases for the test suite's PostgreSQL run. */
final class PostgresAdmin {
  private PostgresAdmin() {}

  static void createDatabase(String baseUrl, String user, String name) throws IOException {
    String password = System.getenv().getOrDefault("RELAY247_TEST_PG_PASSWORD", "relay247");
    try (Connection c = DriverManager.getConnection(baseUrl + "postgres", user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IOException("cannot create PostgreSQL database " + name + " at " + baseUrl + ": " + e.getMessage(), e);
    }
  }
}
