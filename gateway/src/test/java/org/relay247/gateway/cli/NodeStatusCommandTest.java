package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;

/**
 * {@code relay247 node status} outside a cluster and with a bad config; a cluster's members and
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
  void invalidConfig_exits2_withTheKey() throws Exception {
    Path conf = dir.resolve("bad.conf");
    Files.writeString(conf, "relay247.node { }\n");

    CliRun run = CliRun.relay247("node", "status", "--config", conf.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("relay247 node status: invalid configuration: relay247.node.party: missing");
  }
}
