package org.relay247.simulator.load;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.gateway.config.NodeConfig;
import org.relay247.gateway.config.NodeConfigLoader;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.gateway.store.OutboxStore;
import org.relay247.pki.NetworkPki;
import org.relay247.protocol.directory.DefaultDirectory;
import org.relay247.protocol.seal.ListedCertificates;
import org.relay247.protocol.seal.ReceiptVerificationException;
import org.relay247.protocol.seal.ReceiptVerifier;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.ReceiptStatus;
import org.relay247.protocol.v1.WatchInboxRequest;
import org.relay247.protocol.v1.WatchInboxResponse;

/**
 * The crash loop's verdict on the acknowledged drafts, from both national APIs and both stores:
 * <ul>
 * <li><b>lost</b>: acknowledged at FR, absent from DE's inbox (its national API listing or its
 *     database);</li>
 * <li><b>duplicated</b>: a message DE's national API lists more than once, or its database holds
 *     more than once;</li>
 * <li><b>unverifiable</b>: acknowledged at FR, and FR's outbox holds no ACCEPTED receipt for it
 *     that {@link ReceiptVerifier} verifies (signature, signer of DE listed in the directory,
 *     SHA-256 of the envelope FR sent).</li>
 * </ul>
 */
final class CrashAudit {
  private CrashAudit() {}

  /** The counts, and a few of the ids behind each for the report. */
  record Verdict(long acknowledged, long storedAtDe, long lost, long duplicated, long unverifiable,
      List<String> examples) {
    boolean clean() {
      return lost == 0 && duplicated == 0 && unverifiable == 0;
    }
  }

  /** DE's inbox as its national API lists it: message id to the number of entries listed. */
  static Map<String, Integer> listInbox(NationalApiClient de) {
    Map<String, Integer> seen = new HashMap<>();
    Iterator<WatchInboxResponse> it = de.blocking(Duration.ofMinutes(5))
        .watchInbox(WatchInboxRequest.newBuilder().setStoredOnly(true).build());
    while (it.hasNext()) {
      seen.merge(it.next().getEntry().getMessageId(), 1, Integer::sum);
    }
    return seen;
  }

  /**
   * Judges {@code acknowledged} against DE's API listing and both stores (opened from the nodes'
   * config files, with the nodes stopped).
   */
  static Verdict judge(Set<String> acknowledged, Map<String, Integer> deListing, Path dir, Clock clock)
      throws IOException {
    List<String> examples = new ArrayList<>();
    long duplicated = 0;
    for (Map.Entry<String, Integer> e : deListing.entrySet()) {
      if (e.getValue() > 1) {
        duplicated += e.getValue() - 1;
        example(examples, "listed " + e.getValue() + " times by DE's API: " + e.getKey());
      }
    }
    Map<String, Integer> deRows = inboxRows(config(dir, TwoNodes.DE));
    for (Map.Entry<String, Integer> e : deRows.entrySet()) {
      if (e.getValue() > 1) {
        duplicated += e.getValue() - 1;
        example(examples, "stored " + e.getValue() + " times in DE's inbox: " + e.getKey());
      }
    }
    long lost = 0;
    for (String id : acknowledged) {
      if (!deListing.containsKey(id) || !deRows.containsKey(id)) {
        lost++;
        example(examples, "lost (acknowledged by FR, " + (deRows.containsKey(id) ? "not listed by DE's API"
            : "not in DE's inbox") + "): " + id);
      }
    }
    long unverifiable = unverifiable(acknowledged, dir, clock, examples);
    return new Verdict(acknowledged.size(), deRows.size(), lost, duplicated, unverifiable, List.copyOf(examples));
  }

  private static long unverifiable(Set<String> acknowledged, Path dir, Clock clock, List<String> examples)
      throws IOException {
    NodeConfig fr = config(dir, TwoNodes.FR);
    NetworkPki pki = NetworkPki.open(dir.resolve("network"), clock);
    ReceiptVerifier verifier = new ReceiptVerifier(pki.validator(),
        ListedCertificates.of(DefaultDirectory.forNetwork(pki, clock.instant())));
    long bad = 0;
    try (Database db = open(fr)) {
      OutboxStore outbox = new OutboxStore(db);
      for (String id : acknowledged) {
        Optional<String> problem = problem(outbox.find(id), verifier);
        if (problem.isPresent()) {
          bad++;
          example(examples, "unverifiable at FR (" + problem.get() + "): " + id);
        }
      }
    }
    return bad;
  }

  /** Why FR holds no verified ACCEPTED receipt for this entry, if it does not. */
  private static Optional<String> problem(Optional<OutboxEntry> found, ReceiptVerifier verifier) {
    if (found.isEmpty()) {
      return Optional.of("not in FR's outbox");
    }
    OutboxEntry e = found.get();
    if (e.receipt().isEmpty()) {
      return Optional.of("no receipt, state " + e.state());
    }
    try {
      ReceiptStatus status = verifier.verify(e.receipt().get(), Envelope.parseFrom(e.envelope()).getRouting(),
          e.envelope()).receipt().getStatus();
      return status == ReceiptStatus.RECEIPT_STATUS_ACCEPTED ? Optional.empty() : Optional.of("receipt " + status);
    } catch (ReceiptVerificationException | InvalidProtocolBufferException ex) {
      return Optional.of(ex.getMessage());
    }
  }

  /** DE's inbox rows per message id, straight from its database. */
  private static Map<String, Integer> inboxRows(NodeConfig de) {
    try (Database db = open(de)) {
      return db.read(c -> {
        Map<String, Integer> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT message_id, COUNT(*) FROM inbox GROUP BY message_id");
            ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.put(rs.getString(1), rs.getInt(2));
          }
        }
        return rows;
      });
    }
  }

  private static NodeConfig config(Path dir, org.relay247.pki.PartyCode party) {
    return NodeConfigLoader.load(TwoNodes.config(dir, party), Map.of());
  }

  private static Database open(NodeConfig c) {
    return Database.open(c.databaseUrl(), c.databaseUser(), c.databasePassword(), 2);
  }

  private static void example(List<String> examples, String line) {
    if (examples.size() < 20) {
      examples.add(line);
    }
  }
}
