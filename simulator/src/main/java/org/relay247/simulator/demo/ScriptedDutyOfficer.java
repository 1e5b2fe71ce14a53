package org.relay247.simulator.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.results.EvidenceChunker;
import org.relay247.protocol.results.EvidenceIntegrityException;
import org.relay247.protocol.v1.EvidenceItem;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Routing;

/**
 * The requested Party's 24/7 duty officer, scripted: when an Art. 9 request for this node's
 * point of contact is stored (an inbox event, not a timer), the officer opens it (the node sends
 * the signed opened notice), decides "will provide", and sends the results the simulated provider
 * returned: a signed evidence manifest, then the data in chunks. Everything goes through the node's
 * ordinary outbox, as a national case system would submit it.
 *
 * <p>The work runs on its own thread: inbox listeners are called on the receive path, before the
 * sender gets its receipt, and must return at once.
 */
final class ScriptedDutyOfficer implements AutoCloseable {
  static final String ROLE = "24/7 duty officer (scripted)";

  private final GatewayNode node;
  private final Clock clock;
  private final Consumer<String> onFailure;
  private final ExecutorService desk = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "relay247-demo-duty-officer");
    t.setDaemon(true);
    return t;
  });
  private final AutoCloseable subscription;

  /**
   * @param onFailure told, in one sentence, if the officer could not answer (the demo then stops
   *     waiting for the answers)
   */
  ScriptedDutyOfficer(GatewayNode node, Clock clock, Consumer<String> onFailure) {
    this.node = node;
    this.clock = clock;
    this.onFailure = onFailure;
    String ownPoc = node.party().code() + "/poc";
    this.subscription = node.events().onInbox(entry -> {
      if (entry.bodyCase().equals(InnerMessage.BodyCase.ART9_REQUEST.name()) && entry.recipient().equals(ownPoc)) {
        desk.execute(() -> answer(entry));
      }
    });
  }

  private void answer(InboxEntry request) {
    try {
      String requestId = request.messageId();
      String caseId = request.caseId() == null ? "" : request.caseId();
      node.acknowledgements().acknowledge(requestId, ROLE);

      InnerMessage determination = node.outbox().submit(DemoMessages.determination(
          DemoMessages.answer(request.sender(), caseId, requestId), requestId, clock.instant()));

      // The provider's answer: describe each item for the manifest, then send it in chunks that
      // name the manifest's message id (chosen here, so the chunks can refer to it).
      EvidenceItem[] items = DemoMessages.resultItems(clock.instant());
      String manifestId = MessageIds.next(clock);
      Routing manifestRouting = DemoMessages.answer(request.sender(), caseId, requestId).toBuilder()
          .setMessageId(manifestId).build();
      InnerMessage manifest = node.outbox().submit(DemoMessages.manifest(manifestRouting, requestId,
          determination.getRouting().getMessageId(), items, clock.instant()));
      EvidenceChunker chunker = new EvidenceChunker(manifest.getRouting().getMessageId(),
          manifest.getEvidenceManifest().getChunkSizeBytes());
      Routing chunkRouting = DemoMessages.answer(request.sender(), caseId, manifestId);
      for (EvidenceItem item : items) {
        chunker.forEachChunk(item, new ByteArrayInputStream(DemoMessages.content(item)),
            chunk -> node.outbox().submit(DemoMessages.chunk(chunkRouting, chunk)));
      }
    } catch (IOException | EvidenceIntegrityException | RuntimeException e) {
      onFailure.accept("the scripted " + node.party() + " duty officer could not answer: " + e.getMessage());
    }
  }

  @Override
  public void close() throws Exception {
    subscription.close();
    desk.shutdownNow();
    desk.awaitTermination(5, TimeUnit.SECONDS);
  }
}
