package org.relay247.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.cli.CliRun;
import org.relay247.gateway.config.NodeConfig;
import org.relay247.gateway.config.NodeConfigLoader;
import org.relay247.gateway.node.NodeKeys;
import org.relay247.gateway.node.NodeLauncher;
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
import org.relay247.protocol.v1.NationalApiServiceGrpc;
import org.relay247.protocol.v1.Ping;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.ReceiptStatus;
import org.relay247.protocol.v1.Routing;
import org.relay247.protocol.v1.SubmitDraftRequest;

/**
 * FR's node as three member processes ({@code relay247 node run}) on one PostgreSQL database, DE's
 * node as a fourth process; a national system submits to the FR members in turn, retrying the
 * same id on the next member when one does not answer. Members are killed (SIGKILL), hung
 * (SIGSTOP/SIGCONT) and restarted while messages flow. Each test ends with every message FR
 * stored delivered once: DE holds each exactly once (no extra), FR holds a receipt for each that
 * verifies. How fast work resumes is the cluster benchmark's to measure (docs/benchmarks.md); the
 * bounds here are generous.
 *
 * <p>PostgreSQL only (a cluster refuses SQLite): runs in the {@code postgresql} profile.
 */
class ClusterFailoverTest {
  private static final PartyCode FR = new PartyCode("FR");
  private static final PartyCode DE = new PartyCode("DE");
  private static final String LANE = "lane:DE";
  private static final Duration BOUND = Duration.ofSeconds(120);

  @TempDir Path dir;
  private TestNetwork net;
  private NodeLauncher de;
  private final Map<String, NodeLauncher> members = new LinkedHashMap<>();
  private final Map<String, Path> configs = new LinkedHashMap<>();
  private final Map<String, ManagedChannel> apis = new LinkedHashMap<>();
  private Database frDb;
  private LeaseStore leases;
  private Load load;

  @BeforeEach
  void cluster() throws Exception {
    Assumptions.assumeTrue(System.getenv().getOrDefault("RELAY247_TEST_DATABASE", "sqlite").equals("postgresql"),
        "a cluster shares one PostgreSQL database: this test runs in the postgresql profile (-Ppostgresql)");
    net = TestNetwork.create(dir, "FR", "DE");
    List<Integer> clusterPorts = List.of(TestNetwork.freePort(), TestNetwork.freePort(), TestNetwork.freePort());
    String memberList = clusterPorts.stream().map(p -> "\"127.0.0.1:" + p + "\"").toList().toString();
    String frConf = Files.readString(dir.resolve("FR.conf"));
    for (int i = 1; i <= 3; i++) {
      String name = "fr-" + i;
      int api = TestNetwork.freePort();
      int exchange = i == 1 ? net.ports.get(FR) : TestNetwork.freePort();
      Path conf = dir.resolve(name + ".conf");
      Files.writeString(conf, frConf + String.join("\n",
          "relay247.node.data-dir = \"" + dir.resolve("data-" + name) + "\"",
          "relay247.node.ports { exchange = " + exchange + ", api = " + api + ", metrics = 0 }",
          "relay247.node.cluster { member-name = " + name + ", bind-address = \"127.0.0.1\", port = "
              + clusterPorts.get(i - 1) + ", members = " + memberList + ", lease-ttl = 3s }", ""));
      configs.put(name, conf);
    }
    de = NodeLauncher.start(dir.resolve("DE.conf"));
    for (String name : configs.keySet()) {
      members.put(name, NodeLauncher.start(configs.get(name)));
      apis.put(name, apiChannel(portOf(configs.get(name))));
    }
    NodeConfig fr = NodeConfigLoader.load(configs.get("fr-1"));
    frDb = Database.open(fr.databaseUrl(), fr.databaseUser(), fr.databasePassword(), 2);
    leases = new LeaseStore(frDb, Clock.systemUTC());
    await("a member holds " + LANE).atMost(BOUND).until(() -> liveHolder(LANE) != null);
    load = new Load();
    load.start();
  }

  @AfterEach
  void stop(org.junit.jupiter.api.TestInfo test) throws Exception {
    // The members' output outlives the temporary directory, for a failure's why.
    Path logs = Path.of("target", "cluster-failover", test.getTestMethod().map(m -> m.getName()).orElse("test"));
    Files.createDirectories(logs);
    for (Map.Entry<String, NodeLauncher> m : members.entrySet()) {
      Files.writeString(logs.resolve(m.getKey() + ".log"), m.getValue().output());
    }
    if (de != null) {
      Files.writeString(logs.resolve("de.log"), de.output());
    }
    if (load != null) {
      load.interrupt();
      load.join(30_000);
    }
    apis.values().forEach(ManagedChannel::shutdownNow);
    for (NodeLauncher m : members.values()) {
      m.close();
    }
    if (de != null) {
      de.close();
    }
    if (frDb != null) {
      frDb.close();
    }
  }

