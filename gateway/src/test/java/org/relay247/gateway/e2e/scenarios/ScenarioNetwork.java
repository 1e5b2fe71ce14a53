package org.relay247.gateway.e2e.scenarios;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.cases.CaseEventView;
import org.relay247.gateway.cases.CaseTimerWorker;
import org.relay247.gateway.cases.CaseView;
import org.relay247.gateway.cases.TrackView;
import org.relay247.gateway.delivery.OutboxService;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.EscalationStore;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.pki.NetworkSettings;
import org.relay247.pki.PartyCode;
import org.relay247.pki.TestClock;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.InnerMessage;

/**
 * The Parties of one requirement scenario (protocol-requirements.md section 6) as real nodes:
 * production wiring, mutual TLS on loopback, CMS envelopes, signed receipts, SQLite (or PostgreSQL),
 * one shared {@link TestClock}. A scenario reads as its sequence: {@link #deliver} a message from
 * one desk (it returns once the other node's signed receipt is back, so the other node has stored it
 * and moved its case), then look at both nodes' outboxes, inboxes and case views.
 */
final class ScenarioNetwork implements AutoCloseable {
  /** CRLs outlive the longest jump of a scenario (45 days of Art. 8 clocks, 30 of Art. 7.7). */
  private static final int CRL_DAYS = 120;
  private static final int MANY = 10_000;

  final TestClock clock = TestClock.flowing();
  private final Map<String, GatewayNode> nodes = new LinkedHashMap<>();

  /** A message submitted and its signed receipt: the message as sent, the findings, the outbox entry. */
  record Delivery(InnerMessage message, List<org.relay247.gateway.rules.Finding> findings, OutboxEntry entry) {
    String id() {
      return message.getRouting().getMessageId();
    }

    String caseId() {
      return message.getRouting().getCaseId();
    }

    List<String> findingCodes() {
      return findings.stream().map(f -> f.code() + " " + f.severity() + " Art. " + f.article()).toList();
    }
  }

  private ScenarioNetwork() {}

  /** Starts {@code parties} under the default directory edited by {@code directory}. */
  static ScenarioNetwork start(Path dir, Consumer<Directory.Builder> directory, String... parties) throws Exception {
    return start(dir, directory, Map.of(), parties);
  }

  /**
   * As {@link #start(Path, Consumer, String...)}, where the Parties of {@code ownDirectory} run with
   * a directory of their own (the same edits, then theirs): a node that does not yet know a
   * declaration, as when directories are updated at different times.
   */
  static ScenarioNetwork start(Path dir, Consumer<Directory.Builder> directory,
      Map<String, Consumer<Directory.Builder>> ownDirectory, String... parties) throws Exception {
    TestNetwork net = TestNetwork.create(dir, NetworkSettings.defaults().withCrlDays(CRL_DAYS), parties);
    net.writeDirectory(2, net.pki.layout().dir().resolve("directory.bin"), directory);
    for (Map.Entry<String, Consumer<Directory.Builder>> own : ownDirectory.entrySet()) {
      Path file = dir.resolve(own.getKey() + "-directory.bin");
      net.writeDirectory(2, file, directory.andThen(own.getValue()));
      net.writeConfig(new PartyCode(own.getKey()), "directory-file = \"" + file + "\"");
    }
    ScenarioNetwork s = new ScenarioNetwork();
    try {
      for (String p : parties) {
        s.nodes.put(p, GatewayNode.start(net.config(new PartyCode(p)), s.clock));
      }
    } catch (Exception | Error e) {
      s.close();
      throw e;
    }
    return s;
  }

  GatewayNode node(String party) {
    GatewayNode n = nodes.get(party);
    if (n == null) {
      throw new IllegalArgumentException("party " + party + ": not in this scenario (expected: one of "
          + nodes.keySet() + ")");
    }
    return n;
  }

  /**
   * Submits {@code draft} at the node of its sender's Party and waits for the receipt; fails unless
   * the recipient accepted it.
   */
  Delivery deliver(InnerMessage.Builder draft) throws InterruptedException {
    Delivery d = submit(draft);
    if (d.entry().state() != OutboxEntry.State.DELIVERED) {
      throw new AssertionError(d.message().getBodyCase() + " " + d.id() + " to " + d.message().getRouting()
          .getRecipient() + " not accepted: " + d.entry().receiptReason().orElse("?") + " "
          + d.entry().receiptArticle().orElse(""));
    }
    return d;
  }

