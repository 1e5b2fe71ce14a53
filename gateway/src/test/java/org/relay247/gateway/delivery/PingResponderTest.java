package org.relay247.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Ping;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/** A sealed ping (the end-to-end test through both stores) is answered by the receiving node itself, over real mTLS. */
class PingResponderTest {
  @TempDir static Path dir;
  private static TestNetwork net;
  private static GatewayNode fr;
  private static GatewayNode de;

  @BeforeAll
  static void start() throws Exception {
    net = TestNetwork.create(dir, "FR", "DE");
    fr = net.start("FR");
    de = net.start("DE");
  }

  @AfterAll
  static void stop() {
    fr.close();
    de.close();
  }

  private static String sealedPingToDe() {
    return fr.outbox().submit(InnerMessage.newBuilder().setRouting(Routing.newBuilder().setRecipient("DE/poc")
        .setPriority(Priority.PRIORITY_ROUTINE)).setPing(Ping.newBuilder().setNonce("n")).build())
        .getRouting().getMessageId();
  }

  @Test
  void sealedPing_isAnsweredByTheNodeWithAPong_andTheNodeAcknowledgesThePing() {
    String pingId = sealedPingToDe();

    // The pong is sealed off the receive path; the ping is acknowledged once its pong is queued.
    InboxEntry ping = await().atMost(Duration.ofSeconds(60)).until(() -> de.inbox().find(pingId).orElse(null),
        e -> e != null && e.acknowledgedBy().isPresent());
    assertThat(ping.acknowledgedBy()).contains(PingResponder.ROLE);
    await().atMost(Duration.ofSeconds(60)).until(() -> fr.inbox().after(0, 1000).stream()
        .anyMatch(e -> e.bodyCase().equals("PONG") && e.replyToId().equals(pingId)));
  }

  @Test
  void pingLeftUnansweredByAStop_isAnsweredWhenTheNodeStartsAgain() throws Exception {
    String pingId = sealedPingToDe();
    await().atMost(Duration.ofSeconds(60)).until(() -> de.inbox().find(pingId).map(e -> e.acknowledgedBy().isPresent())
        .orElse(false));
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

  private static String replyTo(byte[] inner) {
    try {
      return InnerMessage.parseFrom(inner).getRouting().getReplyToId();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
