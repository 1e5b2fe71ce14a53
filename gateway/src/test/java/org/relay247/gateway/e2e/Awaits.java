package org.relay247.gateway.e2e;

import java.time.Duration;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.OutboxEntry;

/** Waiting for asynchronous outcomes, bounded; the bound is a failure, never a measurement. */
public final class Awaits {
  private Awaits() {}

  /** The outbox entry once its receipt (acceptance or rejection) came back; fails after 60 s. */
  public static OutboxEntry completed(GatewayNode node, String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      OutboxEntry e = node.outboxStore().find(id).orElseThrow();
      if (e.state() != OutboxEntry.State.PENDING) {
        return e;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("message " + id + " not completed in 60 s: "
        + node.outboxStore().find(id).flatMap(OutboxEntry::lastError).orElse("no error recorded"));
  }

  /**
   * Waits until {@code condition} holds, polling; fails after {@code bound} naming {@code what}.
   * The bound is a failure, never a measurement (as Awaitility's atMost).
   */
  public static void until(String what, Duration bound, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": not within " + bound);
      }
      Thread.sleep(20);
    }
  }
}
