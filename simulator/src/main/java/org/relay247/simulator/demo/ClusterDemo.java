package org.relay247.simulator.demo;

import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.gateway.cli.Relay247Command;
import org.relay247.gateway.cluster.Lease;
import org.relay247.gateway.config.NodeConfig;
import org.relay247.gateway.config.NodeConfigLoader;
import org.relay247.gateway.node.NodeLauncher;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.InboxStore;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.gateway.store.OutboxStore;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.SubmitDraftRequest;
import org.relay247.simulator.load.FrCluster;
import org.relay247.simulator.load.TwoNodes;

/**
 * {@code relay247 demo --cluster N}: FR's node as N member processes on one PostgreSQL database,
 * DE's node as one more process. Sends Art. 9 emergency requests through the members in turn,
 * SIGKILLs the member holding the delivery lane to DE, and shows another member taking the lane
 * over (with 2 members, the survivor is half, not a majority: it waits for the lease to expire)
 * and every request delivered once. Returns 0 when none is lost or duplicated, 1 otherwise.
 */
final class ClusterDemo {
  private static final Duration LEASE_TTL = Duration.ofSeconds(3);
  private static final Duration BOUND = Duration.ofSeconds(120);

  private final int size;
  private final FrCluster.Server server;
  private final Clock clock;
  private final PrintWriter out;
  private final Map<String, String> submittedThrough = new LinkedHashMap<>();

  ClusterDemo(int size, FrCluster.Server server, Clock clock, PrintWriter out) {
    this.size = size;
    this.server = server;
    this.clock = clock;
    this.out = out;
  }

