package org.relay247.gateway.api;

import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.relay247.gateway.events.NodeEvents;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.InboxStore;
import org.relay247.protocol.v1.InboxSummary;
import org.relay247.protocol.v1.WatchInboxResponse;

/**
 * One WatchInbox stream: the entries stored after the client's cursor, then live arrivals, with
 * nothing missed in between. It subscribes to arrivals <em>before</em> reading the store, so an
 * entry committed during the replay is either read from the store or queued as an arrival (or
 * both: sends are deduplicated by seq). An arrival is sent even when its seq is below one already
 * sent, because seqs are assigned at insert and two concurrent deliveries may commit out of
 * order. Sending follows gRPC flow control: a slow client is fed as it reads, and if it falls
 * too far behind the queued arrivals are dropped and read again from the store.
 *
 * <p>All sending happens on one task at a time on {@code executor}, never on the thread that
 * stored the message.
 */
final class InboxWatch {
  // Entries are read whole (inner message and envelope): a page of evidence chunks is about 2 MiB
  // each, so a small page keeps a replay of 1 GiB of results within a 256 MiB heap.
  private static final int PAGE = 8;
  private static final int MAX_QUEUED = 1_000;
  private static final int REMEMBERED = 4_096;

  private final InboxStore inbox;
  private final ServerCallStreamObserver<WatchInboxResponse> out;
  private final Executor executor;
  private final boolean storedOnly;
  private final AtomicInteger wanted = new AtomicInteger();
  private final Object lock = new Object();
  private final ArrayDeque<InboxSummary> arrivals = new ArrayDeque<>();  // guarded by lock
  private boolean replaying = true;  // guarded by lock
  private volatile boolean done;
  private volatile AutoCloseable subscription;
  // Touched by the sending task only.
  private long cursor;
  private final LinkedHashSet<Long> sent = new LinkedHashSet<>();

  private InboxWatch(InboxStore inbox, ServerCallStreamObserver<WatchInboxResponse> out, Executor executor,
      long afterSeq, boolean storedOnly) {
    this.inbox = inbox;
    this.out = out;
    this.executor = executor;
    this.cursor = afterSeq;
    this.storedOnly = storedOnly;
  }

  /** Starts a stream; must be called from the gRPC method (it installs the call's handlers). */
  static void start(InboxStore inbox, NodeEvents events, ServerCallStreamObserver<WatchInboxResponse> out,
      Executor executor, long afterSeq, boolean storedOnly) {
    InboxWatch watch = new InboxWatch(inbox, out, executor, afterSeq, storedOnly);
    out.setOnCancelHandler(watch::stop);
    out.setOnReadyHandler(watch::schedule);
    if (!storedOnly) {
      watch.subscription = events.onInbox(watch::arrived);
      if (watch.done) {
        watch.stop();  // cancelled while subscribing
        return;
      }
    }
    watch.schedule();
  }

  private void arrived(InboxEntry entry) {
    synchronized (lock) {
      if (done) {
        return;
      }
      if (entry.seq() == 0 || arrivals.size() >= MAX_QUEUED) {
        // The store holds every arrival: catch up from it rather than buffer without bound.
        arrivals.clear();
        replaying = true;
      } else {
        arrivals.add(ApiMessages.summary(entry));
      }
    }
    schedule();
  }

  private void schedule() {
    if (!done && wanted.getAndIncrement() == 0) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    int missed = 1;
    do {
      try {
        pump();
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      missed = wanted.addAndGet(-missed);
    } while (missed != 0);
  }

  private void pump() {
    while (!done && out.isReady()) {
      boolean replay;
      synchronized (lock) {
        replay = replaying;
      }
      if (replay) {
        List<InboxEntry> page = inbox.after(cursor, PAGE);
        for (InboxEntry e : page) {
          send(ApiMessages.summary(e));
        }
        if (page.size() < PAGE) {
          synchronized (lock) {
            replaying = false;
          }
          if (storedOnly) {
            stop();
            out.onCompleted();
            return;
          }
        }
      } else {
        InboxSummary next;
        synchronized (lock) {
          next = arrivals.poll();
        }
        if (next == null) {
          return;
        }
        send(next);
      }
    }
  }

  private void send(InboxSummary summary) {
    if (!sent.add(summary.getSeq())) {
      return;
    }
    if (sent.size() > REMEMBERED) {
      Iterator<Long> oldest = sent.iterator();
      oldest.next();
      oldest.remove();
    }
    cursor = Math.max(cursor, summary.getSeq());
    out.onNext(WatchInboxResponse.newBuilder().setEntry(summary).build());
  }

  private void fail(RuntimeException e) {
    if (done) {
      return;
    }
    stop();
    try {
      out.onError(ApiErrors.toStatus("WatchInbox", e));
    } catch (RuntimeException ignored) {
      // the call is already closed
    }
  }

  private void stop() {
    synchronized (lock) {
      done = true;
      arrivals.clear();
    }
    AutoCloseable s = subscription;
    if (s != null) {
      try {
        s.close();
      } catch (Exception e) {
        // unsubscribing from an in-memory list does not fail
      }
    }
  }
}
