package org.relay247.simulator.bench;

import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.gateway.cluster.ClusterSettings;
import org.relay247.gateway.node.NodeLauncher;
import org.relay247.gateway.store.Database;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Ping;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;
import org.relay247.protocol.v1.SubmitDraftRequest;
import org.relay247.simulator.load.FrCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code relay247 bench cluster}: FR's node as 1, 2 and 3 member processes on a fresh PostgreSQL
 * database each, DE as one more process, all on loopback. Measures the delivered rate of each
 * size under the same closed-loop load (national-API submissions to the members in turn), then,
 * with 3 members under load, the time from SIGKILL and from SIGSTOP of the member holding the
 * lane to DE to the first delivery completed after it (docs/benchmarks.md, "Cluster").
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Delivered rate of FR as 1, 2 and 3 cluster members (processes, one PostgreSQL), and the "
        + "time to resume delivery after SIGKILL and after SIGSTOP of the member delivering to DE.",
        "Creates databases on the PostgreSQL server given (the user needs CREATE DATABASE).",
        "Exit 0 measured, 1 a run failed, 2 usage."})
final class ClusterBenchmark implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--database-url", paramLabel = "URL", defaultValue = "${env:RELAY247_BENCH_PG_URL}",
      description = "The PostgreSQL server, e.g. jdbc:postgresql://127.0.0.1:5432/ (env RELAY247_BENCH_PG_URL).")
  String databaseUrl;

  @Option(names = "--database-user", paramLabel = "USER", defaultValue = "relay247",
      description = "Default: ${DEFAULT-VALUE}.")
  String databaseUser;

  @Option(names = "--database-password-file", paramLabel = "FILE", required = true,
      description = "A file holding the user's password.")
  Path passwordFile;

  @Option(names = "--seconds", paramLabel = "N", defaultValue = "20",
      description = "Length of each rate measurement (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--clients", paramLabel = "N", defaultValue = "8",
      description = "Concurrent national-system clients, each submitting one message at a time (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the network and configs (default: a new temporary directory).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (databaseUrl == null || databaseUrl.isBlank() || !databaseUrl.startsWith("jdbc:postgresql://")
        || !databaseUrl.endsWith("/")) {
      spec.commandLine().getErr().println("relay247 bench cluster: --database-url: \"" + databaseUrl
          + "\" (expected: a PostgreSQL server URL ending in /, e.g. jdbc:postgresql://127.0.0.1:5432/, or"
          + " RELAY247_BENCH_PG_URL)");
      return 2;
    }
    if (seconds < 1 || clients < 1) {
      spec.commandLine().getErr().println("relay247 bench cluster: --seconds and --clients: at least 1");
      return 2;
    }
    Path base = dir != null ? dir : Files.createTempDirectory("relay247-bench-cluster");
    out.printf("relay247 bench cluster: %d s per rate, %d clients, in %s%n", seconds, clients, base);
    for (int members = 1; members <= 3; members++) {
      try (Run run = Run.start(base.resolve("members-" + members), members, this)) {
        out.printf(Locale.ROOT, "%d member(s): %.1f delivered/s%n", members, run.rate(Duration.ofSeconds(seconds)));
        out.flush();
      }
    }
    // Each on a fresh cluster of 3: after one member is gone, a second loss would leave a minority.
    for (boolean hang : new boolean[] {false, true}) {
      try (Run run = Run.start(base.resolve(hang ? "sigstop" : "sigkill"), 3, this)) {
        Thread.sleep(Duration.ofSeconds(seconds).toMillis() / 2);  // under load first
        Resume r = run.resumeAfter(hang);
        out.printf(Locale.ROOT, "resume after %s of the lane holder (3 members): %.2f s (lane:DE taken over at"
            + " %.2f s)%n", hang ? "SIGSTOP" : "SIGKILL", r.firstDelivery(), r.takenOver());
        out.flush();
      }
    }
    return 0;
  }

  /**
   * Seconds from the signal to the takeover of lane:DE (the new lease's {@code acquired_at}: failure
   * detection and the survivor's lease round) and to the first delivery completed after it (adds
   * opening the lane and the first send).
   */
  record Resume(double takenOver, double firstDelivery) {}

  /** One cluster of {@code members} FR members and DE, under load from {@code clients} threads. */
  private static final class Run implements AutoCloseable {
    private final List<NationalApiClient> apis = new ArrayList<>();
    private final List<Thread> load = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private FrCluster cluster;
    private Database frDb;

    static Run start(Path dir, int n, ClusterBenchmark options) throws Exception {
      Run run = new Run();
      try {
        run.launch(dir, n, options);
      } catch (Exception e) {
        run.close();
        throw e;
      }
      return run;
    }

    private void launch(Path dir, int n, ClusterBenchmark o) throws Exception {
      cluster = FrCluster.start(dir, n, new FrCluster.Server(o.databaseUrl, o.databaseUser, o.passwordFile),
          "bench_cluster_", ClusterSettings.DEFAULT_LEASE_TTL);
      frDb = cluster.frDatabase();
      for (String member : cluster.memberNames()) {
        apis.add(cluster.api(member));
      }
      for (int t = 0; t < o.clients; t++) {
        int first = t;
        Thread th = new Thread(() -> submitLoop(first), "bench-client-" + t);
        th.setDaemon(true);
        th.start();
        load.add(th);
      }
    }

    /** Messages completed per second over {@code window}, after a warm-up of half of it. */
    double rate(Duration window) throws Exception {
      Thread.sleep(window.toMillis() / 2);
      Instant from = Instant.now();
      Thread.sleep(window.toMillis());
      Instant to = Instant.now();
      return completedBetween(from, to) / ((to.toEpochMilli() - from.toEpochMilli()) / 1000.0);
    }

    /**
     * Seconds from SIGKILL (or SIGSTOP) of the member holding lane:DE to the first delivery
     * completed under the lease another member took over; a stopped member is continued afterwards.
     */
    Resume resumeAfter(boolean hang) throws Exception {
      long oldEpoch = cluster.leases().find(FrCluster.LANE).orElseThrow().epoch();
      NodeLauncher victim = cluster.member(FrCluster.memberOf(cluster.leases().find(FrCluster.LANE).orElseThrow()));
      Instant signalled = Instant.now();
      if (hang) {
        victim.suspend();
      } else {
        victim.kill();
      }
      try {
        // The victim may still complete a delivery in the instant the signal takes to land: those
        // are not a resumption. Count from the takeover (seen within one 20 ms poll).
        FrCluster.awaitTrue(Duration.ofMinutes(3),
            () -> cluster.leases().find(FrCluster.LANE).orElseThrow().epoch() > oldEpoch, "lane:DE taken over");
        Instant takenOver = Instant.now().minusMillis(20);
        Instant from = takenOver.isAfter(signalled) ? takenOver : signalled;
        FrCluster.awaitTrue(Duration.ofMinutes(3), () -> firstCompletedAfter(from).isPresent(),
            "a delivery completed after the takeover");
        return new Resume((acquiredAt(FrCluster.LANE).toEpochMilli() - signalled.toEpochMilli()) / 1000.0,
            (firstCompletedAfter(from).orElseThrow().toEpochMilli() - signalled.toEpochMilli()) / 1000.0);
      } finally {
        if (hang) {
          victim.resume();
        }
      }
    }

    private void submitLoop(int first) {
      int next = first;
      while (!stopping.get()) {
        String id = MessageIds.next(Clock.systemUTC());
        InnerMessage draft = InnerMessage.newBuilder().setRouting(Routing.newBuilder().setMessageId(id)
            .setRecipient("DE/poc").setPriority(Priority.PRIORITY_URGENT)).setPing(Ping.newBuilder().setNonce(id))
            .build();
        while (!stopping.get()) {
          NationalApiClient api = apis.get(Math.floorMod(next++, apis.size()));
          try {
            api.blocking(Duration.ofSeconds(5)).submitDraft(SubmitDraftRequest.newBuilder().setDraft(draft).build());
            break;
          } catch (StatusRuntimeException e) {
            api.channel().resetConnectBackoff();  // that member is down or hung: the same id to the next one
          }
        }
      }
    }

    private long completedBetween(Instant from, Instant to) {
      return frDb.read(c -> {
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT COUNT(*) FROM outbox WHERE completed_at >= ? AND completed_at < ?")) {
          ps.setLong(1, from.toEpochMilli());
          ps.setLong(2, to.toEpochMilli());
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        }
      });
    }

    private Instant acquiredAt(String lease) {
      return frDb.read(c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT acquired_at FROM lease WHERE name = ?")) {
          ps.setString(1, lease);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Instant.ofEpochMilli(rs.getLong(1));
          }
        }
      });
    }

    private Optional<Instant> firstCompletedAfter(Instant t) {
      return frDb.read(c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(completed_at) FROM outbox WHERE completed_at > ?")) {
          ps.setLong(1, t.toEpochMilli());
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            long v = rs.getLong(1);
            return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(v));
          }
        }
      });
    }

    @Override
    public void close() throws Exception {
      stopping.set(true);
      for (Thread t : load) {
        t.join(10_000);
      }
      apis.forEach(NationalApiClient::close);
      if (cluster != null) {
        cluster.close();
      }
    }
  }
}
