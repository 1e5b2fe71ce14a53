package org.relay247.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  /** Whom each member sees alive (default: all three). */
  final Map<String, Set<String>> live = new ConcurrentHashMap<>();
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
    WorkLeases w = new WorkLeases(store, holder, new WorkLeases.Membership() {
      @Override
      public Optional<String> preferredHolder(String key) {
        return Optional.ofNullable(preferred.get(key));
      }

      @Override
      public Set<String> liveHolders() {
        return Set.copyOf(live.getOrDefault(holder, Set.of("m1/run-a", "m2/run-a", "m3/run-a")));
      }

      @Override
      public int configuredMembers() {
        return 3;
      }
    }, TTL, clock);
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
    live.put("m2/run-a", Set.of("m2/run-a", "m3/run-a"));

    m2.tick();
    assertThat(m2.held(LANE).orElseThrow().epoch()).isEqualTo(2);
    assertThatThrownBy(() -> db.inTransaction(c -> {
      store.checkHeld(c, zombie);
      return null;
    })).isInstanceOf(FencedOut.class);

    m1.tick();  // m1 was only hung: it wakes up (still seeing everyone), finds out and stops the work
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

  @Test
  void memberInAMinority_releasesItsWork_andTakesNone() {
    preferred.put(LANE, "m1/run-a");
    m1.tick();
    live.put("m1/run-a", Set.of("m1/run-a"));  // cut off from m2 and m3

    m1.tick();
    assertThat(m1.held(LANE)).isEmpty();
    assertThat(store.find(LANE).orElseThrow().expiresAt()).as("released in the database").isEqualTo(Instant.EPOCH);
    m1.tick();
    assertThat(m1.held(LANE)).as("takes nothing while in the minority").isEmpty();

    preferred.put(LANE, "m2/run-a");
    live.put("m2/run-a", Set.of("m2/run-a", "m3/run-a"));
    m2.tick();
    assertThat(m2.held(LANE).orElseThrow().epoch()).isEqualTo(2);
  }

  @Test
  void restartedMember_takesItsWorkBackAtOnce_fromItsOldRun() {
    preferred.put(LANE, "m1/run-a");
    m1.tick();
    WorkLeases restarted = member("m1/run-b");  // the old run's lease has not expired
    preferred.put(LANE, "m1/run-b");
    live.put("m1/run-b", Set.of("m1/run-b", "m2/run-a", "m3/run-a"));

    restarted.tick();
    assertThat(restarted.held(LANE).orElseThrow().epoch()).isEqualTo(2);
  }
}
