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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.directory.DirectoryView;
import org.relay247.gateway.events.NodeEvents;
import org.relay247.gateway.metrics.NodeMetrics;
import org.relay247.gateway.pipeline.Pipeline;
import org.relay247.gateway.pipeline.StoredMessages;
import org.relay247.gateway.store.EscalationStore;
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
 * Delivers the outbox. One lane per recipient Party, each a priority queue served by a fixed
 * number of workers: the most urgent due message is always taken next, so an emergency never
 * waits behind routine traffic (at most behind the deliveries already in flight). A failed
 * attempt is retried with exponential backoff and jitter until a verified receipt arrives; past
 * its deadline a message raises one escalation and keeps being retried. An envelope older than
 * half the allowed clock skew is re-sealed (fresh signing time, same message) before it is sent.
 */
public final class DeliveryScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryScheduler.class);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

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
  private volatile boolean closed;

  public DeliveryScheduler(OutboxStore outbox, EscalationStore escalations, PeerChannels channels,
      Supplier<EnvelopeSealer> sealer, Supplier<ReceiptVerifier> receiptVerifier, Supplier<DirectoryView> directory,
      RetryPolicy retry, Duration maxClockSkew, NodeEvents events, NodeMetrics metrics, Clock clock, AuditLog audit,
      Pipeline pipeline) {
    this.pipeline = java.util.Objects.requireNonNull(pipeline, "pipeline");
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

  /** Resumes every pending message (after a start or a crash) and starts the deadline sweep. */
  public void start() {
    for (OutboxEntry e : outbox.pending()) {
      enqueueAt(e, e.nextAttemptAt());
    }
    timers.scheduleWithFixedDelay(this::escalateOverdue, 1, 1, TimeUnit.SECONDS);
  }

  /** Queues a newly stored entry for immediate delivery. */
  public void enqueue(OutboxEntry e) {
    lane(e.recipientParty()).add(new Task(e.messageId(), e.priorityRank(), e.createdAt(), sequence.incrementAndGet()));
  }

  private void enqueueAt(OutboxEntry e, Instant due) {
    long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis());
    Task task = new Task(e.messageId(), e.priorityRank(), e.createdAt(), sequence.incrementAndGet());
    if (delay == 0) {
      lane(e.recipientParty()).add(task);
    } else {
      timers.schedule(() -> lane(e.recipientParty()).add(task), delay, TimeUnit.MILLISECONDS);
    }
  }

  private Lane lane(String party) {
    return lanes.computeIfAbsent(party, p -> new Lane(new PartyCode(p)));
  }

  /** Queued work: ordered by urgency, then age, then arrival. */
  private record Task(String messageId, int priorityRank, Instant createdAt, long seq) {
    static final Comparator<Task> ORDER = Comparator.comparingInt(Task::priorityRank)
        .thenComparing(Task::createdAt).thenComparingLong(Task::seq);
  }

  private final class Lane {
    private final PartyCode party;
    private final PriorityBlockingQueue<Task> ready = new PriorityBlockingQueue<>(64, Task.ORDER);
    private final ExecutorService workers;

    Lane(PartyCode party) {
      this.party = party;
      this.workers = Executors.newFixedThreadPool(retry.parallelism(), r -> daemon(r, "relay247-deliver-" + party));
      for (int i = 0; i < retry.parallelism(); i++) {
        workers.execute(this::work);
      }
    }

    void add(Task task) {
      if (!closed) {
        ready.add(task);
        metrics.queueDepth(party.code(), ready.size());
      }
    }

    private void work() {
      while (!closed) {
        Task task;
        try {
          task = ready.take();
        } catch (InterruptedException e) {
          return;
        }
        metrics.queueDepth(party.code(), ready.size());
        try {
          attempt(party, task);
        } catch (RuntimeException e) {
          LOG.atError().addKeyValue("messageId", task.messageId()).log("delivery attempt crashed: {}", e.toString());
          retryLater(party, task.messageId(), e.toString());
        }
      }
    }

    void shutdown() {
      workers.shutdownNow();
    }
  }

  private void attempt(PartyCode party, Task task) {
    Optional<OutboxEntry> found = outbox.find(task.messageId());
    if (found.isEmpty() || found.get().state() != OutboxEntry.State.PENDING) {
      return;  // already completed by an earlier attempt
    }
    OutboxEntry entry = found.get();
    byte[] envelopeBytes = freshEnvelope(entry, party);
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
      retryLater(party, entry.messageId(), describe(e));
      return;
    }
    VerifiedReceipt receipt;
    try {
      receipt = receiptVerifier.get().verify(response.getSignedReceipt().toByteArray(), envelope.getRouting(),
          envelopeBytes);
    } catch (ReceiptVerificationException e) {
      LOG.atError().addKeyValue("messageId", entry.messageId()).log("receipt refused: {}", e.getMessage());
      retryLater(party, entry.messageId(), "receipt refused: " + e.getMessage());
      return;
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
        c -> {
          if (!accepted) {
            recordRejection(c, entry, receipt.receipt());
          }
          return audit.append(c, delivered);
        });
    if (!accepted) {
      LOG.atWarn().addKeyValue("messageId", entry.messageId()).addKeyValue("reason", receipt.receipt().getReason())
          .log("recipient rejected the message: {}", receipt.receipt().getDetail());
    }
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
  private byte[] freshEnvelope(OutboxEntry entry, PartyCode party) {
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
    outbox.resealed(entry.messageId(), resealed, now);
    return resealed;
  }

  private void retryLater(PartyCode party, String messageId, String error) {
    if (closed) {
      return;
    }
    Optional<OutboxEntry> found = outbox.find(messageId);
    if (found.isEmpty() || found.get().state() != OutboxEntry.State.PENDING) {
      return;
    }
    OutboxEntry e = found.get();
    int attempts = e.attempts() + 1;
    Duration delay = retry.delayAfter(attempts);
    Instant next = clock.instant().plus(delay);
    outbox.recordFailure(messageId, attempts, next, error);
    metrics.retry(party.code());
    metrics.pairFailure(party.code(), "attempt");
    LOG.atInfo().addKeyValue("messageId", messageId).addKeyValue("caseId", e.caseId()).addKeyValue("peer", party.code())
        .addKeyValue("attempt", attempts)
        .addKeyValue("retryInMs", delay.toMillis()).log("delivery failed: {}", error);
    enqueueAt(e, next);
  }

  private void escalateOverdue() {
    try {
      Instant now = clock.instant();
      for (OutboxEntry e : outbox.pending()) {
        if (e.escalatedAt().isEmpty() && now.isAfter(e.deadlineAt()) && outbox.markEscalated(e.messageId(), now)) {
          String detail = Priority.forNumber(e.priorityRank()).name() + " message to " + e.recipient()
              + " undelivered after " + Duration.between(e.createdAt(), now).toSeconds() + " s ("
              + e.attempts() + " attempts; last error: " + e.lastError().orElse("none") + "); still retrying";
          escalations.raise(e.messageId(), "DELIVERY_OVERDUE", now, detail);
          audit.append(AuditEvent.byNode(AuditAction.MESSAGE_ESCALATED, e.caseId(), e.messageId(),
              "DELIVERY_OVERDUE after " + e.attempts() + " attempts"));
          metrics.escalation("DELIVERY_OVERDUE");
          metrics.pairFailure(e.recipientParty(), "overdue");
          LOG.atWarn().addKeyValue("messageId", e.messageId()).addKeyValue("escalation", "DELIVERY_OVERDUE")
              .log(detail);
          escalations.recent(1).forEach(events::publishEscalation);
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

  @Override
  public void close() {
    closed = true;
    timers.shutdownNow();
    lanes.values().forEach(Lane::shutdown);
  }

  /** Pending messages per recipient Party, from the store. */
  public Map<String, Long> queueDepths() {
    return outbox.pendingByParty();
  }
}
