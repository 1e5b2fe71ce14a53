package org.relay247.simulator.sim;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.relay247.gateway.cases.CaseTimerWorker;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.EscalationStore;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.protocol.results.EvidenceAssembler;
import org.relay247.protocol.results.EvidenceIntegrityException;
import org.relay247.protocol.v1.EvidenceChunk;
import org.relay247.protocol.v1.EvidenceItem;
import org.relay247.protocol.v1.EvidenceManifest;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.PingPartiesRequest;
import org.relay247.protocol.v1.RuleFinding;
import org.relay247.protocol.v1.SubmitDraftResponse;
import org.relay247.simulator.proxy.FaultProxy;
import org.relay247.simulator.report.RunRecord;
import org.relay247.simulator.scenario.Drafts;
import org.relay247.simulator.scenario.Durations;
import org.relay247.simulator.scenario.Expectation;
import org.relay247.simulator.scenario.FaultKind;
import org.relay247.simulator.scenario.Scenario;
import org.relay247.simulator.scenario.Step;

/**
 * Runs one scenario: starts its Parties ({@link SimNetwork}), puts the desks on duty
 * ({@link Actors}), then runs each step in order on the shared {@link VirtualClock}. After every
 * step the run settles: it waits until every message that can move has been delivered or keeps
 * failing, and the desks have done what was due. Expectations are then checked against what the
 * nodes hold (outboxes with verified receipts, inboxes, cases, escalations). Nothing here asserts:
 * the result is a {@link RunRecord}, passed or not.
 */
public final class SimRun {
  private static final int MANY = 100_000;
  /** How long (real time) an expectation may take to come true once its step settled: receipts and
   * the delivery scheduler's escalation check run on their own threads. */
  private static final Duration EVENTUALLY = Duration.ofSeconds(10);
  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(120);
  /** How long (real time) a ping waits for its pong. */
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(10);
  /** Parties pinging at once in the ping step. */
  private static final int PINGING_PARTIES = 2;

  /** A message a scenario step submitted. */
  private record Sent(String ref, String party, String from, String to, String body, String priority,
      Optional<String> messageId, Optional<String> caseId, List<RuleFinding> findings, List<String> blocked,
      String refusal, Instant at) {}

  private record Heal(Instant at, List<FaultProxy> proxies, int step, List<String> skewed) {}

  private final Scenario scenario;
  private final SimNetwork network;
  private final VirtualClock clock;
  private final PrintWriter out;
  private final Actors actors;
  private final Map<String, Sent> sent = new LinkedHashMap<>();
  private final List<Heal> heals = new ArrayList<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final List<RunRecord.StepResult> steps = new ArrayList<>();
  private final List<RunRecord.ExpectationResult> expectations = new ArrayList<>();
  private final List<RunRecord.FaultRecord> faults = java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<RunRecord.PingRecord> pings = java.util.Collections.synchronizedList(new ArrayList<>());
  private final long seed;

  private SimRun(Scenario scenario, SimNetwork network, VirtualClock clock, long seed, PrintWriter out) {
    this.scenario = scenario;
    this.network = network;
    this.clock = clock;
    this.out = out;
    this.seed = seed;
    this.actors = new Actors(network, clock, scenario.actors(), seed, problems::add);
  }

  /**
   * Runs {@code scenario} with its network in {@code dir} (new or empty; kept) and returns what
   * happened. Progress lines go to {@code out}.
   */
  public static RunRecord run(Scenario scenario, Path dir, long seed, PrintWriter out) throws Exception {
    return run(scenario, dir, seed, out, false);
  }

  /**
   * Runs {@code scenario}, each node in its own OS process when {@code processes} (refused with
   * line and column when a step cannot run in that mode: {@link Scenario#requireRunnable}).
   */
  public static RunRecord run(Scenario scenario, Path dir, long seed, PrintWriter out, boolean processes)
      throws Exception {
    scenario.requireRunnable(processes);
    long wallStart = System.nanoTime();
    VirtualClock clock = scenario.start().map(VirtualClock::startingAt).orElseGet(VirtualClock::new);
    HeapPeak heap = HeapPeak.start();
    try (SimNetwork network = SimNetwork.create(dir, scenario.parties(), clock, scenario.proxied(), seed, processes)) {
      network.start(Math.min(4, Runtime.getRuntime().availableProcessors() * 2));
      out.printf("%d Parties started in %d ms (directory version %d%s%s)%n", network.parties().size(),
          (System.nanoTime() - wallStart) / 1_000_000, network.directoryVersion(),
          network.proxied() ? ", links through the fault proxy" : "", processes ? ", one process per node" : "");
      out.flush();
      SimRun run = new SimRun(scenario, network, clock, seed, out);
      try {
        Instant first = clock.instant();
        run.steps();
        return run.record(first, Duration.ofNanos(System.nanoTime() - wallStart), heap.stop());
      } finally {
        run.actors.close();
      }
    } finally {
      heap.stop();
    }
  }

