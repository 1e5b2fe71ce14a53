package org.relay247.simulator.sim;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.gateway.store.EscalationStore;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.protocol.v1.GetCaseRequest;
import org.relay247.protocol.v1.GetMessageRequest;
import org.relay247.protocol.v1.InboxSummary;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.ListEscalationsRequest;
import org.relay247.protocol.v1.ListOutboxRequest;
import org.relay247.protocol.v1.OutboxStatus;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.RejectionReason;
import org.relay247.protocol.v1.WatchInboxRequest;
import org.relay247.protocol.v1.WatchInboxResponse;

/**
 * A Party's node in its own OS process ({@code --processes}): {@link NodeProcess} started with
 * the node's config, read only through its national API (mutual TLS), as a national system would.
 * The process is stopped by {@link #kill} with SIGKILL (a crash: nothing is flushed or closed)
 * and started again on the same config, ports and database by {@link #start}.
 *
 * <p>Its clock is the shared virtual clock's offset, sent over the process's standard input
 * ({@link #offset}); the process confirms each change before the run goes on.
 */
final class ProcessNode implements NodeView {
  private static final Duration CALL = Duration.ofSeconds(30);
  private static final int LIMIT = 1000;

  private final String party;
  private final Path config;
  private final Path log;
  private final Supplier<NationalApiClient> api;
  private final List<Consumer<InboxEntry>> listeners = new CopyOnWriteArrayList<>();
  private Process process;
  private Writer control;
  private BufferedReader replies;
  private volatile long seen;
  private volatile Context.CancellableContext watch;

  ProcessNode(String party, Path config, Path log, Supplier<NationalApiClient> api) {
    this.party = party;
    this.config = config;
    this.log = log;
    this.api = api;
  }

