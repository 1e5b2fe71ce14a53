import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;

/**
 * The latency of one durable commit of one row on this disk, with the node's SQLite settings (WAL,
 * synchronous=FULL): the floor under each of the three commits an emergency round trip waits for
 * (docs/benchmarks.md, "Where the speed targets stand"). Run from the repository root after
 * {@code ./mvnw -o -q -pl simulator -am package -DskipTests}:
 *
 * <pre>java -cp "simulator/target/lib/*" scripts/SqliteCommitLatency.java 2000 /tmp/commit-latency.db</pre>
 */
public class SqliteCommitLatency {
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: SqliteCommitLatency COMMITS FILE (FILE is deleted first)");
      System.exit(2);
    }
    int commits = Integer.parseInt(args[0]);
    new File(args[1]).delete();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[1])) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, b BLOB)");
      }
      c.setAutoCommit(false);
      byte[] envelopeSized = new byte[5_000];
      int warmUp = 100;
      long[] nanos = new long[commits];
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO t(b) VALUES (?)")) {
        for (int i = 0; i < warmUp + commits; i++) {
          long start = System.nanoTime();
          insert.setBytes(1, envelopeSized);
          insert.executeUpdate();
          c.commit();
          if (i >= warmUp) {
            nanos[i - warmUp] = System.nanoTime() - start;
          }
        }
      }
      Arrays.sort(nanos);
      System.out.printf("durable single-row commits: n=%d p50=%.3f ms p90=%.3f ms mean=%.3f ms%n", commits,
          nanos[commits / 2] / 1e6, nanos[commits * 9 / 10] / 1e6, Arrays.stream(nanos).average().orElse(0) / 1e6);
    }
  }
}
