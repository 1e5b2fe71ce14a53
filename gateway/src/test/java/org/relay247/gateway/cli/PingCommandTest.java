package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.delivery.PingResponder;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.InboxEntry;

/**
 * {@code relay247 ping} over real mTLS: FR's operator pings; DE's node runs and answers by itself;
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
  void pingToARunningParty_isAnsweredByItsNode_andTheNodeAcknowledgesThePing() {
    CliRun run = asFr("ping", "DE", "--timeout", "60s");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("(?m)^DE\\s+yes\\s+\\d+\\s*$").contains("1 of 1 answered");
    // The pong is sealed off the receive path; the ping is acknowledged once its pong is queued.
    InboxEntry ping = await().atMost(Duration.ofSeconds(60)).until(() -> de.inbox().after(0, 100).stream()
        .filter(e -> e.bodyCase().equals("PING")).findFirst().orElse(null), e -> e != null
        && e.acknowledgedBy().isPresent());
    assertThat(ping.acknowledgedBy()).contains(PingResponder.ROLE);
  }

  @Test
  void pingLeftUnansweredByAStop_isAnsweredWhenTheNodeStartsAgain() throws Exception {
    assertThat(asFr("ping", "DE", "--timeout", "60s").exit()).isZero();
    String pingId = await().atMost(Duration.ofSeconds(60)).until(() -> de.inbox().after(0, 1000).stream()
        .filter(e -> e.bodyCase().equals("PING") && e.acknowledgedBy().isPresent()).reduce((a, b) -> b)
        .map(InboxEntry::messageId).orElse(null), id -> id != null);
    de.close();
    // As if DE had stopped between storing the ping and queueing its pong.
    org.relay247.gateway.config.NodeConfig config = net.config(new org.relay247.pki.PartyCode("DE"));
    try (org.relay247.gateway.store.Database db = org.relay247.gateway.store.Database.open(config.databaseUrl(),
        config.databaseUser(), config.databasePassword(), 1)) {
      db.inTransaction(c -> {
        try (var ps = c.prepareStatement("UPDATE inbox SET acknowledged_at = NULL, acknowledged_by = NULL"
            + " WHERE message_id = ?")) {
          ps.setString(1, pingId);
          return ps.executeUpdate();
        }
      });
    }

    de = net.start("DE");

    GatewayNode restarted = de;
    await().atMost(Duration.ofSeconds(60)).until(() -> restarted.inbox().find(pingId).orElseThrow().acknowledgedBy()
        .isPresent());
    assertThat(restarted.outboxStore().recent(1000).stream().filter(e -> e.bodyCase().equals("PONG"))
        .map(e -> replyTo(e.innerMessage())).filter(pingId::equals)).as("pongs answering the ping").hasSize(2);
  }

  @Test
  void pingAll_withAStoppedNode_reportsThatPartyUnansweredWithTheDeliveryError_andExits1() {
    CliRun run = asFr("ping", "--all", "--timeout", "15s");

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).containsPattern("(?m)^DE\\s+yes\\s+\\d+")
        .containsPattern("(?m)^IT\\s+no\\s+-\\s+ping undelivered after \\d+ attempt\\(s\\): timeout/unreachable "
            + "\\(UNAVAILABLE")
        .doesNotContainPattern("(?m)^FR\\s")
        .contains("1 of 2 answered within 15s.");
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

  private static String replyTo(byte[] inner) {
    try {
      return org.relay247.protocol.v1.InnerMessage.parseFrom(inner).getRouting().getReplyToId();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CliRun asFr(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--node", "localhost:" + fr.apiPort(), "--network", net.pki.layout().dir().toString(),
        "--party", "FR"));
    return CliRun.relay247(all.toArray(String[]::new));
  }
}
