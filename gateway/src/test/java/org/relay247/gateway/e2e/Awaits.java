package org.relay247.gateway.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.OutboxEntry;

/**
 * The test kit's waits for asynchronous outcomes, on Awaitility. A bound is a failure, never a
 * measurement; a failure names what was awaited and, for a delivery, the last error the outbox
 * recorded.
 */
public final class Awaits {
  private static final Duration DELIVERY_BOUND = Duration.ofSeconds(60);

  private Awaits() {}

  /** The outbox entry once its receipt (acceptance or rejection) came back; fails after 60 s. */
  public static OutboxEntry completed(GatewayNode node, String id) {
    AtomicReference<OutboxEntry> done = new AtomicReference<>();
    try {
      await("message " + id + " completed").atMost(DELIVERY_BOUND).pollInterval(Duration.ofMillis(20))
          .until(() -> {
            OutboxEntry e = node.outboxStore().find(id).orElseThrow();
            done.set(e);
            return e.state() != OutboxEntry.State.PENDING;
          });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("message " + id + " not completed in " + DELIVERY_BOUND.toSeconds() + " s: "
          + node.outboxStore().find(id).flatMap(OutboxEntry::lastError).orElse("no error recorded"), e);
    }
    return done.get();
  }

  /** Waits until {@code condition} holds; fails after {@code bound} naming {@code what}. */
  public static void until(String what, Duration bound, java.util.function.BooleanSupplier condition) {
    await(what).atMost(bound).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
  }

  /** Waits until a track of a case reaches {@code state} at {@code node}; fails after 20 s. */
  public static void trackState(GatewayNode node, String caseId, String trackId, TrackState state) {
    until("track " + trackId + " at " + node.party() + " in state " + state, Duration.ofSeconds(20),
        () -> node.cases().find(caseId).flatMap(c -> c.track(trackId)).map(t -> t.state() == state).orElse(false));
  }

  /** Waits until {@code node} has stored message {@code id} in its inbox; fails after 20 s. */
  public static void received(GatewayNode node, String id) {
    until("message " + id + " in the inbox of " + node.party(), Duration.ofSeconds(20),
        () -> node.inbox().find(id).isPresent());
  }
}