  /** Submits {@code draft} and waits for its receipt, acceptance or rejection. */
  Delivery submit(InnerMessage.Builder draft) throws InterruptedException {
    String party = draft.getRouting().getSender().split("/")[0];
    GatewayNode from = node(party);
    String actor = draft.getSenderContact().getName().isBlank() ? "duty officer" : draft.getSenderContact().getName();
    OutboxService.Submitted s = from.outbox().submitChecked(draft.build(), actor);
    OutboxEntry done = Awaits.completed(from, s.message().getRouting().getMessageId());
    return new Delivery(s.message(), s.findings(), done);
  }

  /**
   * Waits for the receipt of {@code sent}, a message {@code party}'s node sent by other means than
   * {@link #deliver} (e.g. an oral-request record); fails unless the recipient accepted it.
   */
  Delivery delivered(String party, InnerMessage sent) throws InterruptedException {
    OutboxEntry done = Awaits.completed(node(party), sent.getRouting().getMessageId());
    if (done.state() != OutboxEntry.State.DELIVERED) {
      throw new AssertionError(sent.getBodyCase() + " " + done.messageId() + " not accepted: "
          + done.receiptReason().orElse("?"));
    }
    return new Delivery(sent, List.of(), done);
  }

  /**
   * What {@code party}'s node sent on the case, oldest first, as {@code "BODY -> recipient STATE"}
   * (STATE is DELIVERED once the recipient's signed acceptance was verified, REJECTED for a signed
   * rejection).
   */
  List<String> sent(String party, String caseId) {
    List<OutboxEntry> entries = new ArrayList<>(node(party).outboxStore().recent(MANY));
    entries.removeIf(e -> !caseId.equals(e.caseId()));
    entries.sort(Comparator.comparing(OutboxEntry::createdAt).thenComparing(OutboxEntry::messageId));
    return entries.stream().map(e -> e.bodyCase() + " -> " + e.recipient() + " " + e.state()
        + (e.receipt().isPresent() ? "" : " (no receipt)")).toList();
  }

  /** What {@code party}'s node accepted on the case, oldest first, as {@code "BODY <- sender"}. */
  List<String> received(String party, String caseId) {
    return inbox(party, caseId).stream().map(e -> e.bodyCase() + " <- " + e.sender()).toList();
  }

  /** The inbox entries of the case at {@code party}, oldest first. */
  List<InboxEntry> inbox(String party, String caseId) {
    return node(party).inbox().after(0, MANY).stream().filter(e -> caseId.equals(e.caseId())).toList();
  }

  /** The message {@code id} as {@code party}'s node received it. */
  InnerMessage receivedMessage(String party, String id) throws Exception {
    InboxEntry e = node(party).inbox().find(id).orElseThrow(() -> new AssertionError(id + " not in " + party
        + "'s inbox"));
    return InnerMessage.parseFrom(e.innerMessage());
  }

  CaseView caseAt(String party, String caseId) {
    return node(party).cases().find(caseId).orElseThrow(() -> new AssertionError("case " + caseId + " not at "
        + party));
  }

  TrackView track(String party, String caseId, String trackId) {
    return caseAt(party, caseId).track(trackId).orElseThrow(() -> new AssertionError("track " + trackId
        + " not in case " + caseId + " at " + party));
  }

  /** The case's timeline at {@code party} as {@code "EVENT BODY STATE"} (state after; "-" for none). */
  List<String> timeline(String party, String caseId) {
    return node(party).cases().timeline(caseId).stream().map(ScenarioNetwork::describe).toList();
  }

  private static String describe(CaseEventView e) {
    return e.event() + " " + e.bodyType() + " " + e.stateAfter().map(Enum::name).orElse("-");
  }

  /** Moves every node's clock on by {@code d}. */
  void advance(Duration d) {
    clock.advance(d);
  }

  /**
   * Runs {@code party}'s timer worker once (the node also runs it on its own schedule) and returns
   * the case-timer escalations raised there so far, oldest first.
   */
  List<EscalationStore.Escalation> caseTimerEscalations(String party) {
    node(party).caseTimers().runOnce();
    List<EscalationStore.Escalation> all = new ArrayList<>(node(party).escalations().recent(MANY));
    all.removeIf(e -> !e.kind().equals(CaseTimerWorker.ESCALATION_KIND));
    java.util.Collections.reverse(all);
    return all;
  }

  @Override
  public void close() {
    List<GatewayNode> all = new ArrayList<>(nodes.values());
    java.util.Collections.reverse(all);
    all.forEach(GatewayNode::close);
  }

  /**
   * The flags the case machines raised (out of step, mismatches ...), without the treaty-rule
   * findings both nodes also record on the case under the rule's code.
   */
  static java.util.List<org.relay247.gateway.cases.FlagView> caseFlags(org.relay247.gateway.cases.CaseView view) {
    return view.flags().stream()
        .filter(f -> org.relay247.gateway.rules.TreatyRules.standard().rule(f.code()).isEmpty()).toList();
  }
}