  private void steps() {
    for (Step step : scenario.steps()) {
      Instant at = clock.instant();
      String detail = "";
      boolean ok = true;
      try {
        detail = step(step);
      } catch (Exception e) {
        ok = false;
        detail = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      for (String p : problems) {
        detail = detail + (detail.isEmpty() ? "" : "; ") + p;
      }
      ok = ok && problems.isEmpty();
      problems.clear();
      steps.add(new RunRecord.StepResult(step.index(), step.at().line(), step.describe(), at, ok, detail));
      out.printf("  step %d (line %d) %s%s%n", step.index(), step.at().line(), step.describe(),
          ok ? "" : ": FAILED " + detail);
      out.flush();
    }
  }

  private String step(Step step) throws Exception {
    if (step instanceof Step.Send s) {
      String d = send(s);
      settle();
      return d;
    } else if (step instanceof Step.Advance a) {
      advance(a.by());
      return "virtual time +" + Durations.format(a.by());
    } else if (step instanceof Step.AdvanceTo a) {
      Duration by = a.from(clock.instant());
      advance(by);
      return "virtual time +" + Durations.format(by) + ", now " + clock.instant();
    } else if (step instanceof Step.Fault f) {
      String d = fault(f);
      settle();
      return d;
    } else if (step instanceof Step.Heal h) {
      for (FaultProxy p : network.links(h.parties())) {
        p.heal();
      }
      for (String p : h.parties().isEmpty() ? network.parties() : h.parties()) {
        network.skew(p, Duration.ZERO);
      }
      heals.removeIf(x -> h.parties().isEmpty() || x.proxies.stream().allMatch(p -> network.links(h.parties())
          .contains(p)));
      closeFaults(h.parties());
      settle();
      return "healed";
    } else if (step instanceof Step.DirectoryUpdate u) {
      network.addToDirectory(u.add());
      settle();
      return "directory version " + network.directoryVersion() + " distributed";
    } else if (step instanceof Step.Ping p) {
      return ping(p.from().isEmpty() ? network.parties() : p.from());
    } else if (step instanceof Step.OralRequest o) {
      String d = oralRequest(o);
      settle();
      return d;
    } else if (step instanceof Step.Crash c) {
      return crash(c);
    } else if (step instanceof Step.Restart r) {
      network.restart(r.party());
      faults.add(new RunRecord.FaultRecord(r.index(), r.describe(), List.of(r.party()), clock.instant(),
          Optional.of(clock.instant()), r.party() + "'s node process started again on its database"));
      closeFaults(List.of(r.party()));
      settle();
      return "node " + r.party() + " restarted";
    } else {
      Step.Expect e = (Step.Expect) step;
      expect(e);
      return "";
    }
  }

  // ------------------------------------------------------------------------------------- send

  /** The body with each {@code ${name}} replaced by that message's id. */
  private String resolve(String bodyJson) {
    java.util.regex.Matcher m = org.relay247.simulator.scenario.ScenarioReader.PLACEHOLDER.matcher(bodyJson);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      java.util.regex.Matcher time = org.relay247.simulator.scenario.ScenarioReader.TIME.matcher(m.group(1));
      if (time.matches()) {
        Instant at = clock.instant().plus(time.group(1) == null ? Duration.ZERO : Durations.parse(time.group(1)));
        m.appendReplacement(out, com.google.protobuf.util.Timestamps.toString(
            com.google.protobuf.util.Timestamps.fromMillis(at.toEpochMilli())));
        continue;
      }
      Sent earlier = sent.get(m.group(1));
      if (earlier == null) {
        throw new IllegalStateException(m.group(1) + " was not sent (its step failed)");
      }
      m.appendReplacement(out, earlier.messageId().orElseThrow(() -> new IllegalStateException(m.group(1)
          + " was refused at submission, so it has no message id")));
    }
    return m.appendTail(out).toString();
  }

