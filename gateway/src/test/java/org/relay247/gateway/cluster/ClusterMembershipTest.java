package org.relay247.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relay247.gateway.TestNetwork;

/** Two members of one Party's cluster on loopback, real Hazelcast. */
class ClusterMembershipTest {
  private int p1;
  private int p2;
  private List<String> members;
  private final List<ClusterMembership> running = new CopyOnWriteArrayList<>();

  @BeforeEach
  void ports() throws Exception {
    p1 = TestNetwork.freePort();
    p2 = TestNetwork.freePort();
    members = List.of("127.0.0.1:" + p1, "127.0.0.1:" + p2);
  }

  @AfterEach
  void stop() {
    running.forEach(ClusterMembership::close);
  }

  private ClusterMembership member(String name, int port) {
    ClusterMembership m = ClusterMembership.join("FR", new ClusterSettings(name, "127.0.0.1", port, members));
    running.add(m);
    return m;
  }

  @Test
  void twoMembers_formOneCluster_andEachKeyIsPreferredByExactlyOne() {
    ClusterMembership a = member("fr-node-1", p1);
    ClusterMembership b = member("fr-node-2", p2);
    await("both members see each other").atMost(Duration.ofSeconds(60))
        .until(() -> a.members().size() == 2 && b.members().size() == 2);
    assertThat(a.members()).containsExactlyInAnyOrder(a.holder(), b.holder());
    assertThat(a.holder()).startsWith("fr-node-1/").isNotEqualTo(b.holder());

    // Chosen from the member list alone: no partition migration to wait for once both see both.
    List<String> keys = IntStream.range(0, 40).mapToObj(i -> "lane:P" + i).toList();
    assertThat(keys).allSatisfy(k -> {
      assertThat(a.prefers(k)).as(k).isNotEqualTo(b.prefers(k));
      assertThat(a.preferredHolder(k)).as(k).isEqualTo(b.preferredHolder(k));
    });
    assertThat(keys.stream().filter(a::prefers).count()).as("work spread over both members").isBetween(1L, 39L);
  }

  @Test
  void hintOfAnEntryStoredOnOneMember_reachesTheOther() {
    ClusterMembership a = member("fr-node-1", p1);
    ClusterMembership b = member("fr-node-2", p2);
    await("both members see each other").atMost(Duration.ofSeconds(60))
        .until(() -> a.members().size() == 2 && b.members().size() == 2);
    List<String> heard = new CopyOnWriteArrayList<>();
    b.onStoredHint(heard::add);

    a.hintStored("DE");

    await("the hint arrives").atMost(Duration.ofSeconds(60)).until(() -> heard.contains("DE"));
    assertThat(heard).containsOnly("DE");
  }

  @Test
  void crashedMember_isReportedToTheOthers_underItsHolderId() {
    ClusterMembership a = member("fr-node-1", p1);
    ClusterMembership b = member("fr-node-2", p2);
    await().atMost(Duration.ofSeconds(60)).until(() -> a.members().size() == 2);
    List<String> departed = new CopyOnWriteArrayList<>();
    a.onDeparture(departed::add);

    b.crash();
    running.remove(b);
    // A bound, not a measurement: detection time is measured by the cluster benchmark.
    await("crash detected").atMost(Duration.ofSeconds(60)).until(() -> departed.contains(b.holder()));
    assertThat(a.members()).containsExactly(a.holder());
  }

  @Test
  void badSettings_areRefusedWithTheExpectedValue() {
    assertThatThrownBy(() -> new ClusterSettings("fr node", "10.0.0.1", 5701, members))
        .hasMessage("cluster.member-name: 'fr node' (expected: 1 to 64 letters, digits, '.', '_' or '-')");
    assertThatThrownBy(() -> new ClusterSettings("fr-1", "10.0.0.1", 0, members))
        .hasMessage("cluster.port: 0 (expected: 1 to 65535)");
    assertThatThrownBy(() -> new ClusterSettings("fr-1", "10.0.0.1", 5701, List.of("10.0.0.2")))
        .hasMessage("cluster.members: '10.0.0.2' (expected: host:port, port 1 to 65535)");
    assertThat(new ClusterSettings("fr-1", "10.0.0.1", 5701, List.of("a:1", "b:1", "c:1")).majority()).isEqualTo(2);
  }
}
