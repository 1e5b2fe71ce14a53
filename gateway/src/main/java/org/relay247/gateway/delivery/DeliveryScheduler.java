package org.relay247.gateway.delivery;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.cluster.FencedOut;
import org.relay247.gateway.cluster.Lease;
import org.relay247.gateway.cluster.LeaseStore;
import org.relay247.gateway.directory.DirectoryView;
import org.relay247.gateway.events.NodeEvents;
import org.relay247.gateway.metrics.NodeMetrics;
import org.relay247.gateway.pipeline.Pipeline;
import org.relay247.gateway.pipeline.StoredMessages;
import org.relay247.gateway.store.EscalationStore;
import org.relay247.gateway.store.Fence;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.gateway.store.OutboxStore;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.seal.EnvelopeSealer;
import org.relay247.protocol.seal.ReceiptVerificationException;
import org.relay247.protocol.seal.ReceiptVerifier;
import org.relay247.protocol.seal.VerifiedReceipt;
import org.relay247.protocol.v1.DeliverRequest;
import org.relay247.protocol.v1.DeliverResponse;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.NodeExchangeServiceGrpc;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.ReceiptStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox. One lane per recipient Party, a priority queue whose most urgent due
 * message is always started next; all lanes share one bounded pool of {@code retry.workers}
 * threads, so the threads do not grow with the number of Parties. A lane has at most {@code
 * retry.parallelism} deliveries in flight, and never starts a message while a more urgent one to
 * the same Party is still in flight: a less urgent message is never stored at the recipient
 * before a more urgent one that was queued when it started.
 *
 * <p>Backoff is per lane. A delivery that fails for a transport reason (peer unreachable, TLS,
 * timeout, any gRPC status but {@code INVALID_ARGUMENT}) pauses the lane for an exponential
 * backoff with jitter; when it ends only the most urgent queued message is tried (the probe), and
 * the first answer from the peer (a verified receipt, accepting or rejecting) resumes the lane,
 * which then drains in priority order. A failure of one message only (a receipt that does not
 * verify, {@code INVALID_ARGUMENT}, an envelope that cannot be re-sealed) retries that message on
 * its own backoff. Each failed attempt is recorded in its outbox row (attempts, next attempt, last
 * error). Retries never stop: past its deadline a message raises one escalation and keeps being
 * retried. An envelope older than half the allowed clock skew is re-sealed (fresh signing time,
 * same message) before it is sent.
 *
 * <p>In a cluster ({@link #runLanesByLease}) a lane runs on this member only while it is opened
 * with its lease ({@link #openLane}, {@link #closeLane}): it then queues its Party's pending rows,
 * those submitted through other members too: such a member sends a hint ({@link #onQueuedElsewhere})
 * on which the holder reads the outbox at once ({@link #wake}); the database stays the truth and a
 * lost hint costs at most the safety-net poll of every {@value #POLL_MILLIS} ms. Every outbox
 * write of its work checks the lease's epoch in the same transaction. A write refused there
 * ({@link FencedOut}: another member took the lane over) abandons that work without writing
 * anything; it is logged at INFO and counted ({@code relay247_cluster_fenced_writes}).
 */
public final class DeliveryScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryScheduler.class);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
  /** How long {@link #close} waits for the delivery threads to end (a cancelled call ends at once). */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
  private static final long POLL_MILLIS = 1000;

  private final OutboxStore outbox;
  private final EscalationStore escalations;
  private final PeerChannels channels;
  private final Supplier<EnvelopeSealer> sealer;
  private final Supplier<ReceiptVerifier> receiptVerifier;
  private final Supplier<DirectoryView> directory;
  private final RetryPolicy retry;
  private final Duration resealAfter;
  private final NodeEvents events;
  private final NodeMetrics metrics;
  private final Clock clock;
  private final AuditLog audit;
  /**
   * Told of each signed rejection inside the transaction that completes its entry (the case step
   * ends a refused request's track), so the two commit together, once. A step that fails is
   * rolled back to a savepoint and logged; the rejection still completes the entry.
   */
  private final Pipeline pipeline;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "relay247-retry"));
  private final AtomicLong sequence = new AtomicLong();
  private ThreadPoolExecutor workers;  // guarded by this; made on first use (retry is set by the constructor)
  private volatile boolean closed;
  /** Cluster mode: the leases whose epochs fence the lanes' writes; null on a single node (every lane open). */
  private volatile LeaseStore leases;
  private volatile BooleanSupplier sweepsDeadlines = () -> true;
  /** Cluster mode: told the recipient Party of each entry stored here for a lane another member runs. */
  private volatile Consumer<String> queuedElsewhere = party -> { };

  public DeliveryScheduler(OutboxStore outbox, EscalationStore escalations, PeerChannels channels,
      Supplier<EnvelopeSealer> sealer, Supplier<ReceiptVerifier> receiptVerifier, Supplier<DirectoryView> directory,
      RetryPolicy retry, Duration maxClockSkew, NodeEvents events, NodeMetrics metrics, Clock clock, AuditLog audit,
      Pipeline pipeline) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.audit = audit;
    this.outbox = outbox;
    this.escalations = escalations;
    this.channels = channels;
    this.sealer = sealer;
    this.receiptVerifier = receiptVerifier;
    this.directory = directory;
    this.retry = retry;
    this.resealAfter = maxClockSkew.dividedBy(2);
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Queues every pending message (after a start or a crash: each lane starts open, so they are
   * tried at once) and starts the deadline sweep. In cluster mode a lane queues its pending
   * messages when it is opened, and the open lanes poll the outbox from now on.
   */
  public void start() {
    if (leases == null) {
      for (OutboxEntry e : outbox.pending()) {
        enqueue(e);
      }
    } else {
      timers.scheduleWithFixedDelay(this::pollOpenLanes, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }
    timers.scheduleWithFixedDelay(this::escalateOverdue, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * Cluster mode, before {@link #start}: every lane stays closed until {@link #openLane opened}
   * with its lease, and the writes of its work are fenced by {@code leases}; the deadline sweep
   * runs only while {@code sweepsDeadlines} (this member holds the timers).
   */
  public void runLanesByLease(LeaseStore leases, BooleanSupplier sweepsDeadlines) {
    this.leases = Objects.requireNonNull(leases, "leases");
    this.sweepsDeadlines = sweepsDeadlines;
  }

  /** Cluster mode: this member now holds {@code lease} on the lane to {@code party}; it queues its pending rows. */
  public void openLane(String party, Lease lease) {
    Lane lane = lane(party);
    lane.open(lease);
    lane.load(outbox.pendingTo(party));
  }

  /** Cluster mode: this member lost the lane to {@code party}; it starts nothing more there. */
  public void closeLane(String party) {
    lane(party).close(Optional.empty());
  }

  /**
   * Cluster mode: opens the connection to {@code party} ahead of need while another member holds
   * its lane (a no-op once connected), so a takeover does not start with a TLS handshake.
   */
  public void connectAhead(String party) {
    channels.forParty(new PartyCode(party)).getState(true);
  }

  /**
   * Cluster mode: {@code hint} hears the recipient Party of every entry stored through this member
   * while another member runs its lane (so that member can {@link #wake} at once).
   */
  public void onQueuedElsewhere(Consumer<String> hint) {
    queuedElsewhere = Objects.requireNonNull(hint, "hint");
  }

  /**
   * Cluster mode: another member stored entries for {@code party}; if this member runs that lane it
   * reads the outbox for it now (once for any number of hints arriving meanwhile).
   */
  public void wake(String party) {
    Lane lane = lanes.get(party);
    if (!closed && lane != null && lane.isOpen() && lane.wakeQueued.compareAndSet(false, true)) {
      try {
        timers.execute(() -> {
          lane.wakeQueued.set(false);  // before the read: a hint arriving during it queues another
          poll(lane);
        });
      } catch (RejectedExecutionException e) {
        // Closing: nothing more is delivered from here.
      }
    }
  }

  private void pollOpenLanes() {
    lanes.values().forEach(this::poll);
  }

  private void poll(Lane lane) {
    try {
      if (lane.isOpen()) {
        lane.load(outbox.pendingTo(lane.party.code()));
      }
    } catch (RuntimeException e) {
      LOG.warn("outbox poll for {} failed: {}", lane.party.code(), e.toString());
    }
  }

  private Fence fence(Lease lease) {
    LeaseStore store = leases;
    return lease == null || store == null ? Fence.NONE : store.fence(lease);
  }

  /** Queues a newly stored entry for immediate delivery. */
  public void enqueue(OutboxEntry e) {
    boolean queued = lane(e.recipientParty()).add(new Task(e.messageId(), e.priorityRank(), e.createdAt(),
        sequence.incrementAndGet(), Optional.of(e)));
    if (!queued && leases != null && !closed) {
      try {
        queuedElsewhere.accept(e.recipientParty());
      } catch (RuntimeException ex) {
        LOG.debug("cluster: no hint sent for {} (the holder's poll finds the entry): {}", e.recipientParty(),
            ex.toString());
      }
    }
  }

  private Lane lane(String party) {
    return lanes.computeIfAbsent(party, p -> new Lane(new PartyCode(p)));
  }

  private synchronized ThreadPoolExecutor workers() {
    if (workers == null) {
      AtomicInteger n = new AtomicInteger();
      // Across lanes too the most urgent waiting delivery gets the next free thread.
      workers = new ThreadPoolExecutor(retry.workers(), retry.workers(), 30, TimeUnit.SECONDS,
          new PriorityBlockingQueue<>(), r -> daemon(r, "relay247-deliver-" + n.incrementAndGet()));
      workers.allowCoreThreadTimeOut(true);
    }
    return workers;
  }

  /**
   * Queued work: ordered by urgency, then age, then arrival. {@code fresh} is the entry as just
   * stored, carried only by a first attempt that starts at once (an idle lane), so that attempt
   * does not read back the row just written; queued and retried tasks read their row, so queued
   * work holds no envelopes in memory.
   */
  private record Task(String messageId, int priorityRank, Instant createdAt, long seq, Optional<OutboxEntry> fresh) {
    static final Comparator<Task> ORDER = Comparator.comparingInt(Task::priorityRank)
        .thenComparing(Task::createdAt).thenComparingLong(Task::seq);

    Task withoutEntry() {
      return fresh.isEmpty() ? this : new Task(messageId, priorityRank, createdAt, seq, Optional.empty());
    }
  }

  /** How an attempt ended, for its lane. */
  private enum Outcome {
    /** The entry was no longer pending: nothing was sent. */
    NOTHING_TO_DO,
    /** A verified receipt (accepting or rejecting) completed the entry: the peer is reachable. */
    ANSWERED,
    /** A transport failure: the lane pauses. */
    UNREACHABLE,
    /** A failure of this message only: it retries on its own backoff, the lane goes on. */
    MESSAGE_FAILED
  }

  private record Attempted(Outcome outcome, String error) {}

  private record Paused(Instant until, Optional<Duration> timer) {}

  /** One delivery on a worker thread, under the lease its lane held when it started (null on a single node). */
  private record Dispatch(Lane lane, Task task, Lease lease) implements Runnable, Comparable<Dispatch> {
    @Override
    public void run() {
      lane.run(task, lease);
    }

    @Override
    public int compareTo(Dispatch o) {
      return Task.ORDER.compare(task, o.task);
    }
  }

  /**
   * Delivery to one Party. Open: starts ready tasks, most urgent first, while fewer than {@code
   * parallelism} are in flight and none in flight is more urgent. Paused: starts nothing until the
   * backoff timer allows one probe.
   */
  private final class Lane {
    private final PartyCode party;
    private final PriorityQueue<Task> ready = new PriorityQueue<>(64, Task.ORDER);
    private final PriorityQueue<Task> inFlight = new PriorityQueue<>(Task.ORDER);
    private boolean paused;
    private int failures;  // transport failures since the peer last answered
    private Instant resumeAt;
    private boolean probeAllowed;
    private Task probe;
    /** Cluster mode: the lease this lane runs under; null while closed. */
    private Lease lease;
    /** Cluster mode: a read of the outbox for this lane is queued after a hint ({@link #wake}). */
    final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** Cluster mode: ids queued, in flight or waiting for their retry, so a poll queues each once. */
    private final Set<String> known = new HashSet<>();

    Lane(PartyCode party) {
      this.party = party;
    }

    synchronized boolean isOpen() {
      return leases == null || lease != null;
    }

    synchronized void open(Lease held) {
      lease = held;
      pump();
    }

    /** Closes the lane (every lease, or only {@code fenced} if it is still the one held). */
    synchronized void close(Optional<Lease> fenced) {
      if (fenced.isPresent() && !fenced.get().equals(lease)) {
        return;
      }
      lease = null;
      ready.clear();
      known.clear();
      paused = false;
      failures = 0;
      probe = null;
      probeAllowed = false;
      metrics.queueDepth(party.code(), 0);
    }

    synchronized void load(List<OutboxStore.Queued> pending) {
      for (OutboxStore.Queued q : pending) {
        if (isOpen() && known.add(q.messageId())) {
          ready.add(new Task(q.messageId(), q.priorityRank(), q.createdAt(), sequence.incrementAndGet(), Optional.empty()));
        }
      }
      metrics.queueDepth(party.code(), ready.size());
      pump();
    }

    /** Queues {@code task} if this lane runs here; false when it does not (closed, or another member's). */
    synchronized boolean add(Task task) {
      if (closed || !isOpen()) {
        return false;
      }
      known.add(task.messageId());
      ready.add(ready.isEmpty() ? task : task.withoutEntry());
      metrics.queueDepth(party.code(), ready.size());
      pump();
      return true;
    }

    private void pump() {
      if (closed || !isOpen()) {
        return;
      }
      if (paused) {
        if (probeAllowed && probe == null && !ready.isEmpty()) {
          probeAllowed = false;
          probe = ready.poll();
          launch(probe);
        }
        return;
      }
      while (!ready.isEmpty() && inFlight.size() < retry.parallelism()
          && (inFlight.isEmpty() || inFlight.peek().priorityRank() >= ready.peek().priorityRank())) {
        launch(ready.poll());
      }
    }

    private void launch(Task task) {
      inFlight.add(task);
      metrics.queueDepth(party.code(), ready.size());
      workers().execute(new Dispatch(this, task, lease));
    }

    void run(Task task, Lease held) {
      try {
        runUnder(task, held, fence(held));
      } catch (FencedOut e) {
        fenced(task, held, e);
      }
    }

    private void runUnder(Task task, Lease held, Fence fence) {
      Attempted result;
      try {
        result = attempt(party, task, fence);
      } catch (FencedOut e) {
        throw e;
      } catch (RuntimeException e) {
        LOG.atError().addKeyValue("messageId", task.messageId()).log("delivery attempt crashed: {}", e.toString());
        result = new Attempted(Outcome.MESSAGE_FAILED, e.toString());
      }
      switch (result.outcome()) {
        case UNREACHABLE -> {
          Paused paused = pause(task);
          recordFailure(party, task.messageId(), paused.until(), result.error(), fence);
          // Armed only now: a probe of this same message must not start before its failure is stored.
          paused.timer().ifPresent(delay -> later(this::allowProbe, delay));
        }
        case MESSAGE_FAILED -> {
          finished(task, false);
          retryLater(party, task, result.error(), fence);
        }
        case ANSWERED -> {
          forget(task);
          finished(task, true);
        }
        case NOTHING_TO_DO -> {
          forget(task);
          finished(task, false);
        }
      }
    }

    private synchronized void forget(Task task) {
      known.remove(task.messageId());
    }

    /** Another member took this lane over: the work is dropped, nothing was written. */
    private void fenced(Task task, Lease held, FencedOut e) {
      LOG.atInfo().addKeyValue("messageId", task.messageId()).addKeyValue("peer", party.code())
          .log("cluster: write refused by the fence, work abandoned: {}", e.getMessage());
      metrics.fencedWrite(party.code());
      synchronized (this) {
        inFlight.remove(task);
        ready.remove(task);
        known.remove(task.messageId());
        if (task == probe) {
          probe = null;
          probeAllowed = true;
        }
      }
      close(Optional.ofNullable(held));
    }

    /**
     * Pauses the lane (again, longer, if the probe failed) and queues the failed task again; the
     * caller arms the returned timer, if any (none when the lane was already paused by another).
     */
    private synchronized Paused pause(Task failed) {
      inFlight.remove(failed);
      ready.add(failed.withoutEntry());
      if (paused && failed != probe) {
        return new Paused(resumeAt, Optional.empty());
      }
      probe = null;
      probeAllowed = false;
      paused = true;
      failures++;
      Duration delay = retry.delayAfter(failures);
      resumeAt = clock.instant().plus(delay);
      return new Paused(resumeAt, Optional.of(delay));
    }

    synchronized int failuresInARow() {
      return failures;
    }

    private synchronized void allowProbe() {
      probeAllowed = true;
      pump();
    }

    private synchronized void finished(Task task, boolean peerAnswered) {
      inFlight.remove(task);
      if (peerAnswered) {
        paused = false;
        failures = 0;
        probeAllowed = false;
        probe = null;
      } else if (task == probe) {
        probe = null;
        probeAllowed = true;  // nothing learnt about the peer: the next most urgent message probes
      }
      pump();
    }
  }

  private Attempted attempt(PartyCode party, Task task, Fence fence) {
    Optional<OutboxEntry> found = task.fresh().isPresent() ? task.fresh() : outbox.find(task.messageId());
    if (found.isEmpty() || found.get().state() != OutboxEntry.State.PENDING) {
      return new Attempted(Outcome.NOTHING_TO_DO, null);  // already completed by an earlier attempt
    }
    OutboxEntry entry = found.get();
    byte[] envelopeBytes = freshEnvelope(entry, party, fence);
    Envelope envelope = parse(envelopeBytes);
    DeliverResponse response;
    try {
      ManagedChannel channel = channels.forParty(party);
      if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
        // Our own backoff decides when to try again; gRPC's reconnect backoff would add minutes.
        channel.resetConnectBackoff();
      }
      response = NodeExchangeServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .deliver(DeliverRequest.newBuilder().setEnvelope(ByteString.copyFrom(envelopeBytes)).build());
    } catch (StatusRuntimeException | IllegalArgumentException e) {
      // INVALID_ARGUMENT is about this envelope; every other failure is about reaching the peer.
      boolean thisMessageOnly = e instanceof StatusRuntimeException s
          && s.getStatus().getCode() == io.grpc.Status.Code.INVALID_ARGUMENT;
      return new Attempted(thisMessageOnly ? Outcome.MESSAGE_FAILED : Outcome.UNREACHABLE, describe(e));
    }
    VerifiedReceipt receipt;
    try {
      receipt = receiptVerifier.get().verify(response.getSignedReceipt().toByteArray(), envelope.getRouting(),
          envelopeBytes);
    } catch (ReceiptVerificationException e) {
      LOG.atError().addKeyValue("messageId", entry.messageId()).log("receipt refused: {}", e.getMessage());
      return new Attempted(Outcome.MESSAGE_FAILED, "receipt refused: " + e.getMessage());
    }
    boolean accepted = receipt.receipt().getStatus() == ReceiptStatus.RECEIPT_STATUS_ACCEPTED;
    Instant now = clock.instant();
    String priority = Priority.forNumber(entry.priorityRank()).name();
    AuditEvent delivered = AuditEvent.byNode(accepted ? AuditAction.MESSAGE_DELIVERED
        : AuditAction.MESSAGE_REFUSED_BY_PEER, entry.caseId(), entry.messageId(), "to " + entry.recipient()
        + ", receipt " + receipt.receipt().getStatus().name() + (accepted ? "" : " " + receipt.receipt().getReason()
        .name()));
    metrics.message("outbound", priority, accepted ? "accepted" : "rejected");
    metrics.timeToReceipt(priority, party.code(), Duration.between(entry.createdAt(), now));
    if (!accepted) {
      metrics.pairFailure(party.code(), "rejected");
    }
    // Last: once the entry leaves PENDING, watchers may look at the audit log, metrics and case.
    // The rejection's case record and the audit entry commit with it, and only when this attempt
    // is the one that completes it (one transaction per delivery; a retry after a crash finds
    // either all three or none).
    outbox.complete(entry.messageId(), accepted ? OutboxEntry.State.DELIVERED : OutboxEntry.State.REJECTED,
        response.getSignedReceipt().toByteArray(), receipt.receipt().getStatus().name(),
        accepted ? null : receipt.receipt().getReason().name(), accepted ? null : receipt.receipt().getArticle(), now,
        fence, c -> {
          if (!accepted) {
            recordRejection(c, entry, receipt.receipt());
          }
          return audit.append(c, delivered);
        });
    if (!accepted) {
      LOG.atWarn().addKeyValue("messageId", entry.messageId()).addKeyValue("reason", receipt.receipt().getReason())
          .log("recipient rejected the message: {}", receipt.receipt().getDetail());
    }
    return new Attempted(Outcome.ANSWERED, null);
  }

  private void recordRejection(java.sql.Connection c, OutboxEntry entry, org.relay247.protocol.v1.Receipt receipt)
      throws java.sql.SQLException {
    java.sql.Savepoint before = c.setSavepoint();
    try {
      pipeline.rejected(c, StoredMessages.inner(entry.messageId(), entry.innerMessage()), receipt, clock.instant());
      c.releaseSavepoint(before);
    } catch (java.sql.SQLException | RuntimeException e) {
      c.rollback(before);
      c.releaseSavepoint(before);
      LOG.atError().addKeyValue("messageId", entry.messageId()).log("rejection not recorded on the case: {}",
          e.toString());
    }
  }

  /** The stored envelope, or a re-sealed one if its signing time is getting old. */
  private byte[] freshEnvelope(OutboxEntry entry, PartyCode party, Fence fence) {
    Instant now = clock.instant();
    if (Duration.between(entry.sealedAt(), now).compareTo(resealAfter) < 0) {
      return entry.envelope();
    }
    InnerMessage inner;
    try {
      inner = InnerMessage.parseFrom(entry.innerMessage());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("stored inner message unreadable", e);
    }
    byte[] resealed = sealer.get().seal(inner, directory.get().encryptionCertificate(party)).toByteArray();
    outbox.resealed(entry.messageId(), resealed, now, fence);
    return resealed;
  }

  /** A failure of this message only: it comes back to its lane after its own backoff. */
  private void retryLater(PartyCode party, Task task, String error, Fence fence) {
    if (closed) {
      return;
    }
    outbox.find(task.messageId()).filter(e -> e.state() == OutboxEntry.State.PENDING).ifPresent(e -> {
      Duration delay = retry.delayAfter(e.attempts() + 1);
      recordFailure(party, task.messageId(), clock.instant().plus(delay), error, fence);
      later(() -> lane(party.code()).add(task.withoutEntry()), delay);
    });
  }

  private void later(Runnable action, Duration delay) {
    try {
      timers.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      if (!closed) {
        throw e;
      }
    }
  }

  private void recordFailure(PartyCode party, String messageId, Instant next, String error, Fence fence) {
    if (closed) {
      return;  // closing interrupted the call: the entry stays as stored, for the next start
    }
    Optional<OutboxEntry> found = outbox.find(messageId);
    if (found.isEmpty()) {
      return;
    }
    OutboxEntry e = found.get();
    int attempts = e.attempts() + 1;
    boolean pending = e.state() == OutboxEntry.State.PENDING;
    if (pending || fence.canRefuse()) {
      // In a cluster even when another member completed the entry meanwhile: a member waking from a
      // hang learns here, from the fence, that its work was taken over (the update itself matches no row).
      outbox.recordFailure(messageId, attempts, next, error, fence);
    }
    if (!pending) {
      return;
    }
    metrics.retry(party.code());
    metrics.pairFailure(party.code(), "attempt");
    LOG.atInfo().addKeyValue("messageId", messageId).addKeyValue("caseId", e.caseId()).addKeyValue("peer", party.code())
        .addKeyValue("attempt", attempts)
        .addKeyValue("retryInMs", Math.max(0, Duration.between(clock.instant(), next).toMillis()))
        .log("delivery failed: {}", error);
  }

  private void escalateOverdue() {
    if (!sweepsDeadlines.getAsBoolean()) {
      return;
    }
    try {
      Instant now = clock.instant();
      for (OutboxStore.Overdue e : outbox.overdue(now)) {
        if (outbox.markEscalated(e.messageId(), now)) {
          String detail = Priority.forNumber(e.priorityRank()).name() + " message to " + e.recipient()
              + " undelivered after " + Duration.between(e.createdAt(), now).toSeconds() + " s ("
              + e.attempts() + " attempts; last error: " + e.lastError().orElse("none") + "); still retrying";
          EscalationStore.Escalation raised = escalations.raise(e.messageId(), "DELIVERY_OVERDUE", now, detail);
          audit.append(AuditEvent.byNode(AuditAction.MESSAGE_ESCALATED, e.caseId(), e.messageId(),
              "DELIVERY_OVERDUE after " + e.attempts() + " attempts"));
          metrics.escalation("DELIVERY_OVERDUE");
          metrics.pairFailure(e.recipientParty(), "overdue");
          LOG.atWarn().addKeyValue("messageId", e.messageId()).addKeyValue("escalation", "DELIVERY_OVERDUE")
              .log(detail);
          events.publishEscalation(raised);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("deadline sweep failed: {}", e.toString());
    }
  }

  private static Envelope parse(byte[] bytes) {
    try {
      return Envelope.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("stored envelope unreadable", e);
    }
  }

  private static String describe(RuntimeException e) {
    if (!(e instanceof StatusRuntimeException s)) {
      return e.getMessage();
    }
    String status = s.getStatus().getCode()
        + (s.getStatus().getDescription() == null ? "" : ": " + s.getStatus().getDescription());
    // gRPC reports a refused handshake as "UNAVAILABLE: io exception"; the operator needs the why.
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof java.security.cert.CertificateException) {
        return status + " (TLS: " + c.getMessage() + ")";
      }
    }
    return status;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * Stops delivering: calls in flight are cancelled and their entries stay pending in the outbox,
   * for the next start. Returns once every delivery thread has ended (at most {@link #CLOSE_WAIT}),
   * so none of them touches the store after the node closes it.
   */
  @Override
  public void close() {
    closed = true;
    timers.shutdownNow();
    ThreadPoolExecutor running;
    synchronized (this) {
      running = workers;
    }
    if (running == null) {
      return;
    }
    // Interrupting a blocking gRPC call cancels it. Awaited outside this object's lock, which a
    // finishing delivery may take to start the next one.
    running.shutdownNow();
    try {
      if (!running.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("delivery threads still running {} s after close", CLOSE_WAIT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Transport failures in a row of the deliveries to {@code party} since it last answered: 0 while
   * it is reachable (or never tried); while above 0 its lane is paused and only one message probes.
   */
  public int failuresInARow(String party) {
    Lane lane = lanes.get(party);
    return lane == null ? 0 : lane.failuresInARow();
  }

  /** Pending messages per recipient Party, from the store. */
  public Map<String, Long> queueDepths() {
    return outbox.pendingByParty();
  }
}