  @Test
  void killedLaneHolder_anotherMemberResumes_andEveryMessageArrivesOnce_withAVerifiedReceipt() throws Exception {
    load.awaitAcknowledged(20);
    Lease before = leases.find(LANE).orElseThrow();
    String victim = memberOf(before);

    members.get(victim).kill();
    load.skip(victim);

    await("another member takes " + LANE).atMost(BOUND).until(() -> {
      Lease now = leases.find(LANE).orElseThrow();
      return now.epoch() > before.epoch() && !memberOf(now).equals(victim);
    });
    int acknowledged = load.acknowledged().size();
    load.awaitAcknowledged(acknowledged + 20);
    load.finish();
    assertEveryMessageDeliveredOnce();
  }

  @Test
  void hungLaneHolder_isTakenOver_andWhenItWakesItsWriteIsRefusedByTheFence() throws Exception {
    load.awaitAcknowledged(20);
    Lease before = leases.find(LANE).orElseThrow();
    String victim = memberOf(before);
    // DE hangs first, so the lane holder surely has deliveries in flight when it hangs in turn.
    de.suspend();
    load.awaitAcknowledged(load.acknowledged().size() + 5);
    members.get(victim).suspend();
    load.skip(victim);
    de.resume();

    await("another member takes " + LANE + " from the hung one").atMost(BOUND).until(() -> {
      Lease now = leases.find(LANE).orElseThrow();
      return now.epoch() > before.epoch() && !memberOf(now).equals(victim);
    });
    members.get(victim).resume();
    await("the woken member's late write is refused").atMost(BOUND)
        .until(() -> members.get(victim).output().contains("write refused by the fence"));
    load.unskip(victim);
    int acknowledged = load.acknowledged().size();
    load.awaitAcknowledged(acknowledged + 20);
    load.finish();
    assertEveryMessageDeliveredOnce();
    assertThat(members.get(victim).output().lines().filter(l -> l.contains("write refused by the fence")))
        .as("the refused write was made under the lease the member held when it hung")
        .anyMatch(l -> l.contains("lease " + LANE + ": epoch " + before.epoch() + " of " + before.holder() + " is over"));
  }

