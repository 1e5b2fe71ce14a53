package org.relay247.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Ping;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * The delivery scheduler over real nodes and mTLS: a stopped recipient node is the partition,
 * starting it heals it.
 */
class DeliverySchedulerTest {
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void afterAPartitionHeals_messagesAreStoredAtTheRecipientInPriorityOrder() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    net.writeConfig(new PartyCode("FR"), "retry { initial-backoff = 100ms, max-backoff = 200ms, parallelism = 4 }");
    try (GatewayNode fr = net.start("FR")) {
      List<String> ids = new ArrayList<>();
      // Routine first, the most urgent last: arrival order is the opposite of priority order.
      for (Priority p : List.of(Priority.PRIORITY_ROUTINE, Priority.PRIORITY_URGENT, Priority.PRIORITY_EMERGENCY)) {
        for (int i = 0; i < 5; i++) {
          ids.add(fr.outbox().submit(ping("DE/poc", p)).getRouting().getMessageId());
        }
      }
      await().atMost(BOUND).until(() -> fr.outboxStore().find(ids.get(0)).orElseThrow().attempts() >= 1);

      try (GatewayNode de = net.start("DE")) {
        await().atMost(BOUND).until(() -> ids.stream().allMatch(id -> done(fr, id)));
        List<InboxEntry> stored = de.inbox().after(0, 100);

        assertThat(stored).hasSize(ids.size());
        assertThat(stored).as("DE's inbox in the order the messages were stored")
            .extracting(InboxEntry::priorityRank).isSorted();
      }
    }
  }

  @Test
  void whileThePeerIsDown_onlyTheMostUrgentMessageProbes_theOthersWaitWithoutAttempts() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    net.writeConfig(new PartyCode("FR"), "retry { initial-backoff = 50ms, max-backoff = 100ms, parallelism = 1 }");
    try (GatewayNode fr = net.start("FR")) {
      List<String> routine = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        routine.add(fr.outbox().submit(ping("DE/poc", Priority.PRIORITY_ROUTINE)).getRouting().getMessageId());
      }
      String emergency = fr.outbox().submit(ping("DE/poc", Priority.PRIORITY_EMERGENCY)).getRouting().getMessageId();

      await().atMost(BOUND).until(() -> attempts(fr, emergency) >= 1);
      List<Integer> routineAttempts = routine.stream().map(id -> attempts(fr, id)).toList();
      OutboxEntry probe = await().atMost(BOUND).until(() -> fr.outboxStore().find(emergency).orElseThrow(),
          e -> e.attempts() >= 4);

      assertThat(probe.lastError()).hasValueSatisfying(error -> assertThat(error).startsWith("UNAVAILABLE"));
      assertThat(probe.nextAttemptAt()).isAfter(probe.createdAt());
      // Per-message backoff would have retried each routine message as often as the emergency.
      assertThat(routine).extracting(id -> attempts(fr, id)).containsExactlyElementsOf(routineAttempts);
      assertThat(routineAttempts.stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void deliveryThreads_doNotGrowWithTheNumberOfParties() throws Exception {
    List<String> parties = new ArrayList<>(List.of("FR"));
    java.util.Arrays.stream(java.util.Locale.getISOCountries()).filter(c -> !c.equals("FR")).limit(24)
        .forEach(parties::add);
    TestNetwork net = TestNetwork.create(dir, parties.toArray(String[]::new));
    net.writeConfig(new PartyCode("FR"), "retry { parallelism = 4, workers = 3 }");
    try (GatewayNode fr = net.start("FR")) {
      List<String> ids = parties.stream().skip(1)
          .map(p -> fr.outbox().submit(ping(p + "/poc", Priority.PRIORITY_ROUTINE)).getRouting().getMessageId())
          .toList();

      // Every lane has tried (no recipient runs): 24 lanes were busy, each with parallelism 4.
      await().atMost(BOUND).until(() -> ids.stream()
          .allMatch(id -> fr.outboxStore().find(id).orElseThrow().attempts() >= 1));

      assertThat(deliveryThreads()).hasSizeBetween(1, 3);
    }
  }

  @Test
  void closingANode_endsItsDeliveryInFlightBeforeItsStoreCloses_andTheMessageStaysPending() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    List<Throwable> crashed = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> crashed.add(e));
    // DE's address takes the connection and never answers: FR's call hangs in the TLS handshake.
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silentDe = new ServerSocket(net.ports.get(new PartyCode("DE")))) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silentDe.accept());
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      Set<Thread> before = deliveryThreads();
      String id;
      Set<Thread> ours;
      try (GatewayNode fr = net.start("FR")) {
        id = fr.outbox().submit(ping("DE/poc", Priority.PRIORITY_EMERGENCY)).getRouting().getMessageId();
        await().atMost(BOUND).until(() -> !held.isEmpty());
        ours = new HashSet<>(deliveryThreads());
        ours.removeAll(before);
        assertThat(ours).as("FR's delivery thread, in its call to DE").isNotEmpty();
      }

      // Ended by close, not later: a thread still running could reach the store after it closed.
      assertThat(ours).noneMatch(Thread::isAlive);
      assertThat(crashed).isEmpty();
      try (GatewayNode fr = net.start("FR")) {
        assertThat(fr.outboxStore().find(id).orElseThrow().state()).isEqualTo(OutboxEntry.State.PENDING);
      }
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
      for (Socket s : held) {
        s.close();
      }
    }
  }

  private static Set<Thread> deliveryThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("relay247-deliver")).collect(Collectors.toSet());
  }

  private static int attempts(GatewayNode node, String id) {
    return node.outboxStore().find(id).orElseThrow().attempts();
  }

  private static boolean done(GatewayNode node, String id) {
    return node.outboxStore().find(id).orElseThrow().state() != OutboxEntry.State.PENDING;
  }

  private static InnerMessage ping(String recipient, Priority priority) {
    return InnerMessage.newBuilder()
        .setRouting(Routing.newBuilder().setRecipient(recipient).setPriority(priority))
        .setPing(Ping.newBuilder().setNonce(priority.name())).build();
  }
}