  int run(Path dir) throws Exception {
    out.printf("Relay247 demo --cluster %d: FR's node as %d member processes on one PostgreSQL database, DE's node as"
        + " one more process; starting them (network in %s)...%n", size, size, dir);
    out.flush();
    try (FrCluster cluster = FrCluster.start(dir, size, server, "demo_cluster_", LEASE_TTL)) {
      printProcesses(cluster);
      printStatus(cluster);
      Timeline timeline = new Timeline(out, clock);
      timeline.header();
      for (String member : cluster.memberNames()) {
        String id = submit(cluster, List.of(member));
        awaitDelivered(cluster, timeline, id, "");
      }

      Lease before = cluster.liveLane().orElseThrow();
      String victim = FrCluster.memberOf(before);
      NodeLauncher killed = cluster.member(victim);
      killed.kill();
      Instant killedAt = timeline.step(Duration.ZERO, "FR", "SIGKILL " + victim + " (pid " + killed.pid()
          + "), the member holding " + FrCluster.LANE + " (epoch " + before.epoch() + ")");
      List<String> survivors = cluster.memberNames().stream().filter(m -> !m.equals(victim)).toList();
      if (survivors.size() * 2 == size) {
        timeline.step(Duration.ZERO, "FR", "1 of 2 members alive, exactly half (not a majority): " + survivors.get(0)
            + " takes the lane only once the lease has expired (lease-ttl " + LEASE_TTL.toSeconds() + " s), not at"
            + " once as in a cluster of 3");
      }
      List<String> after = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        after.add(submit(cluster, rotate(survivors, i)));
      }
      FrCluster.awaitTrue(BOUND, () -> cluster.liveLane().filter(l -> l.epoch() > before.epoch()).isPresent(),
          "another member holds " + FrCluster.LANE);
      Lease now = cluster.liveLane().orElseThrow();
      timeline.step(Duration.between(killedAt, clock.instant()), "FR", FrCluster.memberOf(now) + " took "
          + FrCluster.LANE + " over (epoch " + now.epoch() + "; epoch " + before.epoch() + " of " + victim
          + " ended)");
      for (String id : after) {
        awaitDelivered(cluster, timeline, id, " after the SIGKILL");
      }
      printStatus(cluster);
      return summary(cluster, victim, now);
    }
  }

  private void printProcesses(FrCluster cluster) {
    out.println("  database " + server.url() + cluster.database() + " (dropped on exit), lease-ttl "
        + LEASE_TTL.toSeconds() + " s");
    for (String m : cluster.memberNames()) {
      out.printf("  FR  %-5s pid %-8d config %s%n", m, cluster.member(m).pid(), cluster.config(m));
    }
    out.printf("  DE  %-5s pid %-8d config %s%n", "de", cluster.de().pid(), TwoNodes.config(cluster.dir(), TwoNodes.DE));
    out.flush();
  }

  /** What {@code relay247 node status} prints for the cluster, indented. */
  private void printStatus(FrCluster cluster) {
    StringWriter status = new StringWriter();
    var cli = Relay247Command.newCommandLine(clock);
    cli.setOut(new PrintWriter(status, true));
    cli.setErr(new PrintWriter(status, true));
    String config = cluster.config("fr-1").toString();
    cli.execute("node", "status", "--config", config);
    out.println();
    out.println("$ relay247 node status --config " + config);
    status.toString().lines().forEach(l -> out.println("  " + l));
    out.println();
    out.flush();
  }

  /**
   * An Art. 9 emergency request from FR's national system, to the first of {@code members} that
   * acknowledges it; the same message id to the next one when a member does not answer.
   */
  private String submit(FrCluster cluster, List<String> members) throws Exception {
    InnerMessage request = DemoMessages.art9Request("DE/poc");
    String id = MessageIds.next(clock);
    InnerMessage draft = request.toBuilder().setRouting(request.getRouting().toBuilder().setMessageId(id)).build();
    Instant deadline = clock.instant().plus(BOUND);
    for (int i = 0; clock.instant().isBefore(deadline); i++) {
      String member = members.get(i % members.size());
      try (NationalApiClient api = cluster.api(member)) {
        api.blocking(Duration.ofSeconds(5)).submitDraft(SubmitDraftRequest.newBuilder().setDraft(draft).build());
        submittedThrough.put(id, member);
        return id;
      } catch (StatusRuntimeException e) {
        Thread.sleep(200);
      }
    }
    throw new DemoFailure("no member of " + members + " accepted emergency request " + id + " within "
        + BOUND.toSeconds() + " s");
  }

  private void awaitDelivered(FrCluster cluster, Timeline timeline, String id, String note) throws Exception {
    OutboxStore outbox = new OutboxStore(cluster.frDatabase());
    Instant from = clock.instant();
    FrCluster.awaitTrue(BOUND, () -> outbox.find(id).map(e -> e.state() == OutboxEntry.State.DELIVERED)
        .orElse(false), "emergency request " + id + " delivered");
    String lane = cluster.liveLane().map(l -> FrCluster.memberOf(l) + ", epoch " + l.epoch()).orElse("expired");
    timeline.step(Duration.between(from, clock.instant()), "FR", "emergency request " + id + " submitted through "
        + submittedThrough.get(id) + note + ", delivered to DE, DE's signed receipt stored (" + FrCluster.LANE
        + " now: " + lane + ")");
  }

  /** Counts from the databases themselves: each request FR's outbox holds delivered, and DE's inbox. */
  private int summary(FrCluster cluster, String victim, Lease taken) throws Exception {
    OutboxStore outbox = new OutboxStore(cluster.frDatabase());
    NodeConfig deConfig = NodeConfigLoader.load(TwoNodes.config(cluster.dir(), TwoNodes.DE), Map.of());
    long delivered = 0;
    long atDe;
    long lost = 0;
    try (Database deDb = Database.open(deConfig.databaseUrl(), deConfig.databaseUser(), deConfig.databasePassword(),
        1)) {
      InboxStore inbox = new InboxStore(deDb);
      for (String id : submittedThrough.keySet()) {
        boolean done = outbox.find(id).map(e -> e.state() == OutboxEntry.State.DELIVERED).orElse(false)
            && inbox.find(id).isPresent();
        delivered += done ? 1 : 0;
        lost += done ? 0 : 1;
      }
      atDe = inbox.count();
    }
    long duplicated = atDe - delivered;
    out.printf("Done: %d emergency requests submitted through %s; %d delivered to DE (DE holds %d messages), lost %d,"
        + " duplicated %d; %s took %s over after SIGKILL of %s.%n", submittedThrough.size(),
        String.join(", ", cluster.memberNames()), delivered, atDe, lost, duplicated, FrCluster.memberOf(taken),
        FrCluster.LANE, victim);
    out.println("Stopping the member processes and DE, dropping the database.");
    out.flush();
    return lost == 0 && duplicated == 0 ? 0 : 1;
  }

  private static List<String> rotate(List<String> members, int by) {
    List<String> r = new ArrayList<>(members.subList(by % members.size(), members.size()));
    r.addAll(members.subList(0, by % members.size()));
    return r;
  }
}
