package org.relay247.gateway.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.OutboxEntry;

/**
 * The test kit's waits for asynchronous outcomes, on Awaitility. A bound is a failure, never a
 * measurement; a failure names what was awaited and, for a delivery, the last error the outbox
 * recorded.
 */
public final class Awaits {
  private static final Duration DELIVERY_BOUND = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(20);

  private Awaits() {}

  /** The outbox entry once its receipt (acceptance or rejection) came back; fails after 60 s. */
  public static OutboxEntry completed(GatewayNode node, String id) {
    try {
      return await("message " + id + " completed").atMost(DELIVERY_BOUND).pollInterval(POLL)
          .until(() -> node.outboxStore().find(id).orElseThrow(), e -> e.state() != OutboxEntry.State.PENDING);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("message " + id + " not completed in " + DELIVERY_BOUND.toSeconds() + " s: "
          + node.outboxStore().find(id).flatMap(OutboxEntry::lastError).orElse("no error recorded"), e);
    }
  }

  /** Waits until {@code condition} holds; fails after {@code bound} naming {@code what}. */
  public static void until(String what, Duration bound, java.util.function.BooleanSupplier condition) {
    await(what).atMost(bound).pollInterval(POLL).until(condition::getAsBoolean);
  }

  /**
   * Waits until {@code condition} holds; fails after {@code bound} naming {@code what} and what
   * {@code seen} shows then (e.g. the last output lines of a node process).
   */
  public static void until(String what, Duration bound, java.util.function.BooleanSupplier condition,
      java.util.function.Supplier<String> seen) {
    try {
      until(what, bound, condition);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(what + ": not within " + bound.toSeconds() + " s; seen:\n" + seen.get(), e);
    }
  }

  /** Waits until a track of a case reaches {@code state} at {@code node}; fails after 20 s. */
  public static void trackState(GatewayNode node, String caseId, String trackId, TrackState state) {
    until("track " + trackId + " at " + node.party() + " in state " + state, Duration.ofSeconds(20),
        () -> node.cases().find(caseId).flatMap(c -> c.track(trackId)).map(t -> t.state() == state).orElse(false));
  }

  /** The entry of message {@code id} once {@code node} has stored it in its inbox; fails after 20 s. */
  public static InboxEntry received(GatewayNode node, String id) {
    return await("message " + id + " in the inbox of " + node.party()).atMost(Duration.ofSeconds(20))
        .pollInterval(POLL).until(() -> node.inbox().find(id), Optional::isPresent).orElseThrow();
  }
}
