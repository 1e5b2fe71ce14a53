package org.relay247.gateway.node;

import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.relay247.gateway.cluster.ClusterMembership;
import org.relay247.gateway.cluster.ClusterSettings;
import org.relay247.gateway.cluster.Lease;
import org.relay247.gateway.cluster.LeaseStore;
import org.relay247.gateway.cluster.WorkLeases;
import org.relay247.gateway.delivery.DeliveryScheduler;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.Fence;
import org.relay247.pki.PartyCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node as one member of its Party's cluster (docs/deployment.md, "Cluster"): joins the
 * membership, and holds as leases the work it does: {@code lane:XX} (delivery to Party XX, opened
 * and closed on the {@link DeliveryScheduler} with its lease), {@code timers} (case timers and the
 * delivery deadline sweep) and {@code retention} (the Art. 14.5 review), plus {@code member:NAME}, its
 * own presence for {@code relay247 node status}. Leases are ticked every third of their term, and at
 * once when the membership reports a member gone. Between members it carries the scheduler's
 * hints (an entry stored here for a lane another member runs), and it keeps a connection open to
 * each peer whose lane another member holds, so that a takeover sends at once.
 */
final class ClusterWork implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterWork.class);
  static final String TIMERS = "timers";
  static final String RETENTION = "retention";
  static final String LANE = "lane:";
  static final String MEMBER = "member:";

  private final ClusterSettings settings;
  private final ClusterMembership membership;
  private final LeaseStore store;
  private final WorkLeases work;
  private final DeliveryScheduler scheduler;
  private final Set<String> peers = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "relay247-cluster");
    t.setDaemon(true);
    return t;
  });

  private ClusterWork(ClusterSettings settings, ClusterMembership membership, LeaseStore store, WorkLeases work,
      DeliveryScheduler scheduler) {
    this.settings = settings;
    this.membership = membership;
    this.store = store;
    this.work = work;
    this.scheduler = scheduler;
  }

  /**
   * Joins the cluster and puts {@code scheduler} in cluster mode (call before its start); the leases
   * are taken from {@link #start} on.
   */
  static ClusterWork join(ClusterSettings settings, PartyCode party, Database db, Clock clock,
      DeliveryScheduler scheduler, Collection<String> peers) {
    ClusterMembership membership = ClusterMembership.join(party.code(), settings);
    LeaseStore store = new LeaseStore(db, clock);
    WorkLeases work = new WorkLeases(store, membership.holder(), membership, settings.leaseTtl(), clock);
    ClusterWork cluster = new ClusterWork(settings, membership, store, work, scheduler);
    work.track(TIMERS);
    work.track(RETENTION);
    cluster.trackPeers(peers);
    work.onChange((key, lease) -> {
      if (key.startsWith(LANE)) {
        String peer = key.substring(LANE.length());
        lease.ifPresentOrElse(l -> scheduler.openLane(peer, l), () -> scheduler.closeLane(peer));
      }
    });
    scheduler.runLanesByLease(store, () -> cluster.holds(TIMERS));
    scheduler.onQueuedElsewhere(membership::hintStored);
    membership.onStoredHint(scheduler::wake);
    membership.onDeparture(gone -> cluster.ticks.execute(cluster::tick));
    LOG.atInfo().addKeyValue("member", settings.memberName()).addKeyValue("holder", membership.holder())
        .log("cluster: joined as {} of {} configured members", settings.memberName(), settings.members().size());
    return cluster;
  }

  /** Starts taking and renewing leases (after the scheduler started). */
  void start() {
    long every = Math.max(100, settings.leaseTtl().toMillis() / 3);
    ticks.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
  }

  /** Delivery lanes to these Parties are work of the cluster (the directory's other Parties). */
  void trackPeers(Collection<String> peers) {
    peers.forEach(p -> work.track(LANE + p));
    this.peers.addAll(peers);
  }

  /** Whether this member holds the work {@code key} now. */
  boolean holds(String key) {
    return work.held(key).isPresent();
  }

  /**
   * The fence of the work {@code key} while this member holds it: run first in each of the work's
   * write transactions, it refuses the write ({@link org.relay247.gateway.cluster.FencedOut}) once
   * the lease was taken over. Empty while this member does not hold it.
   */
  Optional<Fence> fenceOf(String key) {
    return work.held(key).map(store::fence);
  }

  private void tick() {
    try {
      presence();
      work.tick();
    } catch (RuntimeException e) {
      // The database or the membership failed this round; leases not renewed expire and are fenced.
      LOG.warn("cluster: lease round failed: {}", e.toString());
    }
    connectAhead();
  }

  /** Keeps a connection open to each peer whose lane another member holds: a takeover sends at once. */
  private void connectAhead() {
    for (String peer : peers) {
      if (!holds(LANE + peer)) {
        try {
          scheduler.connectAhead(peer);
        } catch (RuntimeException e) {
          LOG.debug("cluster: no connection ahead to {}: {}", peer, e.toString());
        }
      }
    }
  }

  /** Renews this member's presence lease, taking it at once from an earlier run of the same member. */
  private void presence() {
    String key = MEMBER + settings.memberName();
    String holder = membership.holder();
    Optional<Lease> current = store.find(key);
    if (current.isPresent() && !current.get().holder().equals(holder)
        && current.get().holder().startsWith(settings.memberName() + "/")) {
      store.takeOver(key, holder, current.get().holder(), settings.leaseTtl());
    } else {
      store.acquire(key, holder, settings.leaseTtl());
    }
  }

  /** Gives up every lease (the others take the work at once) and leaves the cluster. */
  @Override
  public void close() {
    ticks.shutdownNow();
    try {
      ticks.awaitTermination(5, TimeUnit.SECONDS);
      work.releaseAll();
      store.find(MEMBER + settings.memberName()).filter(l -> l.holder().equals(membership.holder()))
          .ifPresent(store::release);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("cluster: leases not released (they expire): {}", e.toString());
    } finally {
      membership.close();
    }
  }
}
