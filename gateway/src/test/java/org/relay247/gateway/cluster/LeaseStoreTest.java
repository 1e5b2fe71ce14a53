package org.relay247.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.gateway.store.OutboxStore;
import org.relay247.pki.TestClock;

/** Leases and their epoch fence on a real database (SQLite, or PostgreSQL in the PostgreSQL run). */
class LeaseStoreTest {
  private static final Duration TTL = Duration.ofSeconds(3);
  private static final String LANE = "deliver:DE";
  @TempDir Path dir;
  final TestClock clock = TestClock.stoppedAt(Instant.parse("2026-12-05T03:00:00Z"));
  Database db;
  LeaseStore leases;

  @BeforeEach
  void open() throws Exception {
    db = TestNetwork.testDatabase(dir);
    leases = new LeaseStore(db, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void freeLease_isTakenWithEpochOne() {
    Lease lease = leases.acquire(LANE, "m1/run-a", TTL).orElseThrow();
    assertThat(lease.epoch()).isEqualTo(1);
    assertThat(lease.expiresAt()).isEqualTo(clock.instant().plus(TTL));
    assertThat(leases.find(LANE)).contains(lease);
  }

  @Test
  void unexpiredLease_isRefusedToAnotherMember() {
    leases.acquire(LANE, "m1/run-a", TTL).orElseThrow();
    clock.advance(TTL.minusMillis(1));
    assertThat(leases.acquire(LANE, "m2/run-a", TTL)).isEmpty();
    assertThat(leases.find(LANE).orElseThrow().holder()).isEqualTo("m1/run-a");
  }

  @Test
  void renewal_keepsTheEpoch_andMovesTheExpiry() {
    Lease lease = leases.acquire(LANE, "m1/run-a", TTL).orElseThrow();
    clock.advance(Duration.ofSeconds(2));
    Lease renewed = leases.renew(lease, TTL);
    assertThat(renewed.epoch()).isEqualTo(1);
    assertThat(renewed.expiresAt()).isEqualTo(clock.instant().plus(TTL));
    assertThat(leases.acquire(LANE, "m1/run-a", TTL).orElseThrow().epoch()).isEqualTo(1);
  }

  @Test
  void expiredLease_isTakenOverWithTheNextEpoch_andTheOldHolderCanNoLongerRenew() {
    Lease old = leases.acquire(LANE, "m1/run-a", TTL).orElseThrow();
    clock.advance(TTL);
    Lease taken = leases.acquire(LANE, "m2/run-a", TTL).orElseThrow();
    assertThat(taken.epoch()).isEqualTo(2);
    assertThatThrownBy(() -> leases.renew(old, TTL)).isInstanceOf(FencedOut.class)
        .hasMessage("lease deliver:DE: epoch 1 of m1/run-a is over (now epoch 2 of m2/run-a):"
            + " its work was taken over and this write is refused");
  }

  @Test
  void memberReportedDead_isTakenOverBeforeItsLeaseExpires() {
    leases.acquire(LANE, "m1/run-a", TTL).orElseThrow();
    assertThat(leases.takeOver(LANE, "m2/run-a", "m3/run-a", TTL)).as("m3 is not the holder").isEmpty();
    Lease taken = leases.takeOver(LANE, "m2/run-a", "m1/run-a", TTL).orElseThrow();
    assertThat(taken.epoch()).isEqualTo(2);
    assertThat(taken.holder()).isEqualTo("m2/run-a");
  }

  @Test
  void writeUnderATakenOverLease_isRefusedAndRolledBack_whileTheHoldersWriteCommits() {
    OutboxStore outbox = new OutboxStore(db);
    Lease zombie = leases.acquire(LANE, "m1/run-a", TTL).orElseThrow();
    clock.advance(TTL);
    Lease current = leases.acquire(LANE, "m2/run-a", TTL).orElseThrow();

    // The hung member wakes up and records its work in a transaction guarded by its old lease.
    assertThatThrownBy(() -> outbox.insert(entry("019ae9f0-0000-7000-8000-000000000001"), c -> {
      leases.checkHeld(c, zombie);
      return null;
    })).isInstanceOf(FencedOut.class).hasMessageContaining("epoch 1 of m1/run-a is over (now epoch 2 of m2/run-a)");
    assertThat(outbox.find("019ae9f0-0000-7000-8000-000000000001")).as("rolled back with the fence").isEmpty();

    outbox.insert(entry("019ae9f0-0000-7000-8000-000000000002"), c -> {
      leases.checkHeld(c, current);
      return null;
    });
    assertThat(outbox.find("019ae9f0-0000-7000-8000-000000000002")).isPresent();
  }

  @Test
  void releasedLease_isFreeAtOnce_butItsEpochIsNeverHandedOutAgain() {
    Lease first = leases.acquire(LANE, "m1/run-a", TTL).orElseThrow();
    leases.release(first);
    assertThatThrownBy(() -> db.inTransaction(c -> {
      leases.checkHeld(c, first);
      return null;
    })).isInstanceOf(FencedOut.class).hasMessageContaining("(released)");
    Lease next = leases.acquire(LANE, "m2/run-a", TTL).orElseThrow();
    assertThat(next.epoch()).isEqualTo(2);
  }

  @Test
  void membersRacingForAFreeLease_exactlyOneGetsIt() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<Optional<Lease>>> racers = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String holder = "m" + i + "/run-a";
        racers.add(() -> leases.acquire(LANE, holder, TTL));
      }
      List<Lease> won = new ArrayList<>();
      for (Future<Optional<Lease>> f : pool.invokeAll(racers)) {
        f.get().ifPresent(won::add);
      }
      assertThat(won).hasSize(1);
      assertThat(won.get(0).epoch()).isEqualTo(1);
      assertThat(leases.find(LANE).orElseThrow().holder()).isEqualTo(won.get(0).holder());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void badTtlOrName_isRefusedWithTheExpectedValue() {
    assertThatThrownBy(() -> leases.acquire(LANE, "m1/run-a", Duration.ZERO))
        .hasMessage("lease ttl: PT0S (expected: more than zero)");
    assertThatThrownBy(() -> leases.acquire("", "m1/run-a", TTL))
        .hasMessage("lease name: '' (expected: 1 to 100 characters)");
  }

  private OutboxEntry entry(String id) {
    return OutboxEntry.pending(id, "DE/poc", "DE", 1, null, "PING", clock.instant(), clock.instant().plusSeconds(60),
        new byte[] {1}, new byte[] {2});
  }
}