  private String oralRequest(Step.OralRequest o) throws InvalidProtocolBufferException {
    InnerMessage template = Drafts.load("oral-request-record", resolve(o.bodyJson())).build();
    var record = template.getOralRequestRecord().toBuilder().clearCallReceivedAt().clearConfirmationDueAt()
        .clearRecordedBy().setCallerAuthority(o.caller()).build();
    Instant at = clock.instant();
    var r = network.api(o.party()).blocking(java.time.Duration.ofSeconds(60)).recordOralRequest(
        org.relay247.protocol.v1.RecordOralRequestRequest.newBuilder().setRecord(record)
            .setRecordedBy(template.getOralRequestRecord().getRecordedBy()).build());
    sent.put(o.ref(), new Sent(o.ref(), o.party(), o.party() + "/poc", o.caller(), "oral-request-record",
        "EMERGENCY", Optional.of(r.getMessageId()), Optional.of(r.getCaseId()), List.of(), List.of(), "", at));
    return "recorded " + r.getMessageId() + ", confirmation due " + r.getConfirmationDueAt().getSeconds();
  }

  private String send(Step.Send s) throws InvalidProtocolBufferException {
    InnerMessage.Builder draft = Drafts.load(s.draft(), resolve(s.bodyJson()));
    var routing = draft.getRoutingBuilder().clearMessageId().clearCreatedAt().clearCaseId().clearReplyToId()
        .setSender(s.from()).setRecipient(s.to()).setPriority(s.priority());
    s.inCaseOf().ifPresent(r -> routing.setCaseId(sent.get(r).caseId().orElseThrow(
        () -> new IllegalStateException(r + " was not sent, so it has no case"))));
    s.replyTo().ifPresent(r -> {
      Sent earlier = sent.get(r);
      routing.setReplyToId(earlier.messageId().orElseThrow(() -> new IllegalStateException(r + " was not sent")));
      routing.setCaseId(earlier.caseId().orElseThrow());
    });
    String party = s.from().substring(0, 2);
    Instant at = clock.instant();
    try {
      SubmitDraftResponse r = new Desk(network, party).submit(draft.build());
      sent.put(s.ref(), new Sent(s.ref(), party, s.from(), s.to(), s.draft(), s.priority().name(),
          Optional.of(r.getMessageId()), Optional.of(r.getCaseId()), r.getFindingsList(), List.of(), "", at));
      return "submitted " + r.getMessageId() + (r.getFindingsCount() == 0 ? "" : " with findings "
          + r.getFindingsList().stream().map(RuleFinding::getCode).toList());
    } catch (StatusRuntimeException e) {
      List<String> blocked = Desk.blockedCodes(e);
      String why = e.getStatus().getCode() + ": " + e.getStatus().getDescription();
      sent.put(s.ref(), new Sent(s.ref(), party, s.from(), s.to(), s.draft(), s.priority().name(), Optional.empty(),
          Optional.empty(), List.of(), blocked, why, at));
      return "refused by " + party + "'s node: " + why;
    }
  }

  // ---------------------------------------------------------------------------------- time

  private void advance(Duration by) throws InterruptedException {
    Instant target = clock.instant().plus(by);
    while (true) {
      Optional<Instant> next = nextEvent();
      if (next.isEmpty() || next.get().isAfter(target)) {
        break;
      }
      clock.advanceTo(next.get());
      healDue();
      settle();
    }
    clock.advanceTo(target);
    healDue();
    for (String p : network.parties()) {
      if (network.running(p)) {
        network.view(p).runCaseTimers();
      }
    }
    settle();
  }

  private Optional<Instant> nextEvent() {
    Optional<Instant> heal = heals.stream().map(Heal::at).min(Comparator.naturalOrder());
    Optional<Instant> due = actors.nextDue();
    if (heal.isEmpty()) {
      return due;
    }
    return due.isEmpty() || heal.get().isBefore(due.get()) ? heal : due;
  }

  private void healDue() {
    Instant now = clock.instant();
    for (Heal h : List.copyOf(heals)) {
      if (!h.at.isAfter(now)) {
        h.proxies.forEach(FaultProxy::heal);
        h.skewed.forEach(p -> network.skew(p, Duration.ZERO));
        heals.remove(h);
        for (int i = 0; i < faults.size(); i++) {
          RunRecord.FaultRecord f = faults.get(i);
          if (f.step() == h.step && f.until().isEmpty()) {
            faults.set(i, new RunRecord.FaultRecord(f.step(), f.description(), f.parties(), f.from(), Optional.of(h.at),
                f.outcome()));
          }
        }
      }
    }
  }

