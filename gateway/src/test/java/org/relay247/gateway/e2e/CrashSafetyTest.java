package org.relay247.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.node.NodeLauncher;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.config.NodeConfig;
import org.relay247.gateway.config.NodeConfigLoader;
import org.relay247.gateway.node.NodeKeys;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.InboxStore;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.gateway.store.OutboxStore;
import org.relay247.gateway.tls.NodeTls;
import org.relay247.gateway.tls.PkiTrustManager;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Password;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.seal.ReceiptVerifier;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.ListOutboxRequest;
import org.relay247.protocol.v1.NationalApiServiceGrpc;
import org.relay247.protocol.v1.Ping;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.ReceiptStatus;
import org.relay247.protocol.v1.Routing;
import org.relay247.protocol.v1.SubmitDraftRequest;

/**
 * Nothing acknowledged is lost: 2,000 messages submitted to FR's node (its own process) for DE's
 * node (its own process), while DE and then FR are killed with SIGKILL and restarted, three
 * times each. Afterwards DE's database holds each of the 2,000 ids exactly once, and FR's holds a
 * receipt for each that verifies (signature, signer, and the SHA-256 of the envelope sent).
 */
class CrashSafetyTest {
  private static final int MESSAGES = 2000;
  private static final int ROUNDS = 3;
  private static final PartyCode FR = new PartyCode("FR");

  @TempDir Path dir;

  @Test
  void receiverThenSenderKilledRepeatedly_everyMessageArrivesOnce_withAVerifiedReceipt() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    int frApi = freePort();
    net.writeConfig(FR, "ports.api = " + frApi + "\nretry { initial-backoff = 100ms, max-backoff = 1s }");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      ids.add(MessageIds.next(Clock.systemUTC()));
    }

    NodeLauncher de = NodeLauncher.start(dir.resolve("DE.conf"));
    NodeLauncher fr = NodeLauncher.start(dir.resolve("FR.conf"));
    AtomicInteger submitted = new AtomicInteger();
    ManagedChannel api = apiChannel(net, frApi);
    Thread submitter = new Thread(() -> submitAll(api, ids, submitted), "submitter");
    submitter.start();
    try {
      for (int round = 1; round <= ROUNDS; round++) {
        awaitAtLeast(submitted, round * MESSAGES / (ROUNDS + 1));
        de.kill();
        Thread.sleep(300);
        de = NodeLauncher.start(dir.resolve("DE.conf"));
        Thread.sleep(300);
        fr.kill();
        Thread.sleep(300);
        fr = NodeLauncher.start(dir.resolve("FR.conf"));
      }
      submitter.join(TimeUnit.MINUTES.toMillis(5));
      assertThat(submitted.get()).isEqualTo(MESSAGES);
      awaitNothingPending(api);
    } finally {
      submitter.interrupt();
      api.shutdownNow();
      fr.close();
      de.close();
    }

    NodeConfig deConfig = NodeConfigLoader.load(dir.resolve("DE.conf"));
    List<String> missingAtDe = new ArrayList<>();
    long deCount;
    try (Database db = Database.open(deConfig.databaseUrl(), deConfig.databaseUser(), deConfig.databasePassword(), 2)) {
      InboxStore inbox = new InboxStore(db);
      deCount = inbox.count();
      for (String id : ids) {
        if (inbox.find(id).isEmpty()) {
          missingAtDe.add(id);
        }
      }
    }
    NodeConfig frConfig = NodeConfigLoader.load(dir.resolve("FR.conf"));
    ReceiptVerifier verifier = net.receiptVerifier();
    try (Database db = Database.open(frConfig.databaseUrl(), frConfig.databaseUser(), frConfig.databasePassword(), 2)) {
      OutboxStore outbox = new OutboxStore(db);
      // Which side lost what: an id missing at DE that FR holds with a receipt was lost by DE
      // after it answered; one FR does not hold at all was lost by FR after SubmitDraft answered.
      assertThat(missingAtDe).as("ids missing from DE's inbox (of %d stored); FR's outbox for them: %s", deCount,
          missingAtDe.stream().map(id -> id + "=" + outbox.find(id).map(e -> e.state().name()).orElse("ABSENT"))
              .toList()).isEmpty();
      assertThat(deCount).isEqualTo(MESSAGES);
      for (String id : ids) {
        OutboxEntry e = outbox.find(id).orElseThrow(() -> new AssertionError("FR lost submitted message " + id));
        assertThat(e.state()).as(id).isEqualTo(OutboxEntry.State.DELIVERED);
        byte[] envelope = e.envelope();
        assertThat(verifier.verify(e.receipt().orElseThrow(), Envelope.parseFrom(envelope).getRouting(), envelope)
            .receipt().getStatus()).isEqualTo(ReceiptStatus.RECEIPT_STATUS_ACCEPTED);
      }
    }
  }

  private static void submitAll(ManagedChannel api, List<String> ids, AtomicInteger submitted) {
    for (String id : ids) {
      InnerMessage draft = InnerMessage.newBuilder()
          .setRouting(Routing.newBuilder().setMessageId(id).setRecipient("DE/poc").setPriority(Priority.PRIORITY_URGENT))
          .setPing(Ping.newBuilder().setNonce(id)).build();
      while (!Thread.currentThread().isInterrupted()) {
        try {
          NationalApiServiceGrpc.newBlockingStub(api).withDeadlineAfter(10, TimeUnit.SECONDS)
              .submitDraft(SubmitDraftRequest.newBuilder().setDraft(draft).build());
          submitted.incrementAndGet();
          break;
        } catch (StatusRuntimeException e) {
          // FR is down or restarting: retry the same draft (same id: idempotent).
          api.resetConnectBackoff();
          sleep(50);
        }
      }
    }
  }

  private static void awaitNothingPending(ManagedChannel api) {
    await("nothing pending at FR").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
      try {
        return NationalApiServiceGrpc.newBlockingStub(api).withDeadlineAfter(10, TimeUnit.SECONDS)
            .listOutbox(ListOutboxRequest.newBuilder().setLimit(1).build()).getPendingByPartyMap().values().stream()
            .allMatch(n -> n == 0);
      } catch (StatusRuntimeException e) {
        api.resetConnectBackoff();
        return false;
      }
    });
  }

  private static ManagedChannel apiChannel(TestNetwork net, int port) throws Exception {
    NodeKeys keys = NodeKeys.load(net.pki.layout().nodeKeystore(FR), Password.fromFile(net.pki.layout().nodePassword(FR)));
    var validator = net.pki.validator();
    return NettyChannelBuilder.forTarget("localhost:" + port)
        .sslContext(NodeTls.client(keys.tlsKey(), keys.tlsChain(), PkiTrustManager.forClient(() -> validator, FR)))
        .build();
  }

  private static void awaitAtLeast(AtomicInteger counter, int n) {
    Awaits.until(n + " submissions", Duration.ofMinutes(3), () -> counter.get() >= n);
  }

  private static int freePort() throws Exception {
    return TestNetwork.freePort();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
