package org.relay247.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.pki.TestClock;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.gateway.store.OutboxStore;

/**
 * The outbox writes of delivery work under a lease that was taken over: each is refused by the
 * fence and writes nothing, while the new holder's go through (real database).
 */
class FencedOutboxWritesTest {
  private static final Instant T0 = Instant.parse("2026-12-05T03:00:00Z");
  private static final Duration TTL = Duration.ofSeconds(3);
  private static final String ID = "019ab54e-0000-7000-8000-0000000000f1";
  @TempDir Path dir;
  final TestClock clock = TestClock.stoppedAt(T0);
  Database db;
  LeaseStore leases;
  OutboxStore outbox;

  @BeforeEach
  void open() throws Exception {
    db = TestNetwork.testDatabase(dir);
    leases = new LeaseStore(db, clock);
    outbox = new OutboxStore(db);
    outbox.insert(OutboxEntry.pending(ID, "DE/poc", "DE", 1, null, "PING", T0, T0.plusSeconds(60), new byte[] {1},
        new byte[] {2}));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void writesOfAHolderWhoseLaneWasTakenOver_areRefused_andWriteNothing() {
    Lease old = leases.acquire("lane:DE", "fr-1/run-a", TTL).orElseThrow();
    Lease current = leases.takeOver("lane:DE", "fr-2/run-a", "fr-1/run-a", TTL).orElseThrow();
    AtomicInteger audited = new AtomicInteger();

    assertThatThrownBy(() -> outbox.complete(ID, OutboxEntry.State.DELIVERED, new byte[] {7},
        "RECEIPT_STATUS_ACCEPTED", null, null, T0, leases.fence(old), c -> audited.incrementAndGet()))
        .isInstanceOf(FencedOut.class).hasMessageContaining("epoch 1 of fr-1/run-a is over (now epoch 2 of fr-2/run-a)");
    assertThatThrownBy(() -> outbox.recordFailure(ID, 1, T0.plusSeconds(1), "UNAVAILABLE", leases.fence(old)))
        .isInstanceOf(FencedOut.class);
    assertThatThrownBy(() -> outbox.resealed(ID, new byte[] {9}, T0.plusSeconds(1), leases.fence(old)))
        .isInstanceOf(FencedOut.class);
    OutboxEntry untouched = outbox.find(ID).orElseThrow();
    assertThat(untouched.state()).isEqualTo(OutboxEntry.State.PENDING);
    assertThat(untouched.attempts()).isZero();
    assertThat(untouched.envelope()).containsExactly(2);
    assertThat(audited).hasValue(0);

    outbox.complete(ID, OutboxEntry.State.DELIVERED, new byte[] {7}, "RECEIPT_STATUS_ACCEPTED", null, null, T0,
        leases.fence(current), c -> audited.incrementAndGet());
    assertThat(outbox.find(ID).orElseThrow().state()).isEqualTo(OutboxEntry.State.DELIVERED);
    assertThat(audited).hasValue(1);
  }

  @Test
  void writesAfterTheHolderReleasedTheLane_areRefused() {
    Lease released = leases.acquire("lane:DE", "fr-1/run-a", TTL).orElseThrow();
    leases.release(released);

    assertThatThrownBy(() -> outbox.recordFailure(ID, 1, T0.plusSeconds(1), "UNAVAILABLE", leases.fence(released)))
        .isInstanceOf(FencedOut.class).hasMessageContaining("released");
    assertThat(outbox.find(ID).orElseThrow().attempts()).isZero();
  }
}