  /** Starts the node's process with this clock offset and returns once its APIs listen. */
  synchronized void start(Duration offset) throws IOException {
    if (running()) {
      throw new IllegalStateException("node " + party + " is already running");
    }
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ProcessBuilder b = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), NodeProcess.class.getName(), config.toString(),
        String.valueOf(offset.toMillis()));
    b.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = b.start();
    control = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = replies.readLine();
    if (line == null || !line.equals(NodeProcess.READY)) {
      process.destroyForcibly();
      throw new IOException("node " + party + "'s process did not start (" + (line == null ? "it exited" : line)
          + "); its log: " + log + ": " + tail());
    }
    watchInbox();
  }

  /** SIGKILL: the process ends at once, as in a power cut. */
  synchronized void kill() throws InterruptedException {
    Context.CancellableContext w = watch;
    if (w != null) {
      w.cancel(null);
    }
    if (process != null) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  /** Stops the process gracefully (its standard input closes: the node closes and exits). */
  synchronized void stop() throws InterruptedException {
    Context.CancellableContext w = watch;
    if (w != null) {
      w.cancel(null);
    }
    if (running()) {
      try {
        control.close();
      } catch (IOException e) {
        // Already gone.
      }
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  String party() {
    return party;
  }

  boolean running() {
    return process != null && process.isAlive();
  }

  /** Sets the node's clock to real time plus {@code offset}; returns once the process applied it. */
  void offset(Duration offset) throws IOException {
    command("offset " + offset.toMillis());
  }

  /**
   * Has the node process run one control command ({@link NodeProcess}: reload-crls,
   * reload-directory, reload-keys); returns once it is done. A stopped process is skipped: it
   * reads everything afresh when it starts again.
   */
  synchronized void command(String line) throws IOException {
    if (!running()) {
      return;
    }
    control.write(line + "\n");
    control.flush();
    String reply = replies.readLine();
    if (!NodeProcess.OK.equals(reply)) {
      throw new IOException("node " + party + "'s process did not do \"" + line + "\" (" + reply + ")");
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "unreadable";
    }
  }

  // -------------------------------------------------------------------------- national API reads

  @Override
  public List<OutboxEntry> pending() {
    return outboxRecent().stream().filter(e -> e.state() == OutboxEntry.State.PENDING).toList();
  }

  /**
   * From the outbox listing: while a lane is paused only its probe is tried, so the failed
   * attempts of the pending message to {@code peer} that failed most often since it was queued.
   */
  @Override
  public int failuresInARow(String peer) {
    return pending().stream().filter(e -> e.recipientParty().equals(peer) && e.lastError().isPresent())
        .mapToInt(OutboxEntry::attempts).max().orElse(0);
  }

  @Override
  public Optional<OutboxEntry> outbox(String messageId) {
    try {
      var r = api.get().blocking(CALL).getMessage(GetMessageRequest.newBuilder().setMessageId(messageId).build());
      return r.hasOutbound() ? Optional.of(entry(r.getOutbound().getStatus())) : Optional.empty();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public List<OutboxEntry> outboxRecent() {
    return api.get().blocking(CALL).listOutbox(ListOutboxRequest.newBuilder().setLimit(LIMIT).build())
        .getEntriesList().stream().map(ProcessNode::entry).toList();
  }

  @Override
  public List<InboxEntry> inbox() {
    List<InboxEntry> out = new ArrayList<>();
    api.get().blocking(CALL).watchInbox(WatchInboxRequest.newBuilder().setStoredOnly(true).build())
        .forEachRemaining(r -> out.add(entry(r.getEntry(), new byte[0])));
    return out;
  }

  @Override
  public InnerMessage content(String messageId) {
    return api.get().blocking(CALL).getMessage(GetMessageRequest.newBuilder().setMessageId(messageId).build())
        .getMessage();
  }

  @Override
  public Optional<String> trackState(String caseId, String requestId) {
    try {
      return api.get().blocking(CALL).getCase(GetCaseRequest.newBuilder().setCaseId(caseId).build()).getCaseDetail()
          .getTracksList().stream().filter(t -> t.getRequestMessageId().equals(requestId)).findFirst()
          .map(t -> t.getState());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public List<EscalationStore.Escalation> escalations() {
    return api.get().blocking(CALL).listEscalations(ListEscalationsRequest.newBuilder().setLimit(LIMIT).build())
        .getEscalationsList().stream().map(e -> new EscalationStore.Escalation(e.getId(), e.getMessageId(),
            e.getKind(), instant(e.getRaisedAt()), e.getDetail())).toList();
  }

  @Override
  public void runCaseTimers() {
    // The process's own case-timer worker runs every second (timer-check-interval in its config).
  }

  @Override
  public AutoCloseable onInbox(Consumer<InboxEntry> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Follows the inbox from the last entry seen, until the process stops; started again with it. */
  private void watchInbox() {
    Context.CancellableContext w = Context.current().withCancellation();
    watch = w;
    Thread t = new Thread(() -> w.run(() -> {
      try {
        Iterator<WatchInboxResponse> it = api.get().watching()
            .watchInbox(WatchInboxRequest.newBuilder().setAfterSeq(seen).build());
        while (it.hasNext()) {
          InboxSummary s = it.next().getEntry();
          if (s.getSeq() <= seen) {
            continue;
          }
          seen = s.getSeq();
          InboxEntry e = entry(s, content(s.getMessageId()).toByteArray());
          listeners.forEach(l -> l.accept(e));
        }
      } catch (StatusRuntimeException e) {
        // The process stopped or was killed; start() watches again from the last entry seen.
      }
    }), "relay247-sim-watch-" + party);
    t.setDaemon(true);
    t.start();
  }

  private static InboxEntry entry(InboxSummary s, byte[] content) {
    return new InboxEntry(s.getSeq(), s.getMessageId(), s.getSender(), s.getRecipient(), rank(s.getPriority()),
        s.getCaseId(), s.getReplyToId(), s.getBodyType().toUpperCase(Locale.ROOT), instant(s.getCreatedAt()),
        instant(s.getReceivedAt()), null, null, null, null, null, content, null,
        s.hasAcknowledgement() ? Optional.of(instant(s.getAcknowledgement().getAcknowledgedAt())) : Optional.empty(),
        s.hasAcknowledgement() ? Optional.of(s.getAcknowledgement().getOperatorRole()) : Optional.empty());
  }

  private static OutboxEntry entry(OutboxStatus s) {
    OutboxEntry.State state = switch (s.getState()) {
      case DELIVERY_STATE_DELIVERED -> OutboxEntry.State.DELIVERED;
      case DELIVERY_STATE_REJECTED -> OutboxEntry.State.REJECTED;
      default -> OutboxEntry.State.PENDING;
    };
    return new OutboxEntry(s.getMessageId(), s.getRecipient(), s.getRecipient().substring(0, 2), rank(s.getPriority()),
        s.getCaseId(), s.getBodyType().toUpperCase(Locale.ROOT), instant(s.getCreatedAt()), instant(s.getDeadlineAt()),
        new byte[0], new byte[0], instant(s.getCreatedAt()), state, s.getAttempts(), instant(s.getNextAttemptAt()),
        text(s.getLastError()), s.hasEscalatedAt() ? Optional.of(instant(s.getEscalatedAt())) : Optional.empty(),
        Optional.empty(), Optional.empty(),
        s.getReceiptReason() == RejectionReason.REJECTION_REASON_UNSPECIFIED ? Optional.empty()
            : Optional.of(s.getReceiptReason().name()),
        text(s.getReceiptArticle()), s.hasCompletedAt() ? Optional.of(instant(s.getCompletedAt())) : Optional.empty());
  }

  private static Optional<String> text(String s) {
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  private static int rank(Priority p) {
    return switch (p) {
      case PRIORITY_EMERGENCY -> 0;
      case PRIORITY_URGENT -> 1;
      default -> 2;
    };
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochMilli(Timestamps.toMillis(t));
  }
}
