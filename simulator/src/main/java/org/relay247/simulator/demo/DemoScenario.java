package org.relay247.simulator.demo;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.pki.DistinguishedNames;
import org.relay247.protocol.results.EvidenceAssembler;
import org.relay247.protocol.results.EvidenceIntegrityException;
import org.relay247.protocol.seal.ReceiptVerificationException;
import org.relay247.protocol.seal.ReceiptVerifier;
import org.relay247.protocol.seal.VerifiedReceipt;
import org.relay247.protocol.v1.Determination;
import org.relay247.protocol.v1.EvidenceChunk;
import org.relay247.protocol.v1.EvidenceItem;
import org.relay247.protocol.v1.EvidenceManifest;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.ReceiptStatus;

/**
 * The demo's story, Art. 9 from FR to DE: FR's point of contact submits an emergency request, the
 * scripted DE duty officer opens it and answers (determination, results manifest, results data),
 * and FR reassembles the results. Every step is printed when it is proven:
 * <ul>
 *   <li>"stored" means the receiving node's inbox event fired, which happens only after the
 *       message was opened, checked and committed with its signed receipt;
 *   <li>"receipt verified" means the sending node holds the message as DELIVERED, which it records
 *       only after verifying the recipient's signed receipt, and this class verifies that stored
 *       receipt once more with {@link ReceiptVerifier}, under the sending node's own trust
 *       (signature, signer certificate of the recipient's Party, binding to the envelope bytes as
 *       sent);
 *   <li>"reassembled" means every chunk and every item passed {@link EvidenceAssembler}'s SHA-256
 *       checks against the signed manifest.
 * </ul>
 * The sending node records delivery in its outbox without an event, so the demo looks there every
 * few milliseconds; the scripted actors themselves only react to inbox events.
 */
