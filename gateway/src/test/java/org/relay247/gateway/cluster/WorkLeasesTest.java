package org.relay247.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.store.Database;
import org.relay247.pki.TestClock;

/**
 * Two members' work leases on one real database; the membership's preference is scripted (the
 * Hazelcast side is {@link ClusterMembershipTest}'s), so each step of a takeover is decided here.
 */
class WorkLeasesTest {
  private static final Duration TTL = Duration.ofSeconds(3);
  private static final String LANE = "deliver:DE";
  @TempDir Path dir;
  final TestClock clock = TestClock.stoppedAt(Instant.parse("2026-12-05T03:00:00Z"));
  final Map<String, String> preferred = new ConcurrentHashMap<>();
  final List<String> events = new CopyOnWriteArrayList<>();
  Database db;
  LeaseStore store;
  WorkLeases m1;
  WorkLeases m2;

  @BeforeEach
  void open() throws Exception {
    db = TestNetwork.testDatabase(dir);
    store = new LeaseStore(db, clock);
    m1 = member("m1/run-a");
    m2 = member("m2/run-a");
  }

  @AfterEach
  void close() {
    db.close();
  }

  private WorkLeases member(String holder) {
    WorkLeases w = new WorkLeases(store, holder, k -> Optional.ofNullable(preferred.get(k)), TTL, clock);
    w.track(LANE);
    w.onChange((key, lease) -> events.add(holder + (lease.isPresent() ? " took " + key + "@" + lease.get().epoch()
        : " lost " + key)));
    return w;
  }

  @Test
  void preferredMember_takesTheWork_andTheOtherLeavesIt() {
    preferred.put(LANE, "m1/run-a");
    m2.tick();
    m1.tick();
    assertThat(m1.held(LANE)).isPresent();
    assertThat(m2.held(LANE)).isEmpty();
    assertThat(events).containsExactly("m1/run-a took deliver:DE@1");
  }

  @Test
  void preferenceMoves_oldHolderLetsGo_andTheNewOneTakesTheNextEpoch() {
    preferred.put(LANE, "m1/run-a");
    m1.tick();
    preferred.put(LANE, "m2/run-a");  // a member joined and the partition moved
    m2.tick();
    assertThat(m2.held(LANE)).as("still m1's until it lets go").isEmpty();
    m1.tick();
    m2.tick();
    assertThat(events).containsExactly("m1/run-a took deliver:DE@1", "m1/run-a lost deliver:DE",
        "m2/run-a took deliver:DE@2");
  }

  @Test
  void deadMember_isTakenOverAtOnce_andItsLateWriteIsFenced() {
    preferred.put(LANE, "m1/run-a");
    m1.tick();
    Lease zombie = m1.held(LANE).orElseThrow();
    preferred.put(LANE, "m2/run-a");  // the membership declared m1 dead; its lease has not expired

    m2.departed("m1/run-a");
    assertThat(m2.held(LANE).orElseThrow().epoch()).isEqualTo(2);
    assertThatThrownBy(() -> db.inTransaction(c -> {
      store.checkHeld(c, zombie);
      return null;
    })).isInstanceOf(FencedOut.class);

    m1.tick();  // m1 was only hung: it wakes up, finds out and stops the work
    assertThat(m1.held(LANE)).isEmpty();
    assertThat(events).endsWith("m2/run-a took deliver:DE@2", "m1/run-a lost deliver:DE");
  }

  @Test
  void leaseLeftExpiredPastItsGrace_isTakenByAMemberNotPreferred() {
    preferred.put(LANE, "m1/run-a");
    m1.tick();  // then m1 hangs, and the membership still prefers it
    clock.advance(TTL);
    m2.tick();
    assertThat(m2.held(LANE)).as("expired, but within the grace of one more term").isEmpty();
    clock.advance(TTL.plusMillis(1));
    m2.tick();
    assertThat(m2.held(LANE).orElseThrow().epoch()).isEqualTo(2);
  }

  @Test
  void cleanStop_releasesEverything_andTheOtherTakesItWithoutWaiting() {
    preferred.put(LANE, "m1/run-a");
    m1.tick();
    m1.releaseAll();
    preferred.put(LANE, "m2/run-a");
    m2.tick();
    assertThat(m2.held(LANE).orElseThrow().epoch()).isEqualTo(2);
  }
}
