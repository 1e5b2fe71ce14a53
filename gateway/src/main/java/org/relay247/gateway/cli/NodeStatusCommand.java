package org.relay247.gateway.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import org.relay247.gateway.cluster.ClusterSettings;
import org.relay247.gateway.cluster.Lease;
import org.relay247.gateway.cluster.LeaseStore;
import org.relay247.gateway.config.ConfigException;
import org.relay247.gateway.config.NodeConfig;
import org.relay247.gateway.config.NodeConfigLoader;
import org.relay247.gateway.store.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code relay247 node status --config FILE}: the members of this node's cluster and who does what, from the database. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Print the members of this node's cluster and which member holds which work (a delivery lane "
        + "lane:XX per peer Party, timers, retention) under which epoch, until when. Read from the cluster's "
        + "database (the lease table, the source of truth), so it works from any machine that reaches the "
        + "database, with any member's config. A member is alive while it renews its presence lease "
        + "(member:NAME). When fewer than a majority are alive it says what the members alive still do. Exit 0 "
        + "when a majority of the configured members is alive, 1 when not (or the config has no cluster section, "
        + "or the database cannot be read), 2 on an invalid configuration."})
final class NodeStatusCommand implements Callable<Integer> {
  private static final String MEMBER_ROW = "%-16s %-8s %s%n";
  private static final String WORK_ROW = "%-16s %-16s %-6s %s%n";
  private static final String MEMBER = "member:";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "A member's config file.")
  Path config;

  @Override
  public Integer call() {
    NodeConfig cfg;
    try {
      cfg = NodeConfigLoader.load(config);
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("relay247 node status: invalid configuration: " + e.getMessage());
      return 2;
    }
    if (cfg.cluster().isEmpty()) {
      spec.commandLine().getErr().println("relay247 node status: " + config + " has no cluster section (expected:"
          + " relay247.node.cluster, docs/deployment.md \"Cluster\"); a single node has no members to show");
      return 1;
    }
    ClusterSettings cluster = cfg.cluster().get();
    List<Lease> leases;
    try (Database db = Database.open(cfg.databaseUrl(), cfg.databaseUser(), cfg.databasePassword(), 2)) {
      leases = new LeaseStore(db, Clock.systemUTC()).all();
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("relay247 node status: cannot read the cluster's database: " + e.getMessage());
      return 1;
    }
    Instant now = Instant.now();
    var out = spec.commandLine().getOut();
    out.printf("Cluster of %s: %d configured members, a majority is %d%n", cfg.party(), cluster.members().size(),
        cluster.majority());
    out.printf(MEMBER_ROW, "MEMBER", "STATE", "RUN (HOLDER ID)");
    List<String> alive = new java.util.ArrayList<>();
    List<String> gone = new java.util.ArrayList<>();
    for (Lease l : leases) {
      if (l.name().startsWith(MEMBER)) {
        boolean up = l.expiresAt().isAfter(now);
        (up ? alive : gone).add(l.name().substring(MEMBER.length()));
        out.printf(MEMBER_ROW, l.name().substring(MEMBER.length()), up ? "alive" : "gone", l.holder());
      }
    }
    out.printf("%n" + WORK_ROW, "WORK", "MEMBER", "EPOCH", "STATE");
    for (Lease l : leases) {
      if (!l.name().startsWith(MEMBER)) {
        out.printf(WORK_ROW, l.name(), l.holder().substring(0, Math.max(0, l.holder().indexOf('/'))), l.epoch(),
            state(l, now));
      }
    }
    if (alive.size() >= cluster.majority()) {
      return 0;
    }
    out.println();
    out.println(withoutMajority(cluster, alive, gone));
    return 1;
  }

  /** What the members alive do without a majority (the rules of WorkLeases), in plain words. */
  private static String withoutMajority(ClusterSettings cluster, List<String> alive, List<String> gone) {
    String counted = alive.size() + " of " + cluster.members().size() + " members alive (a majority is "
        + cluster.majority() + ")";
    if (alive.isEmpty()) {
      return counted + ": no member does any work; nothing is delivered until members are started.";
    }
    String members = "The members alive (" + String.join(", ", alive) + ")";
    if (alive.size() * 2 == cluster.members().size()) {
      long ttl = cluster.leaseTtl().toMillis();
      return counted + ", exactly half. " + members + " keep the work they hold and go on delivering, and take"
          + " over the work of the members gone (" + (gone.isEmpty() ? "none recorded" : String.join(", ", gone))
          + ") once their leases have expired (lease-ttl " + (ttl % 1000 == 0 ? ttl / 1000 + "s" : ttl + "ms")
          + ") or were released. They do not take work over at once, as a majority would: exactly half cannot tell"
          + " a dead member from one cut off and still working. One more loss stops delivery.";
    }
    return counted + ", a minority. " + members + " do no cluster work: they released every lease and take none"
        + " until a majority is back. Submissions they accept are stored and delivered once it is.";
  }

  private static String state(Lease l, Instant now) {
    if (l.expiresAt().toEpochMilli() == 0) {
      return "released";
    }
    Instant until = l.expiresAt().truncatedTo(ChronoUnit.SECONDS);
    return l.expiresAt().isAfter(now) ? "held until " + until : "expired at " + until + " (holder gone or hung)";
  }
}
