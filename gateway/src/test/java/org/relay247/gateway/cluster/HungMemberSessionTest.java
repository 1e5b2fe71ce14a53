package org.relay247.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.gateway.store.OutboxStore;
import org.relay247.gateway.store.StoreException;

/**
 * A member that hangs (SIGSTOP, a frozen VM) inside a fenced write, after its transaction read the
 * lease row {@code FOR SHARE}: its session sits idle in that transaction, holding the row lock the
 * takeover's {@code UPDATE} needs. A cluster member's sessions end when idle in a transaction for
 * the lease term ({@code idle_in_transaction_session_timeout}, {@link Database#open} in cluster
 * mode), so the takeover goes through while the member is still hung, and the write it makes when
 * it wakes fails with its session. PostgreSQL only (a cluster's database; SQLite has no row locks).
 */
class HungMemberSessionTest {
  private static final Duration TTL = Duration.ofSeconds(1);
  private static final String ID = "019ab54e-0000-7000-8000-0000000000f2";
  @TempDir Path dir;
  Database db;
  LeaseStore leases;
  OutboxStore outbox;
  final ExecutorService members = Executors.newFixedThreadPool(2);
  final CountDownLatch wake = new CountDownLatch(1);

  @BeforeEach
  void open() throws Exception {
    Assumptions.assumeTrue(System.getenv().getOrDefault("RELAY247_TEST_DATABASE", "sqlite").equals("postgresql"),
        "row locks held by a hung session are a PostgreSQL matter: this test runs in the postgresql profile (-Ppostgresql)");
    db = TestNetwork.testDatabase(dir, Optional.of(TTL));
    leases = new LeaseStore(db, Clock.systemUTC());
    outbox = new OutboxStore(db);
    Instant now = Instant.now();
    outbox.insert(OutboxEntry.pending(ID, "DE/poc", "DE", 1, null, "PING", now, now.plusSeconds(60), new byte[] {1},
        new byte[] {2}));
  }

  @AfterEach
  void close() {
    wake.countDown();
    members.shutdownNow();
    if (db != null) {
      db.close();
    }
  }

  @Test
  void memberHungInsideAFencedWrite_doesNotHoldTheTakeover_andItsWriteAfterWakingFails() throws Exception {
    Lease old = leases.acquire("lane:DE", "fr-1/run-a", TTL).orElseThrow();
    CountDownLatch fencePassed = new CountDownLatch(1);
    Future<?> hungWrite = members.submit(() -> {
      outbox.recordFailure(ID, 1, Instant.now().plusSeconds(5), "UNAVAILABLE", c -> {
        leases.checkHeld(c, old);  // the lease row is now locked FOR SHARE by this transaction
        fencePassed.countDown();
        try {
          wake.await();  // hung: the session is idle in its transaction
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      return null;
    });
    fencePassed.await();

    Future<Optional<Lease>> takeover = members.submit(() -> leases.takeOver("lane:DE", "fr-2/run-a", "fr-1/run-a", TTL));

    // Without the session timeout the takeover waits for the hung member's row lock until it wakes.
    assertThat(takeover).succeedsWithin(Duration.ofSeconds(60))
        .satisfies(lease -> assertThat(lease).hasValueSatisfying(l -> assertThat(l.epoch()).isEqualTo(2)));
    assertThat(hungWrite).isNotDone();

    wake.countDown();
    assertThat(hungWrite).failsWithin(Duration.ofSeconds(60)).withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOf(StoreException.class);  // its session was ended: the write never reaches the row
    assertThat(outbox.find(ID).orElseThrow().attempts()).isZero();
    assertThat(leases.find("lane:DE").orElseThrow().holder()).isEqualTo("fr-2/run-a");
  }
}
