package org.relay247.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.node.NodeLauncher;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Ping;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * 1,000 routine messages queue at FR while DE's node (its own process) is down; once DE is up
 * and the backlog is draining, an emergency is submitted: it must be delivered ahead of the
 * routine messages still queued, not in arrival order behind them.
 */
class EmergencyOvertakesRoutineTest {
  private static final int ROUTINE = 1000;
  private static final int PARALLELISM = 8;

  @TempDir Path dir;

  @Test
  void emergency_overtakesAThousandQueuedRoutineMessages() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    net.writeConfig(new PartyCode("FR"), "retry { initial-backoff = 100ms, max-backoff = 400ms, parallelism = "
        + PARALLELISM + " }");
    try (GatewayNode fr = net.start("FR")) {
      List<String> routine = new ArrayList<>();
      for (int i = 0; i < ROUTINE; i++) {
        routine.add(fr.outbox().submit(message(Priority.PRIORITY_ROUTINE)).getRouting().getMessageId());
      }
      try (NodeLauncher de = NodeLauncher.start(dir.resolve("DE.conf"))) {
        awaitFirstDelivery(fr, routine);
        Set<String> queuedAtSubmit = routine.stream().filter(id -> pending(fr, id)).collect(Collectors.toSet());
        String emergency = fr.outbox().submit(message(Priority.PRIORITY_EMERGENCY)).getRouting().getMessageId();

        OutboxEntry done = Awaits.completed(fr, emergency);
        assertThat(done.state()).isEqualTo(OutboxEntry.State.DELIVERED);
        for (String id : routine) {
          Awaits.completed(fr, id);
        }
        Instant emergencyAt = done.completedAt().orElseThrow();
        long routineBefore = queuedAtSubmit.stream()
            .map(id -> fr.outboxStore().find(id).orElseThrow().completedAt().orElseThrow())
            .filter(t -> t.isBefore(emergencyAt)).count();
        // The test means something only with a real backlog in front of the emergency.
        assertThat(queuedAtSubmit.size()).isGreaterThan(ROUTINE / 4);
        // FIFO would put the emergency behind all of them. With priority lanes it waits only for
        // the deliveries in flight (at most PARALLELISM) and whatever the other workers finish
        // while it is itself on the wire; a tenth of the backlog bounds that with room for a
        // loaded CI machine (seen: 3 to 18 of ~1000).
        assertThat(routineBefore).as("routine messages delivered before the emergency, of %d queued",
            queuedAtSubmit.size()).isLessThanOrEqualTo(queuedAtSubmit.size() / 10);
        System.out.printf("emergency overtook %d of %d queued routine messages (%d delivered before it)%n",
            queuedAtSubmit.size() - routineBefore, queuedAtSubmit.size(), routineBefore);
      }
    }
  }

  private static InnerMessage message(Priority priority) {
    return InnerMessage.newBuilder()
        .setRouting(Routing.newBuilder().setRecipient("DE/poc").setPriority(priority))
        .setPing(Ping.newBuilder().setNonce(priority.name())).build();
  }

  private static boolean pending(GatewayNode node, String id) {
    return node.outboxStore().find(id).orElseThrow().state() == OutboxEntry.State.PENDING;
  }

  private static void awaitFirstDelivery(GatewayNode fr, List<String> ids) {
    await("a routine message delivered after DE started").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(5)).until(() -> fr.outboxStore().pendingByParty().getOrDefault("DE", 0L)
            < ids.size());
  }
}