  @Test
  void restartedMember_rejoinsAsANewHolder_andNothingIsLost() throws Exception {
    load.awaitAcknowledged(20);
    String victim = memberOf(leases.find(LANE).orElseThrow());
    Lease presence = leases.find("member:" + victim).orElseThrow();

    members.get(victim).kill();
    load.skip(victim);
    members.put(victim, NodeLauncher.start(configs.get(victim)));
    load.unskip(victim);

    await(victim + " is back as a new holder").atMost(BOUND).until(() -> {
      Lease now = leases.find("member:" + victim).orElseThrow();
      return !now.holder().equals(presence.holder()) && now.expiresAt().isAfter(java.time.Instant.now());
    });
    CliRun status = CliRun.relay247("node", "status", "--config", configs.get("fr-1").toString());
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out()).contains("3 configured members, a majority is 2").contains(LANE)
        .containsPattern("fr-1 +alive").containsPattern("fr-2 +alive").containsPattern("fr-3 +alive");
    int acknowledged = load.acknowledged().size();
    load.awaitAcknowledged(acknowledged + 20);
    load.finish();
    assertEveryMessageDeliveredOnce();
  }

  @Test
  void memberCutOffFromTheOthers_holdsNoWork_andTheWorkResumesWhenTheyMeetAgain() throws Exception {
    // A network partition cannot be made on loopback without root: the two other members hang
    // instead, so fr-1 (the oldest member, which removes unresponsive members itself) sees 1 of 3
    // members, a minority, while it still reaches the database.
    load.awaitAcknowledged(20);
    String alone = "fr-1";
    List<String> others = List.of("fr-2", "fr-3");
    assertThat(inMinority(alone)).as("with all three up").isFalse();
    for (String o : others) {
      members.get(o).suspend();
      load.skip(o);
    }
    await(alone + " notices it is in a minority").atMost(BOUND).until(() -> inMinority(alone));
    java.time.Instant seen = leases.find("member:" + alone).orElseThrow().expiresAt();
    await(alone + " has ticked twice more").atMost(BOUND)
        .until(() -> leases.find("member:" + alone).orElseThrow().expiresAt().isAfter(seen.plusSeconds(2)));
    java.time.Instant now = java.time.Instant.now();
    assertThat(leases.all()).as("the minority member holds no work")
        .filteredOn(l -> !l.name().startsWith("member:"))
        .noneMatch(l -> memberOf(l).equals(alone) && l.expiresAt().isAfter(now));

    for (String o : others) {
      members.get(o).resume();
      load.unskip(o);
    }
    int acknowledged = load.acknowledged().size();
    load.awaitAcknowledged(acknowledged + 20);
    load.finish();
    assertEveryMessageDeliveredOnce();
  }

  /**
   * Every message FR stored (acknowledged or not) is delivered, DE holds each exactly once and
   * nothing else, and FR's receipt for each verifies against the envelope sent.
   */
  private void assertEveryMessageDeliveredOnce() throws Exception {
    OutboxStore outbox = new OutboxStore(frDb);
    await("nothing pending at FR").atMost(BOUND).until(() -> outbox.pendingByParty().isEmpty());
    List<OutboxEntry> sent = outbox.recent(1_000_000);
    assertThat(sent.stream().map(OutboxEntry::messageId)).as("every acknowledged message is in FR's outbox")
        .containsAll(load.acknowledged());
    NodeConfig deConfig = NodeConfigLoader.load(dir.resolve("DE.conf"));
    ReceiptVerifier verifier = net.receiptVerifier();
    try (Database deDb = Database.open(deConfig.databaseUrl(), deConfig.databaseUser(), deConfig.databasePassword(),
        2)) {
      InboxStore inbox = new InboxStore(deDb);
      assertThat(inbox.count()).as("DE holds each message once, and nothing else").isEqualTo(sent.size());
      for (OutboxEntry e : sent) {
        assertThat(inbox.find(e.messageId())).as("at DE: %s", e.messageId()).isPresent();
        assertThat(e.state()).as(e.messageId()).isEqualTo(OutboxEntry.State.DELIVERED);
        byte[] envelope = e.envelope();
        assertThat(verifier.verify(e.receipt().orElseThrow(), Envelope.parseFrom(envelope).getRouting(), envelope)
            .receipt().getStatus()).isEqualTo(ReceiptStatus.RECEIPT_STATUS_ACCEPTED);
      }
    }
  }

  /** Whether the member's last word on its view was that it is in a minority (each starts alone, so not before). */
  private boolean inMinority(String member) {
    return members.get(member).output().lines().filter(l -> l.contains("(a minority)") || l.contains("members again"))
        .reduce((first, second) -> second).map(l -> l.contains("(a minority)")).orElse(false);
  }

  private String liveHolder(String key) {
    return leases.find(key).filter(l -> l.expiresAt().isAfter(java.time.Instant.now())).map(Lease::holder)
        .orElse(null);
  }

  private static String memberOf(Lease lease) {
    return lease.holder().substring(0, lease.holder().indexOf('/'));
  }

  private static int portOf(Path conf) {
    return NodeConfigLoader.load(conf).apiPort().orElseThrow();
  }

  private ManagedChannel apiChannel(int port) throws Exception {
    NodeKeys keys = NodeKeys.load(net.pki.layout().nodeKeystore(FR), Password.fromFile(net.pki.layout()
        .nodePassword(FR)));
    var validator = net.pki.validator();
    return NettyChannelBuilder.forTarget("localhost:" + port)
        .sslContext(NodeTls.client(keys.tlsKey(), keys.tlsChain(), PkiTrustManager.forClient(() -> validator, FR)))
        .build();
  }

  /**
   * A national system submitting pings to DE, to the FR members in turn; a submission that fails
   * or times out is retried with the same id on the next member (idempotent), until acknowledged.
   */
  private final class Load extends Thread {
    private final List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Set<String> skipped = ConcurrentHashMap.newKeySet();
    private volatile boolean finishing;

    Load() {
      super("national-system");
      setDaemon(true);
    }

    @Override
    public void run() {
      int next = 0;
      while (!finishing && !isInterrupted()) {
        String id = MessageIds.next(Clock.systemUTC());
        InnerMessage draft = InnerMessage.newBuilder().setRouting(Routing.newBuilder().setMessageId(id)
            .setRecipient(DE.code() + "/poc").setPriority(Priority.PRIORITY_URGENT))
            .setPing(Ping.newBuilder().setNonce(id)).build();
        while (!isInterrupted()) {
          List<String> names = new ArrayList<>(apis.keySet());
          String name = names.get(Math.floorMod(next++, names.size()));
          if (skipped.contains(name)) {
            continue;
          }
          try {
            NationalApiServiceGrpc.newBlockingStub(apis.get(name)).withDeadlineAfter(5, TimeUnit.SECONDS)
                .submitDraft(SubmitDraftRequest.newBuilder().setDraft(draft).build());
            acknowledged.add(id);
            break;
          } catch (StatusRuntimeException e) {
            apis.get(name).resetConnectBackoff();
          }
        }
      }
    }

    void skip(String member) {
      skipped.add(member);
    }

    void unskip(String member) {
      skipped.remove(member);
    }

    List<String> acknowledged() {
      synchronized (acknowledged) {
        return List.copyOf(acknowledged);
      }
    }

    void awaitAcknowledged(int n) {
      await(n + " submissions acknowledged").atMost(BOUND).until(() -> acknowledged.size() >= n);
    }

    void finish() throws InterruptedException {
      finishing = true;
      join(BOUND.toMillis());
    }
  }
}
