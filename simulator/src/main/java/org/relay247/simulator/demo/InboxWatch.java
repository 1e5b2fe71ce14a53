package org.relay247.simulator.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.InboxEntry;

/**
 * What arrives in one node's inbox, from {@code events().onInbox} (called once the message is
 * durably stored and its receipt signed). {@link #await} returns an entry that arrived before or
 * arrives later, so the order of arrival and waiting does not matter.
 */
final class InboxWatch implements AutoCloseable {
  private final String party;
  private final AutoCloseable subscription;
  private final List<InboxEntry> arrived = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private String abortedBecause;

  private record Waiter(Predicate<InboxEntry> match, CompletableFuture<InboxEntry> result) {}

  InboxWatch(GatewayNode node) {
    this.party = node.party().code();
    this.subscription = node.events().onInbox(this::arrived);
  }

  private synchronized void arrived(InboxEntry entry) {
    arrived.add(entry);
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.match().test(entry)) {
        w.result().complete(entry);
        it.remove();
      }
    }
  }

  /** Ends every wait, present and future, with this reason (a scripted actor failed). */
  synchronized void abort(String reason) {
    abortedBecause = reason;
    for (Waiter w : waiters) {
      w.result().completeExceptionally(new DemoFailure(reason));
    }
    waiters.clear();
  }

  /** The first entry matching, waiting at most {@code timeout}. */
  InboxEntry await(String what, Predicate<InboxEntry> match, Duration timeout) throws DemoFailure {
    CompletableFuture<InboxEntry> result = new CompletableFuture<>();
    synchronized (this) {
      for (InboxEntry e : arrived) {
        if (match.test(e)) {
          return e;
        }
      }
      if (abortedBecause != null) {
        throw new DemoFailure(what + ": " + abortedBecause);
      }
      waiters.add(new Waiter(match, result));
    }
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new DemoFailure(what + " did not arrive at " + party + " within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      throw new DemoFailure(what + ": " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoFailure("interrupted while waiting for " + what);
    }
  }

  @Override
  public void close() throws Exception {
    subscription.close();
    synchronized (this) {
      arrived.clear();
    }
  }
}