  private void closeFaults(List<String> parties) {
    Instant now = clock.instant();
    for (int i = 0; i < faults.size(); i++) {
      RunRecord.FaultRecord f = faults.get(i);
      if (f.until().isEmpty() && (parties.isEmpty() || f.parties().containsAll(parties))) {
        faults.set(i, new RunRecord.FaultRecord(f.step(), f.description(), f.parties(), f.from(), Optional.of(now), f.outcome()));
      }
    }
  }

  /**
   * Waits until the network is quiet: due desk actions done and every pending message
   * either delivered or unable to move (its link blocked by a fault, or failing attempt after
   * attempt, e.g. under a revoked certificate).
   */
  private void settle() throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
    Map<String, Integer> attemptsAtStart = new HashMap<>();
    int quiet = 0;
    long poll = network.parties().size() > 10 ? 200 : 25;
    while (System.nanoTime() < deadline) {
      boolean busy = actors.runDue() > 0;
      for (String party : network.parties()) {
        if (!network.running(party)) {
          continue;
        }
        NodeView node = network.view(party);
        Map<String, Integer> failing = new HashMap<>();
        for (OutboxEntry e : node.pending()) {
          if (network.blocked(party, e.recipientParty())) {
            continue;
          }
          int first = attemptsAtStart.computeIfAbsent(e.messageId(), id -> e.attempts());
          // Behind a lane that keeps failing (e.g. to a stopped node) only the probe counts attempts; the others wait.
          if (e.lastError().isPresent() && e.attempts() >= first + 2
              || failing.computeIfAbsent(e.recipientParty(), node::failuresInARow) >= 2) {
            continue;
          }
          busy = true;
        }
      }
      quiet = busy ? 0 : quiet + 1;
      if (quiet >= 2) {
        return;
      }
      Thread.sleep(poll);
    }
    problems.add("the network did not settle within " + SETTLE_LIMIT.toSeconds() + " s");
  }

  // ---------------------------------------------------------------------------------- crash

  /**
   * SIGKILL of a node process, now or armed: once the node has stored {@code after-received} more
   * messages (counted on its inbox stream), whatever step the run is in by then.
   */
  private String crash(Step.Crash c) throws Exception {
    if (c.afterReceived() == 0) {
      network.crash(c.party());
      faults.add(new RunRecord.FaultRecord(c.index(), c.describe(), List.of(c.party()), clock.instant(),
          Optional.empty(), c.party() + "'s node process killed (SIGKILL)"));
      settle();
      return "node " + c.party() + " killed (SIGKILL)";
    }
    java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(c.afterReceived());
    AutoCloseable[] watch = new AutoCloseable[1];
    watch[0] = network.view(c.party()).onInbox(e -> {
      if (left.decrementAndGet() == 0) {
        try {
          network.crash(c.party());
          synchronized (faults) {
            faults.add(new RunRecord.FaultRecord(c.index(), c.describe(), List.of(c.party()), clock.instant(),
                Optional.empty(), c.party() + "'s node process killed (SIGKILL) after it stored " + c.afterReceived()
                    + " more message(s), the last " + e.bodyCase()));
          }
          watch[0].close();
        } catch (Exception x) {
          problems.add("could not kill " + c.party() + "'s node process: " + x.getMessage());
        }
      }
    });
    return "armed: " + c.party() + "'s node process is killed once it has stored " + c.afterReceived()
        + " more message(s)";
  }

  // ---------------------------------------------------------------------------------- faults

  private String fault(Step.Fault f) throws IOException {
    Instant now = clock.instant();
    String outcome = "";
    switch (f.kind()) {
      case LATENCY -> network.links(f.parties()).forEach(p -> p.latency(f.latency(), f.jitter()));
      case BANDWIDTH -> network.links(f.parties()).forEach(p -> p.bandwidth(f.bytesPerSecond()));
      case STALL -> network.links(f.parties()).forEach(FaultProxy::stall);
      case RESET -> network.links(f.parties()).forEach(FaultProxy::reset);
      case PARTITION -> network.links(f.parties()).forEach(FaultProxy::partition);
      case REVOKED_CERTIFICATE -> {
        network.revokeSigning(f.parties().get(0));
        outcome = "signing certificate of " + f.parties().get(0) + " revoked; every node reloaded its CRLs";
      }
      case EXPIRED_CERTIFICATE -> outcome = network.expireTls(f.parties().get(0));
      case CLOCK_SKEW -> {
        network.skew(f.parties().get(0), f.skew());
        outcome = f.parties().get(0) + "'s node clock runs " + Durations.format(f.skew()) + " ahead";
      }
      case TAMPERED_ENVELOPE, REPLAYED_ENVELOPE -> {
        Sent s = sent.get(f.message().orElseThrow());
        GatewayNode sender = network.node(s.party());
        OutboxEntry entry = sender.outboxStore().find(s.messageId().orElseThrow(
            () -> new IllegalStateException(s.ref() + " was refused at submission: nothing on the wire"))).orElseThrow();
        GatewayNode recipient = network.node(s.to().substring(0, 2));
        outcome = f.kind() == FaultKind.REPLAYED_ENVELOPE ? WireInjector.replay(sender, recipient, entry)
            : WireInjector.tamper(sender, recipient, entry);
      }
      default -> throw new IllegalStateException("fault " + f.kind());
    }
    boolean lasting = f.kind().network() && f.kind() != FaultKind.RESET || f.kind() == FaultKind.CLOCK_SKEW;
    if (f.kind().network() && !network.proxied()) {
      throw new IllegalStateException("network fault without the proxy");
    }
    if (lasting && f.lasts().isPresent()) {
      heals.add(new Heal(now.plus(f.lasts().get()), f.kind() == FaultKind.CLOCK_SKEW ? List.of()
          : network.links(f.parties()), f.index(), f.kind() == FaultKind.CLOCK_SKEW ? f.parties() : List.of()));
    }
    List<String> concerned = f.parties().isEmpty() ? List.of(sent.get(f.message().orElseThrow()).party(),
        sent.get(f.message().orElseThrow()).to().substring(0, 2)) : f.parties();
    faults.add(new RunRecord.FaultRecord(f.index(), f.describe(), concerned, now,
        lasting ? Optional.empty() : Optional.of(now),
        outcome));
    return outcome.isEmpty() ? f.describe() : outcome;
  }

  // ------------------------------------------------------------------------------------ ping

  private String ping(List<String> from) throws Exception {
    long start = System.nanoTime();
    // Each Party's node pings every other through its national API (PingParties), as a national
    // system would; two Parties at a time (one per core here): the round trips measure the
    // network, not a queue of handshakes (4 at a time doubled the median for the same CPU).
    java.util.concurrent.ExecutorService desks = java.util.concurrent.Executors.newFixedThreadPool(PINGING_PARTIES);
    List<java.util.concurrent.Future<List<RunRecord.PingRecord>>> each = new ArrayList<>();
    for (String a : from) {
      each.add(desks.submit(() -> pingFrom(a)));
    }
    desks.shutdown();
    List<RunRecord.PingRecord> all = new ArrayList<>();
    for (var f : each) {
      all.addAll(f.get());
    }
    all.sort(java.util.Comparator.comparing(RunRecord.PingRecord::from).thenComparing(RunRecord.PingRecord::to));
    pings.addAll(all);
    long answered = all.stream().filter(RunRecord.PingRecord::answered).count();
    return answered + " of " + all.size() + " pings answered by a signed pong in "
        + (System.nanoTime() - start) / 1_000_000 + " ms";
  }

  private List<RunRecord.PingRecord> pingFrom(String a) {
    try {
      return network.api(a).blocking(PING_TIMEOUT.plusSeconds(60)).pingParties(PingPartiesRequest.newBuilder()
          .setTimeoutMs((int) PING_TIMEOUT.toMillis()).build()).getResultsList().stream()
          .map(r -> new RunRecord.PingRecord(a, r.getParty(), r.getAnswered(), Math.round(r.getRoundTripMs()),
              r.getWhy())).toList();
    } catch (StatusRuntimeException e) {
      return network.parties().stream().filter(b -> !b.equals(a)).map(b -> new RunRecord.PingRecord(a, b, false, 0,
          "refused by " + a + "'s node: " + e.getStatus().getCode() + " " + e.getStatus().getDescription())).toList();
    }
  }


  // ---------------------------------------------------------------------------- expectations

  private void expect(Step.Expect step) throws InterruptedException {
    Expectation x = step.expectation();
    Supplier<Check> check = () -> check(x);
    long deadline = System.nanoTime() + EVENTUALLY.toNanos();
    Check c = check.get();
    while (!c.holds && System.nanoTime() < deadline) {
      Thread.sleep(100);
      if (x instanceof Expectation.TimersMissed t) {
        network.view(t.party()).runCaseTimers();
      }
      c = check.get();
    }
    expectations.add(new RunRecord.ExpectationResult(step.index(), step.at().line(), x.describe(), c.party, c.holds,
        c.seen));
    if (!c.holds) {
      out.printf("  step %d (line %d) FAILED at %s: expected %s, saw %s%n", step.index(), step.at().line(), c.party,
          x.describe(), c.seen);
    }
  }

  private record Check(boolean holds, String party, String seen) {}

  private Check check(Expectation x) {
    if (x instanceof Expectation.Delivered d) {
      Sent s = sent.get(d.ref());
      return outcome(s, e -> e.state() == OutboxEntry.State.DELIVERED);
    } else if (x instanceof Expectation.Pending d) {
      Sent s = sent.get(d.ref());
      return outcome(s, e -> e.state() == OutboxEntry.State.PENDING && d.error().map(w -> e.lastError()
          .map(l -> l.toLowerCase(java.util.Locale.ROOT).contains(w.toLowerCase(java.util.Locale.ROOT))).orElse(false))
          .orElse(true));
    } else if (x instanceof Expectation.Rejected r) {
      Sent s = sent.get(r.ref());
      if (s.messageId().isEmpty()) {
        boolean holds = r.code().map(c -> s.blocked().contains(c) || s.refusal().contains(c)).orElse(true);
        return new Check(holds, s.party(), "refused at submission: " + s.refusal());
      }
      return outcome(s, e -> e.state() == OutboxEntry.State.REJECTED && r.code().map(c -> e.receiptReason()
          .map(reason -> reason.equals(c) || reason.equals("REJECTION_REASON_" + c)).orElse(false)
          || e.receiptArticle().map(c::equals).orElse(false)).orElse(true));
    } else if (x instanceof Expectation.Finding f) {
      Sent s = sent.get(f.ref());
      boolean holds = s.findings().stream().anyMatch(g -> g.getCode().equals(f.code()) && f.severity()
          .map(v -> g.getSeverity().name().endsWith(v)).orElse(true)) || s.blocked().contains(f.code())
          && f.severity().map("BLOCK"::equals).orElse(true);
      return new Check(holds, s.party(), "findings " + s.findings().stream().map(g -> g.getCode() + " "
          + g.getSeverity().name().replace("RULE_SEVERITY_", "")).toList() + (s.blocked().isEmpty() ? ""
          : ", blocked by " + s.blocked()));
    } else if (x instanceof Expectation.Track t) {
      Sent s = sent.get(t.ref());
      String state = s.caseId().flatMap(c -> network.view(t.party()).trackState(c, s.messageId().orElse("")))
          .orElse("no such track");
      return new Check(state.equals(t.state()), t.party(), "track state " + state);
    } else if (x instanceof Expectation.Escalation e) {
      List<EscalationStore.Escalation> all = network.view(e.party()).escalations();
      Optional<String> id = e.ref().flatMap(r -> sent.get(r).messageId());
      long n = all.stream().filter(a -> a.kind().equals(e.kind()) && id.map(a.messageId()::equals).orElse(true))
          .count();
      return new Check(n >= e.atLeast(), e.party(), n + " " + e.kind() + " escalation(s) (of " + all.size() + " in all)");
    } else if (x instanceof Expectation.Flag f) {
      var c = caseOf(f.party(), f.ref());
      List<String> codes = c.map(d -> d.getFlagsList().stream().map(g -> g.getCode()).toList()).orElse(List.of());
      return new Check(codes.contains(f.code()), f.party(), c.isEmpty() ? "no such case" : "flags " + codes);
    } else if (x instanceof Expectation.Obligation o) {
      var c = caseOf(o.party(), o.ref());
      List<String> seen = c.map(d -> d.getObligationsList().stream().map(g -> g.getKind() + (g.getClosedBy().isEmpty()
          ? " open" : " closed")).toList()).orElse(List.of());
      return new Check(seen.contains(o.kind() + (o.open() ? " open" : " closed")), o.party(),
          c.isEmpty() ? "no such case" : "obligations " + seen);
    } else if (x instanceof Expectation.Condition k) {
      var c = caseOf(k.party(), k.ref());
      List<String> seen = c.map(d -> d.getConditionsList().stream().map(g -> g.getConditionId() + " " + g.getStatus())
          .toList()).orElse(List.of());
      return new Check(seen.contains(k.id() + " " + k.status()), k.party(), c.isEmpty() ? "no such case"
          : "conditions " + seen);
    } else if (x instanceof Expectation.TimersMissed t) {
      long n = network.view(t.party()).escalations().stream()
          .filter(a -> a.kind().equals(CaseTimerWorker.ESCALATION_KIND)).count();
      return new Check(n >= t.atLeast(), t.party(), n + " case timer(s) missed");
    } else if (x instanceof Expectation.Answered a) {
      Sent s = sent.get(a.ref());
      String body = a.body().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
      List<String> answers = network.view(s.party()).inbox().stream()
          .filter(e -> s.messageId().map(e.replyToId()::equals).orElse(false)).map(InboxEntry::bodyCase).toList();
      return new Check(answers.contains(body), s.party(), "answers " + answers);
    } else if (x instanceof Expectation.Order o) {
      List<String> ids = o.refs().stream().map(r -> sent.get(r).messageId().orElse("-")).toList();
      List<String> stored = network.view(o.party()).inbox().stream().map(InboxEntry::messageId)
          .filter(ids::contains).toList();
      List<String> names = stored.stream().map(id -> o.refs().get(ids.indexOf(id))).toList();
      return new Check(names.equals(o.refs()), o.party(), "stored in the order " + names);
    } else if (x instanceof Expectation.Pongs p) {
      long n = pings.stream().filter(RunRecord.PingRecord::answered).count();
      return new Check(n >= p.atLeast(), "all", n + " of " + pings.size() + " pings answered");
    } else {
      Expectation.ResultsMatch r = (Expectation.ResultsMatch) x;
      Sent s = sent.get(r.ref());
      Optional<String> problem = results(s);
      return new Check(problem.isEmpty(), s.party(), problem.orElse("results reassembled, every size and SHA-256"
          + " matching the signed manifest"));
    }
  }

  /** The case of message {@code ref} as {@code party}'s node shows it through its national API. */
  private Optional<org.relay247.protocol.v1.CaseDetail> caseOf(String party, String ref) {
    Optional<String> caseId = sent.get(ref).caseId();
    if (caseId.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(network.api(party).blocking(java.time.Duration.ofSeconds(30)).getCase(
          org.relay247.protocol.v1.GetCaseRequest.newBuilder().setCaseId(caseId.get()).build()).getCaseDetail());
    } catch (StatusRuntimeException e) {
      return Optional.empty();
    }
  }

  private Check outcome(Sent s, java.util.function.Predicate<OutboxEntry> holds) {
    if (s.messageId().isEmpty()) {
      return new Check(false, s.party(), "refused at submission: " + s.refusal());
    }
    Optional<OutboxEntry> e = network.view(s.party()).outbox(s.messageId().get());
    return new Check(e.map(holds::test).orElse(false), s.party(), e.map(SimRun::describe).orElse("not in the outbox"));
  }

  private static String describe(OutboxEntry e) {
    return e.state() + (e.receiptReason().map(r -> " " + r).orElse("")) + (e.receiptArticle().filter(a -> !a.isEmpty())
        .map(a -> " (Art. " + a + ")").orElse("")) + " after " + e.attempts() + " attempt(s)"
        + e.lastError().map(x -> ", last error: " + x).orElse("");
  }

  /** Reassembles the results answering {@code s} at its sender; empty when every hash matched, else why not. */
  private Optional<String> results(Sent s) {
    if (s.messageId().isEmpty()) {
      return Optional.of("request refused at submission");
    }
    NodeView node = network.view(s.party());
    List<InboxEntry> inbox = node.inbox();
    Optional<InboxEntry> manifestEntry = inbox.stream().filter(e -> s.messageId().get().equals(e.replyToId())
        && e.bodyCase().equals("EVIDENCE_MANIFEST")).findFirst();
    if (manifestEntry.isEmpty()) {
      return Optional.of("no results manifest received");
    }
    try {
      EvidenceManifest manifest = node.content(manifestEntry.get().messageId()).getEvidenceManifest();
      String manifestId = manifestEntry.get().messageId();
      List<EvidenceChunk> chunks = new ArrayList<>();
      for (InboxEntry e : inbox) {
        if (manifestId.equals(e.replyToId()) && e.bodyCase().equals("EVIDENCE_CHUNK")) {
          chunks.add(node.content(e.messageId()).getEvidenceChunk());
        }
      }
      chunks.sort(Comparator.comparingInt(EvidenceChunk::getIndex));
      Path dir = Files.createTempDirectory(Files.createDirectories(network.dir().resolve("results")),
          s.party() + "-" + s.ref() + "-");
      for (EvidenceItem item : manifest.getItemsList()) {
        try (EvidenceAssembler a = EvidenceAssembler.create(manifestId, manifest, item.getItemId(),
            dir.resolve(item.getItemId()))) {
          for (EvidenceChunk c : chunks) {
            if (c.getItemId().equals(item.getItemId())) {
              a.accept(c);
            }
          }
          a.complete();
        }
      }
      return Optional.empty();
    } catch (IOException | EvidenceIntegrityException | RuntimeException e) {
      return Optional.of("results incomplete or not matching: " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------------- record

  private RunRecord record(Instant started, Duration wall, Optional<Long> heap) {
    List<RunRecord.MessageRecord> messages = new ArrayList<>();
    Map<String, String> refOf = new HashMap<>();
    sent.values().forEach(s -> s.messageId().ifPresent(id -> refOf.put(id, s.ref())));
    for (String party : network.parties()) {
      if (!network.running(party)) {
        continue;
      }
      for (OutboxEntry e : network.view(party).outboxRecent()) {
        String from = fromOf(e, party);
        messages.add(new RunRecord.MessageRecord(refOf.getOrDefault(e.messageId(), ""), e.messageId(),
            e.caseId() == null ? "" : e.caseId(), from, e.recipient(), e.bodyCase(), rank(e.priorityRank()),
            e.createdAt(), e.completedAt(), e.state().name(), e.receiptReason().orElse(e.lastError().orElse("")),
            e.attempts()));
      }
    }
    for (Sent s : sent.values()) {
      if (s.messageId().isEmpty()) {
        messages.add(new RunRecord.MessageRecord(s.ref(), "", "refused-" + s.ref(), s.from(), s.to(),
            s.body().toUpperCase(java.util.Locale.ROOT).replace('-', '_'), s.priority(), s.at(), Optional.empty(),
            "REFUSED", s.refusal(), 0));
      }
    }
    messages.sort(Comparator.comparing(RunRecord.MessageRecord::createdAt));
    List<RunRecord.EscalationRecord> escalations = new ArrayList<>();
    for (String party : network.parties()) {
      if (!network.running(party)) {
        continue;
      }
      for (EscalationStore.Escalation e : network.view(party).escalations()) {
        escalations.add(new RunRecord.EscalationRecord(party, e.kind(), e.messageId(), e.raisedAt(), e.detail()));
      }
    }
    escalations.sort(Comparator.comparing(RunRecord.EscalationRecord::raisedAt));
    return new RunRecord(scenario.name(), scenario.file(), scenario.description(), seed, started, wall,
        Duration.between(started, clock.instant()), network.parties(), steps, expectations, messages, escalations, faults, pings, heap);
  }

  /** The sending desk; a node read through its national API gives summaries without it: its Party then. */
  private static String fromOf(OutboxEntry e, String party) {
    try {
      String sender = InnerMessage.parseFrom(e.innerMessage()).getRouting().getSender();
      return sender.isEmpty() ? party + "/poc" : sender;
    } catch (InvalidProtocolBufferException x) {
      return party + "/?";
    }
  }

  private static String rank(int r) {
    return r == 0 ? "EMERGENCY" : r == 1 ? "URGENT" : "ROUTINE";
  }

  /** Samples the heap in use while a run lasts, for the benchmark. */
  static final class HeapPeak {
    private final java.util.concurrent.ScheduledExecutorService timer;
    private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong();

    private HeapPeak() {
      timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "relay247-sim-heap");
        t.setDaemon(true);
        return t;
      });
      timer.scheduleAtFixedRate(() -> max.accumulateAndGet(
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max), 0, 250,
          java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    static HeapPeak start() {
      return new HeapPeak();
    }

    Optional<Long> stop() {
      timer.shutdownNow();
      return Optional.of(max.get());
    }
  }

}
