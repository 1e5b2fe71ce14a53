package org.relay247.simulator.sim;

import com.google.protobuf.util.Timestamps;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Consumer;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.results.ChunkSize;
import org.relay247.protocol.results.EvidenceChunker;
import org.relay247.protocol.results.EvidenceItems;
import org.relay247.protocol.v1.CopyKind;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.EvidenceItem;
import org.relay247.protocol.v1.EvidenceManifest;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.ResultsChannel;
import org.relay247.protocol.v1.Routing;
import org.relay247.simulator.scenario.ActorSpec;
import org.relay247.simulator.scenario.Drafts;

/**
 * The desks of every Party: each reacts to what its node stores (inbox events) by the policy of the
 * scenario, at the virtual time the policy says (pings are answered by the nodes themselves). All
 * actions go through the national API ({@link Desk}).
 *
 * <p>Inbox events arrive on the node's receive path, so they only queue work here; the run
 * executes due actions ({@link #runDue}).
 */
final class Actors implements AutoCloseable {
  static final String ROLE = "simulated desk";

  private record Due(Instant at, long order, String party, ActorSpec spec, InboxEntry entry) {}

  private final SimNetwork network;
  private final VirtualClock clock;
  private final Map<String, List<ActorSpec>> policies;
  private final Random random;
  private final Consumer<String> problems;
  private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> a.at.equals(b.at)
      ? Long.compare(a.order, b.order) : a.at.compareTo(b.at));
  private final List<AutoCloseable> subscriptions = new ArrayList<>();
  private long order;

  /** @param problems told, in one sentence, when a desk could not act */
  Actors(SimNetwork network, VirtualClock clock, Map<String, List<ActorSpec>> policies, long seed,
      Consumer<String> problems) {
    this.network = network;
    this.clock = clock;
    this.policies = policies;
    this.random = new Random(seed);
    this.problems = problems;
    for (String party : network.parties()) {
      subscriptions.add(network.view(party).onInbox(e -> arrived(party, e)));
    }
  }

  private void arrived(String party, InboxEntry entry) {
    String desk = entry.recipient().substring(entry.recipient().indexOf('/') + 1);
    String kind = token(entry.bodyCase());
    for (ActorSpec spec : policies.getOrDefault(party, List.of())) {
      if (spec.desk().equals(desk) && (spec.on().equals(kind) || spec.on().equals("any") && isRequest(kind))) {
        synchronized (this) {
          queue.add(new Due(clock.instant().plus(spec.within()), order++, party, spec, entry));
        }
        return;
      }
    }
  }

  /** The body token of a body case: {@code ART9_REQUEST -> art9-request}. */
  static String token(String bodyCase) {
    return bodyCase.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private static boolean isRequest(String kind) {
    return kind.endsWith("-request") || kind.endsWith("-order");
  }

  /** When the next queued action is due (virtual time), if any. */
  synchronized Optional<Instant> nextDue() {
    return Optional.ofNullable(queue.peek()).map(Due::at);
  }

  /** Runs every action due by now, in order of due time; returns how many ran. */
  int runDue() {
    int ran = 0;
    while (true) {
      Due next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.at.isAfter(clock.instant())) {
          return ran;
        }
        queue.poll();
      }
      act(next);
      ran++;
    }
  }

  private void act(Due due) {
    Desk desk = new Desk(network, due.party);
    InboxEntry request = due.entry;
    try {
      if (due.spec.action() == ActorSpec.Action.SILENT) {
        return;
      }
      desk.open(request.messageId(), ROLE);
      Routing answer = Routing.newBuilder().setSender(request.recipient()).setRecipient(request.sender())
          .setPriority(priorityOf(request)).setCaseId(request.caseId()).setReplyToId(request.messageId()).build();
      if (due.spec.action() == ActorSpec.Action.ASK_INFO) {
        InnerMessage.Builder ask = Drafts.load("additional-info-request").setRouting(answer);
        ask.getAdditionalInfoRequestBuilder().setRequestMessageId(request.messageId())
            .setArticle(article(request).replace(".6", ".5").replace(".4", ".3"));
        desk.submit(ask.build());
        return;
      }
      InnerMessage.Builder d = Drafts.load("determination").setRouting(answer);
      var det = d.getDeterminationBuilder().setRequestMessageId(request.messageId()).setArticle(article(request))
          .setDecidedAt(Timestamps.fromMillis(clock.millis())).setExecutingAuthority(request.recipient());
      switch (due.spec.action()) {
        case ANSWER -> det.setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE).clearConditions();
        case REFUSE -> det.setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_WILL_NOT_PROVIDE).clearConditions()
            .clearCategoriesProvided().setGroundsText(due.spec.grounds().isEmpty()
                ? "Refused (simulated desk)." : due.spec.grounds());
        default -> {
          det.setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_CONDITIONS);
          if (!due.spec.grounds().isEmpty()) {
            det.setGroundsText(due.spec.grounds());
          }
        }
      }
      String determinationId = desk.submit(d.build()).getMessageId();
      if (due.spec.action() == ActorSpec.Action.ANSWER && due.spec.resultsBytes() > 0) {
        sendResults(desk, answer, request.messageId(), determinationId, due.spec.resultsBytes());
      }
    } catch (RuntimeException | IOException e) {
      problems.accept(due.party + " desk " + due.spec.desk() + " could not " + due.spec.action().name().toLowerCase()
          + " " + request.messageId() + ": " + e.getMessage());
    }
  }

  private static org.relay247.protocol.v1.Priority priorityOf(InboxEntry e) {
    return switch (e.priorityRank()) {
      case 0 -> org.relay247.protocol.v1.Priority.PRIORITY_EMERGENCY;
      case 1 -> org.relay247.protocol.v1.Priority.PRIORITY_URGENT;
      default -> org.relay247.protocol.v1.Priority.PRIORITY_ROUTINE;
    };
  }

  private static String article(InboxEntry request) {
    return switch (request.bodyCase()) {
      case "ART10_REQUEST" -> "10.4";
      case "ART8_ORDER" -> "8.6";
      default -> "9.6";
    };
  }

  /** The results the provider returned: one item of {@code size} seeded bytes, manifest then chunks. */
  private void sendResults(Desk desk, Routing answer, String requestId, String determinationId, long size)
      throws IOException {
    byte[] data = new byte[Math.toIntExact(size)];
    synchronized (random) {
      random.nextBytes(data);
    }
    EvidenceItem item = EvidenceItems.describe("item-1", "results.bin", "application/octet-stream",
        new ByteArrayInputStream(data), ChunkSize.DEFAULT).toBuilder().setCategory(DataCategory.DATA_CATEGORY_TRAFFIC)
        .setDescription("Simulated provider results").setSource("simulated provider")
        .setObtainedAt(Timestamps.fromMillis(clock.millis())).build();
    String manifestId = MessageIds.next(clock);
    InnerMessage.Builder manifest = Drafts.load("evidence-manifest")
        .setRouting(answer.toBuilder().setMessageId(manifestId));
    manifest.setEvidenceManifest(EvidenceManifest.newBuilder().setRequestMessageId(requestId)
        .setAuthorisationMessageId(determinationId).setCopyKind(CopyKind.COPY_KIND_OFFICIAL)
        .setChannel(ResultsChannel.RESULTS_CHANNEL_POINT_OF_CONTACT).setChunkSizeBytes(ChunkSize.DEFAULT)
        .setProducedAt(Timestamps.fromMillis(clock.millis())).addItems(item));
    desk.submit(manifest.build());
    Routing chunkRouting = answer.toBuilder().setReplyToId(manifestId).build();
    try {
      new EvidenceChunker(manifestId, ChunkSize.DEFAULT).forEachChunk(item, new ByteArrayInputStream(data),
          chunk -> desk.submit(InnerMessage.newBuilder().setRouting(chunkRouting).setLanguage("en")
              .setEvidenceChunk(chunk).build()));
    } catch (org.relay247.protocol.results.EvidenceIntegrityException e) {
      throw new IOException("results changed while chunking: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    for (AutoCloseable s : subscriptions) {
      try {
        s.close();
      } catch (Exception e) {
        // Inbox listeners: nothing is lost.
      }
    }
  }
}
