package org.relay247.gateway.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which pieces of work this member does, kept as leases. Each {@link #tick}:
 *
 * <ul>
 *   <li>in a <b>minority</b> (fewer than half the configured members seen): releases every lease
 *       and takes none, so the majority side can take the work at once;
 *   <li>renews the leases held, and lets go of work the membership now prefers another member for;
 *   <li>takes the work it is preferred for (or that nobody is preferred for: no member known)
 *       once free or expired; with a <b>majority</b> it also takes it at once from a holder that is
 *       not a live member (crashed, hung and removed, or restarted as a new holder): the old
 *       holder's late writes are fenced by the epoch;
 *   <li>takes any work whose lease stayed expired past a grace of one more term (nobody preferred
 *       took it: a safety net for a membership that is wrong).
 * </ul>
 *
 * <p>Exactly half (a 2-member cluster cut in two, or one member of 2 left) takes only free or
 * expired leases, never one a live-looking holder may still renew: both halves keep working on
 * what they hold and neither steals from the other. Listeners hear every gain and loss, so the work
 * (a delivery lane, the timers) starts and stops with its lease.
 */
public final class WorkLeases {
  private static final Logger LOG = LoggerFactory.getLogger(WorkLeases.class);

  /** What the membership says, read at every tick ({@link ClusterMembership} in a node). */
  public interface Membership {
    /** The holder id the membership prefers for {@code key}; empty while unknown. */
    Optional<String> preferredHolder(String key);

    /** The holder ids of the members this member sees alive, itself included. */
    Set<String> liveHolders();

    /** How many members the cluster is configured with. */
    int configuredMembers();
  }

  private final LeaseStore store;
  private final String holder;
  private final Membership membership;
  private final Duration ttl;
  private final Clock clock;
  private final Set<String> keys = ConcurrentHashMap.newKeySet();
  private final Map<String, Lease> held = new ConcurrentHashMap<>();
  private final List<BiConsumer<String, Optional<Lease>>> listeners = new CopyOnWriteArrayList<>();
  private boolean inMinority;  // guarded by this

  /** @param ttl how long a lease lasts without renewal; {@link #tick} should run every third of it */
  public WorkLeases(LeaseStore store, String holder, Membership membership, Duration ttl, Clock clock) {
    this.store = store;
    this.holder = holder;
    this.membership = membership;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** Work this member may do when preferred (e.g. {@code lane:DE}, {@code timers}). */
  public void track(String key) {
    keys.add(key);
  }

  /** Hears {@code (key, lease)} when this member gains work, {@code (key, empty)} when it loses it. */
  public void onChange(BiConsumer<String, Optional<Lease>> listener) {
    listeners.add(listener);
  }

  /** The lease this member holds on {@code key}, if any: pass it to the work's fenced writes. */
  public Optional<Lease> held(String key) {
    return Optional.ofNullable(held.get(key));
  }

  /** One round over every tracked key (see the class contract). */
  public synchronized void tick() {
    Set<String> live = membership.liveHolders();
    int seen = live.size() * 2;
    int configured = membership.configuredMembers();
    if (seen < configured) {
      String why = "this member sees " + live.size() + " of " + configured + " members (a minority)";
      if (!inMinority) {
        inMinority = true;
        LOG.warn("cluster: {}: it does no cluster work until it sees a majority again", why);
      }
      release(why);
      return;
    }
    if (inMinority) {
      inMinority = false;
      LOG.info("cluster: this member sees {} of {} members again", live.size(), configured);
    }
    boolean majority = seen > configured;
    for (String key : keys) {
      Optional<String> preferred = membership.preferredHolder(key);
      Lease mine = held.get(key);
      if (mine != null) {
        if (preferred.isPresent() && !preferred.get().equals(holder)) {
          store.release(mine);
          lost(key, "the membership prefers " + preferred.get());
        } else {
          renew(key, mine);
        }
      } else if (preferred.isEmpty() || preferred.get().equals(holder)) {
        Optional<Lease> current = store.find(key);
        Optional<Lease> taken = majority && current.isPresent() && !live.contains(current.get().holder())
            ? store.takeOver(key, holder, current.get().holder(), ttl)
            : store.acquire(key, holder, ttl);
        taken.ifPresent(lease -> gained(key, lease));
      } else if (expiredPastGrace(key)) {
        store.acquire(key, holder, ttl).ifPresent(lease -> gained(key, lease));
      }
    }
  }

  /** Gives up every lease (a clean stop): the others take the work at their next tick. */
  public synchronized void releaseAll() {
    release("this member is stopping");
  }

  private void release(String why) {
    for (String key : Set.copyOf(held.keySet())) {
      try {
        store.release(held.get(key));
      } finally {
        lost(key, why);
      }
    }
  }

  private void renew(String key, Lease mine) {
    try {
      held.put(key, store.renew(mine, ttl));
    } catch (FencedOut e) {
      lost(key, e.getMessage());
    }
  }

  private boolean expiredPastGrace(String key) {
    return store.find(key).map(l -> l.expiresAt().plus(ttl).isBefore(clock.instant())).orElse(false);
  }

  private void gained(String key, Lease lease) {
    held.put(key, lease);
    LOG.info("cluster: took {} (epoch {})", key, lease.epoch());
    listeners.forEach(l -> l.accept(key, Optional.of(lease)));
  }

  private void lost(String key, String why) {
    held.remove(key);
    LOG.info("cluster: gave up {}: {}", key, why);
    listeners.forEach(l -> l.accept(key, Optional.empty()));
  }
}