final class DemoScenario implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(5);

  /** What the run proved, for the summary. */
  record Outcome(String requestId, int envelopes, int receiptsVerified, Duration total,
      Duration emergencyRoundTrip, Path results) {}

  private final DemoNetwork network;
  private final Clock clock;
  private final PrintWriter out;
  private final InboxWatch atFr;
  private final InboxWatch atDe;
  private final ScriptedDutyOfficer officer;
  private volatile boolean told;

  /**
   * Starts watching the FR and DE inboxes and puts the scripted DE duty officer on duty; it stays
   * on duty (answering every Art. 9 request to DE/poc) until {@link #close}.
   *
   * @param err where the officer reports a failure once the story is over
   */
  DemoScenario(DemoNetwork network, Clock clock, PrintWriter out, PrintWriter err) {
    this.network = network;
    this.clock = clock;
    this.out = out;
    this.atFr = new InboxWatch(network.node("FR"));
    this.atDe = new InboxWatch(network.node("DE"));
    this.officer = new ScriptedDutyOfficer(network.node("DE"), clock, reason -> {
      atFr.abort(reason);
      atDe.abort(reason);
      if (told) {
        err.println("relay247 demo: " + reason);
        err.flush();
      }
    });
  }

  /** Runs the story once; every line printed is a proven step. The officer stays on duty. */
  Outcome run() throws DemoFailure {
    try {
      return story(network.node("FR"), network.node("DE"), atFr, atDe);
    } finally {
      told = true;
      closeQuietly(atDe);
      closeQuietly(atFr);
    }
  }

  @Override
  public void close() {
    closeQuietly(officer);
    closeQuietly(atDe);
    closeQuietly(atFr);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // Inbox listeners and a desk thread: nothing is lost if closing fails.
    }
  }

  private Outcome story(GatewayNode fr, GatewayNode de, InboxWatch atFr, InboxWatch atDe) throws DemoFailure {
    Timeline timeline = new Timeline(out, clock);
    timeline.header();
    int receipts = 0;

    // 1. FR's point of contact submits the request: sealed for DE and durably in FR's outbox.
    InnerMessage request = fr.outbox().submit(DemoMessages.art9Request("DE/poc"));
    String requestId = request.getRouting().getMessageId();
    Instant submitted = clock.instant();
    timeline.step(Duration.between(timeline.start(), submitted), "FR",
        "submitted Art. 9 emergency request " + requestId + " to DE/poc (case " + request.getRouting().getCaseId()
            + "): signed, encrypted for DE, stored in FR's outbox");

    // 2. DE stores it and signs a receipt; FR verifies the receipt.
    atDe.await("the Art. 9 request", e -> e.messageId().equals(requestId), TIMEOUT);
    Delivery request1 = delivered(fr, requestId);
    receipts++;
    timeline.step(request1.latency(), "DE", "stored it; receipt "
        + shortStatus(request1.receipt()) + " verified by FR (signed by " + request1.signer() + ")");

    // 3. The DE duty officer opens it: DE sends the signed opened notice.
    InboxEntry notice = atFr.await("DE's opened notice", answering(requestId, InnerMessage.BodyCase.OPENED_NOTICE),
        TIMEOUT);
    Delivery notice1 = delivered(de, notice.messageId());
    receipts++;
    timeline.step(notice1.latency(), "DE", "operator opened it (\""
        + ScriptedDutyOfficer.ROLE + "\"); opened notice delivered to FR, receipt verified");

    // 4. The determination (Art. 9.6).
    InboxEntry determinationEntry = atFr.await("DE's determination",
        answering(requestId, InnerMessage.BodyCase.DETERMINATION), TIMEOUT);
    Determination determination = inner(determinationEntry).getDetermination();
    Delivery determination1 = delivered(de, determinationEntry.messageId());
    receipts++;
    timeline.step(determination1.latency(), "DE", "determination "
        + determination.getOutcome().name().replace("DETERMINATION_OUTCOME_", "") + " (Art. "
        + determination.getArticle() + ") " + determinationEntry.messageId()
        + " delivered to FR, receipt verified");

    // 5. The results: signed manifest, then the data in chunks, each its own envelope.
    InboxEntry manifestEntry = atFr.await("DE's results manifest",
        answering(requestId, InnerMessage.BodyCase.EVIDENCE_MANIFEST), TIMEOUT);
    EvidenceManifest manifest = inner(manifestEntry).getEvidenceManifest();
    String manifestId = manifestEntry.messageId();
    List<EvidenceChunk> chunks = new ArrayList<>();
    List<Delivery> deliveries = new ArrayList<>(List.of(delivered(de, manifestId)));
    for (EvidenceItem item : manifest.getItemsList()) {
      for (int index = 0; index < item.getChunkCount(); index++) {
        InboxEntry chunk = atFr.await("chunk " + index + " of " + item.getItemId(), chunkOf(manifestId, item, index),
            TIMEOUT);
        chunks.add(inner(chunk).getEvidenceChunk());
        deliveries.add(delivered(de, chunk.messageId()));
      }
    }
    receipts += deliveries.size();
    Instant resultsDelivered = deliveries.stream().map(Delivery::completedAt).max(Instant::compareTo).orElseThrow();
    timeline.step(Duration.between(deliveries.get(0).entry().createdAt(), resultsDelivered), "DE",
        "results manifest (" + manifest.getItemsCount() + " items, SHA-256 " + String.join(", ",
            manifest.getItemsList().stream().map(i -> DemoMessages.shortHash(i.getSha256())).toList())
            + ") and " + chunks.size() + " data chunk" + (chunks.size() == 1 ? "" : "s")
            + " delivered to FR, receipts verified");

    // 6. FR reassembles every item and checks it against the signed manifest.
    Instant assemblyStart = clock.instant();
    Path results = network.dir().resolve("results").resolve("FR").resolve(manifestId);
    long bytes = reassemble(manifestId, manifest, chunks, results);
    Instant assembled = clock.instant();
    Instant end = timeline.step(Duration.between(assemblyStart, assembled), "FR", "results received: "
        + manifest.getItemsCount() + " items (" + bytes + " bytes) reassembled, size and SHA-256 of each"
        + " verified against the signed manifest");

    Instant requestCreated = Instant.ofEpochMilli(Timestamps.toMillis(request.getRouting().getCreatedAt()));
    return new Outcome(requestId, 4 + chunks.size(), receipts, Duration.between(timeline.start(), end),
        Duration.between(requestCreated, determinationEntry.receivedAt()), results);
  }

  /** A sent message that reached DELIVERED, with its receipt verified again here. */
  record Delivery(OutboxEntry entry, VerifiedReceipt receipt, Instant completedAt, Duration latency) {
    String signer() {
      return DistinguishedNames.describe(receipt.signer().certificate());
    }
  }

  /**
   * Waits until {@code sender} holds the message as delivered, then verifies the stored receipt
   * against the stored envelope bytes with the sender's own trust.
   */
  private static Delivery delivered(GatewayNode sender, String messageId) throws DemoFailure {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    OutboxEntry entry;
    while (true) {
      Optional<OutboxEntry> found = sender.outboxStore().find(messageId);
      if (found.isPresent() && found.get().state() != OutboxEntry.State.PENDING) {
        entry = found.get();
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new DemoFailure("message " + messageId + " from " + sender.party() + " not delivered within "
            + TIMEOUT.toSeconds() + " s" + found.flatMap(OutboxEntry::lastError).map(e -> " (last error: " + e + ")")
            .orElse(""));
      }
      sleep(POLL);
    }
    if (entry.state() == OutboxEntry.State.REJECTED) {
      throw new DemoFailure("message " + messageId + " was rejected by " + entry.recipient() + ": "
          + entry.receiptReason().orElse("no reason") + entry.receiptArticle().map(a -> " (Art. " + a + ")").orElse(""));
    }
    byte[] envelope = entry.envelope();
    VerifiedReceipt receipt;
    try {
      receipt = new ReceiptVerifier(sender.trust().validator(),
          sender.directory().current().listed()).verify(entry.receipt().orElseThrow(
          () -> new DemoFailure("message " + messageId + " is DELIVERED without a stored receipt")),
          Envelope.parseFrom(envelope).getRouting(), envelope);
    } catch (ReceiptVerificationException | InvalidProtocolBufferException e) {
      throw new DemoFailure("the receipt for " + messageId + " does not verify: " + e.getMessage(), e);
    }
    if (receipt.receipt().getStatus() != ReceiptStatus.RECEIPT_STATUS_ACCEPTED) {
      throw new DemoFailure("the receipt for " + messageId + " is " + receipt.receipt().getStatus());
    }
    Instant completed = entry.completedAt().orElseThrow();
    return new Delivery(entry, receipt, completed, Duration.between(entry.createdAt(), completed));
  }

  private static long reassemble(String manifestId, EvidenceManifest manifest, List<EvidenceChunk> chunks,
      Path dir) throws DemoFailure {
    long bytes = 0;
    try {
      Files.createDirectories(dir);
      for (EvidenceItem item : manifest.getItemsList()) {
        try (EvidenceAssembler assembler = EvidenceAssembler.create(manifestId, manifest, item.getItemId(),
            dir.resolve(safeName(item)))) {
          for (EvidenceChunk chunk : chunks) {
            if (chunk.getItemId().equals(item.getItemId())) {
              assembler.accept(chunk);
            }
          }
          bytes += Files.size(assembler.complete());
        }
      }
    } catch (IOException | EvidenceIntegrityException e) {
      throw new DemoFailure("results failed their integrity check at FR: " + e.getMessage(), e);
    }
    return bytes;
  }

  /** A file name from the manifest, never a path. */
  private static String safeName(EvidenceItem item) {
    String name = item.getName().replaceAll("[^A-Za-z0-9._-]", "_");
    return name.isEmpty() || name.startsWith(".") ? item.getItemId() : name;
  }

  private static Predicate<InboxEntry> answering(String requestId, InnerMessage.BodyCase body) {
    return e -> requestId.equals(e.replyToId()) && e.bodyCase().equals(body.name());
  }

  private static Predicate<InboxEntry> chunkOf(String manifestId, EvidenceItem item, int index) {
    return e -> {
      if (!manifestId.equals(e.replyToId()) || !e.bodyCase().equals(InnerMessage.BodyCase.EVIDENCE_CHUNK.name())) {
        return false;
      }
      EvidenceChunk chunk = parse(e).getEvidenceChunk();
      return chunk.getManifestMessageId().equals(manifestId) && chunk.getItemId().equals(item.getItemId())
          && chunk.getIndex() == index;
    };
  }

  private static InnerMessage inner(InboxEntry entry) throws DemoFailure {
    try {
      return InnerMessage.parseFrom(entry.innerMessage());
    } catch (InvalidProtocolBufferException e) {
      throw new DemoFailure("stored message " + entry.messageId() + " unreadable: " + e.getMessage(), e);
    }
  }

  private static InnerMessage parse(InboxEntry entry) {
    try {
      return InnerMessage.parseFrom(entry.innerMessage());
    } catch (InvalidProtocolBufferException e) {
      return InnerMessage.getDefaultInstance();
    }
  }

  private static String shortStatus(VerifiedReceipt receipt) {
    return receipt.receipt().getStatus().name().replace("RECEIPT_STATUS_", "");
  }

  private static void sleep(Duration d) throws DemoFailure {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoFailure("interrupted");
    }
  }
}
