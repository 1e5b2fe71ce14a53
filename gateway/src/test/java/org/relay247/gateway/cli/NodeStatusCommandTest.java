package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.cluster.LeaseStore;
import org.relay247.gateway.config.NodeConfig;
import org.relay247.gateway.store.Database;
import org.relay247.pki.PartyCode;

/**
 * {@code relay247 node status} outside a cluster, with a bad config, and for a 2-member cluster with
 * one member gone (its lease rows written as the members would); a running cluster's members and
 * work are shown by {@code ClusterFailoverTest} (PostgreSQL, member processes).
 */
class NodeStatusCommandTest {
  @TempDir Path dir;

  @Test
  void singleNode_hasNoMembersToShow_andExits1() throws Exception {
    TestNetwork.create(dir, "FR", "DE");

    CliRun run = CliRun.relay247("node", "status", "--config", dir.resolve("FR.conf").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("has no cluster section (expected: relay247.node.cluster");
  }

  @Test
  void twoMemberClusterWithOneGone_saysTheSurvivorKeepsItsWork_andTakesTheOthersOnlyOnceExpired() throws Exception {
    Assumptions.assumeTrue(System.getenv().getOrDefault("RELAY247_TEST_DATABASE", "sqlite").equals("postgresql"),
        "a cluster shares one PostgreSQL database: this test runs in the postgresql profile (-Ppostgresql)");
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    Path conf = net.writeConfig(new PartyCode("FR"), "  cluster { member-name = fr-1, bind-address = \"127.0.0.1\","
        + " port = 5801, members = [\"127.0.0.1:5801\", \"127.0.0.1:5802\"], lease-ttl = 6s }");
    NodeConfig fr = net.config(new PartyCode("FR"));
    Instant now = Instant.now();
    try (Database db = Database.open(fr.databaseUrl(), fr.databaseUser(), fr.databasePassword(), 2)) {
      LeaseStore current = new LeaseStore(db, Clock.fixed(now, ZoneOffset.UTC));
      LeaseStore earlier = new LeaseStore(db, Clock.fixed(now.minus(Duration.ofMinutes(10)), ZoneOffset.UTC));
      current.acquire("member:fr-1", "fr-1/run-b", Duration.ofMinutes(10)).orElseThrow();
      current.acquire("lane:DE", "fr-1/run-b", Duration.ofMinutes(10)).orElseThrow();
      earlier.acquire("member:fr-2", "fr-2/run-a", Duration.ofSeconds(6)).orElseThrow();
      earlier.acquire("timers", "fr-2/run-a", Duration.ofSeconds(6)).orElseThrow();
    }

    CliRun run = CliRun.relay247("node", "status", "--config", conf.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).containsPattern("fr-1 +alive +fr-1/run-b").containsPattern("fr-2 +gone +fr-2/run-a")
        .containsPattern("timers +fr-2 +1 +expired at")
        .contains("1 of 2 members alive (a majority is 2), exactly half. The members alive (fr-1) keep the work they"
            + " hold and go on delivering, and take over the work of the members gone (fr-2) once their leases have"
            + " expired (lease-ttl 6s) or were released. They do not take work over at once")
        .doesNotContain("no cluster work");
  }

  @Test
  void invalidConfig_exits2_withTheKey() throws Exception {
    Path conf = dir.resolve("bad.conf");
    Files.writeString(conf, "relay247.node { }\n");

    CliRun run = CliRun.relay247("node", "status", "--config", conf.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("relay247 node status: invalid configuration: relay247.node.party: missing");
  }
}
