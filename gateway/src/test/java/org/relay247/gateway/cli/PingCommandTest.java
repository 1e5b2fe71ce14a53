package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.node.GatewayNode;

/**
 * {@code relay247 ping} over real mTLS: FR's operator pings; DE's node runs and answers with a signed pong;
 * IT is in the directory but its node is stopped.
 */
class PingCommandTest {
  @TempDir static Path dir;
  private static TestNetwork net;
  private static GatewayNode fr;
  private static GatewayNode de;

  @BeforeAll
  static void start() throws Exception {
    net = TestNetwork.create(dir, "FR", "DE", "IT");
    fr = net.start("FR");
    de = net.start("DE");
  }

  @AfterAll
  static void stop() {
    fr.close();
    de.close();
  }

  @Test
  void pingToARunningParty_isAnsweredWithASignedPong_andNothingIsStored() {
    CliRun run = asFr("ping", "DE", "--timeout", "60s");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("(?m)^DE\\s+yes\\s+\\d+\\.\\d\\s*$").contains("1 of 1 answered");
    assertThat(de.inbox().after(0, 100)).as("DE's inbox").isEmpty();
    assertThat(fr.outboxStore().recent(100)).as("FR's outbox").isEmpty();
  }

  @Test
  void pingAll_withAStoppedNode_reportsThatPartyUnreachable_andExits1() {
    CliRun run = asFr("ping", "--all", "--timeout", "15s");

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).containsPattern("(?m)^DE\\s+yes\\s+\\d+")
        .containsPattern("(?m)^IT\\s+no\\s+-\\s+timeout/unreachable \\(UNAVAILABLE")
        .doesNotContainPattern("(?m)^FR\\s")
        .contains("1 of 2 answered within 15s.");
  }

  @Test
  void pingToAPartyOutsideTheDirectory_isRefusedByTheNode() {
    CliRun run = asFr("ping", "JP");

    assertThat(run.exit()).as("a node's refusal").isEqualTo(1);
    assertThat(run.err()).contains("parties[0]: JP is not a Party of the directory (version 1)");
  }

  @Test
  void ping_withATimeoutAboveFiveMinutes_isBadUsage() {
    CliRun run = asFr("ping", "DE", "--timeout", "6m");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--timeout: 6m (expected: > 0 and at most 5m)");
  }

  @Test
  void ping_withNeitherAPartyNorAll_isBadUsage() {
    CliRun run = asFr("ping");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Missing the Party to ping: XX (e.g. DE) or --all");
  }

  @Test
  void ping_withAnUnreadableTimeout_isBadUsage() {
    CliRun run = asFr("ping", "DE", "--timeout", "soon");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--timeout: \"soon\" (expected: a duration, e.g. 10s, 500ms, 2m)");
  }

  private static CliRun asFr(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--node", "localhost:" + fr.apiPort(), "--network", net.pki.layout().dir().toString(),
        "--party", "FR"));
    return CliRun.relay247(all.toArray(String[]::new));
  }
}
