package org.relay247.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.protocol.v1.NationalApiServiceGrpc;
import org.relay247.protocol.v1.SubmitDraftResponse;

/**
 * The national API needs nothing of a node but its {@link NationalServices}: built from that
 * record alone and served in-process (no TLS, no node wiring), a submitted draft reaches the
 * node's real outbox through the one submit path.
 */
class NationalServicesInProcessTest {
  @TempDir Path dir;

  @Test
  void apiBuiltFromTheServicesRecordAlone_submitsADraftIntoTheOutbox() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    ExecutorService watchers = Executors.newCachedThreadPool();
    try (GatewayNode fr = net.start("FR")) {
      NationalServices services = new NationalServices(fr.party(), fr.clock(), fr.directory()::current, fr.outbox(),
          fr.outboxStore(), fr.inbox(), fr.events(), fr.audit(), fr.acknowledgements(), fr.escalations(),
          fr.pairStatistics(), fr.cases(), fr.protection(), fr.pinger());
      String name = InProcessServerBuilder.generateName();
      Server server = InProcessServerBuilder.forName(name).directExecutor()
          .addService(new NationalApiEndpoint(services, watchers)).build().start();
      ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
      try {
        SubmitDraftResponse sent = NationalApiServiceGrpc.newBlockingStub(channel)
            .submitDraft(NationalApiServerTest.submit(NationalApiServerTest.ping("DE/poc")));

        OutboxEntry stored = services.outboxStore().find(sent.getMessageId()).orElseThrow();
        assertThat(stored.recipient()).isEqualTo("DE/poc");
        assertThat(sent.getRouting().getSender()).isEqualTo("FR/poc");
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    } finally {
      watchers.shutdownNow();
    }
  }
}
