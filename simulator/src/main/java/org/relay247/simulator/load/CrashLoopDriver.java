package org.relay247.simulator.load;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.SubmitDraftRequest;

/**
 * The national case system of the crash loop: threads submitting emergency drafts to the sender's
 * national API at a fixed overall rate, each with a message id of its own, retrying a draft with
 * the same id (idempotent) until SubmitDraft returns. A draft counts as acknowledged only then:
 * from that moment the node owes its delivery, whatever happens to either process.
 */
final class CrashLoopDriver implements AutoCloseable {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final NationalApiClient api;
  private final InnerMessage draft;
  private final Clock clock;
  private final long intervalNanos;
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong nextSlot;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  private CrashLoopDriver(NationalApiClient api, InnerMessage draft, int rate, Clock clock) {
    this.api = api;
    this.draft = draft;
    this.clock = clock;
    this.intervalNanos = 1_000_000_000L / rate;
    this.nextSlot = new AtomicLong(System.nanoTime());
  }

  /** Starts {@code submitters} threads sharing {@code rate} drafts per second. */
  static CrashLoopDriver start(NationalApiClient api, InnerMessage draft, int rate, int submitters, Clock clock) {
    CrashLoopDriver d = new CrashLoopDriver(api, draft, rate, clock);
    for (int i = 1; i <= submitters; i++) {
      Thread t = new Thread(d::submitLoop, "crash-loop-submit-" + i);
      t.setDaemon(true);
      d.threads.add(t);
      t.start();
    }
    return d;
  }

  private void submitLoop() {
    while (running) {
      long slot = nextSlot.getAndAdd(intervalNanos);
      long wait;
      while (running && (wait = slot - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      if (!running) {
        return;
      }
      submitUntilAnswered(draft.toBuilder().setRouting(draft.getRouting().toBuilder()
          .setMessageId(MessageIds.next(clock))).build());
    }
  }

  /**
   * Submits until the node answers. A transport failure (the node killed or restarting) is
   * retried with the same draft, however long that takes, also after {@link #close} began: a
   * draft may have been stored before the answer was lost, and only its acknowledgement tells.
   */
  private void submitUntilAnswered(InnerMessage m) {
    SubmitDraftRequest request = SubmitDraftRequest.newBuilder().setDraft(m).build();
    while (true) {
      try {
        api.blocking(CALL_TIMEOUT).submitDraft(request);
        acknowledged.add(m.getRouting().getMessageId());
        return;
      } catch (StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        if (code != Status.Code.UNAVAILABLE && code != Status.Code.DEADLINE_EXCEEDED
            && code != Status.Code.CANCELLED && code != Status.Code.UNKNOWN) {
          // The node answered and refused the draft: it owes nothing for it.
          refused.incrementAndGet();
          return;
        }
        retries.incrementAndGet();
        api.channel().resetConnectBackoff();
        LockSupport.parkNanos(50_000_000);
      }
    }
  }

  /** Ids of the drafts SubmitDraft accepted so far. */
  Set<String> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  long acknowledgedCount() {
    return acknowledged.size();
  }

  /** Submissions retried after a transport failure. */
  long retries() {
    return retries.get();
  }

  /** Drafts the node answered with an error other than unavailability (expected: none). */
  long refused() {
    return refused.get();
  }

  /** Stops starting new drafts and waits until every started one is answered. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      LockSupport.unpark(t);
      t.join();
    }
  }
}
