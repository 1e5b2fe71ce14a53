package org.relay247.gateway.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which pieces of work this member does, kept as leases. Each {@link #tick} renews the leases held,
 * lets go of work the membership now prefers another member for, takes the work it is preferred for
 * (or that nobody is preferred for, during a migration) once free or expired, and takes any work
 * whose lease stayed expired past a grace period of one more term (nobody preferred took it: a
 * safety net for a membership that is wrong). {@link #departed} takes over at
 * once the preferred work of a member the membership reports dead, without waiting for its lease to
 * expire: its late writes are fenced by the epoch. Listeners hear every gain and loss, so the work
 * (a delivery lane, the timers) starts and stops with its lease.
 */
public final class WorkLeases {
  private static final Logger LOG = LoggerFactory.getLogger(WorkLeases.class);

  private final LeaseStore store;
  private final String holder;
  private final Function<String, Optional<String>> preferredHolder;
  private final Duration ttl;
  private final Clock clock;
  private final Set<String> keys = ConcurrentHashMap.newKeySet();
  private final Map<String, Lease> held = new ConcurrentHashMap<>();
  private final java.util.List<BiConsumer<String, Optional<Lease>>> listeners = new CopyOnWriteArrayList<>();

  /**
   * @param preferredHolder the holder id the membership prefers for a key, empty while unknown
   *     ({@link ClusterMembership#preferredHolder})
   * @param ttl how long a lease lasts without renewal; {@link #tick} should run every third of it
   */
  public WorkLeases(LeaseStore store, String holder, Function<String, Optional<String>> preferredHolder, Duration ttl,
      Clock clock) {
    this.store = store;
    this.holder = holder;
    this.preferredHolder = preferredHolder;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** Work this member may do when preferred (e.g. {@code deliver:DE}, {@code timers}). */
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
  public void tick() {
    for (String key : keys) {
      Optional<String> preferred = preferredHolder.apply(key);
      Lease mine = held.get(key);
      if (mine != null) {
        if (preferred.isPresent() && !preferred.get().equals(holder)) {
          store.release(mine);
          lost(key, "the membership prefers " + preferred.get());
        } else {
          renew(key, mine);
        }
      } else if (preferred.isEmpty() || preferred.get().equals(holder) || expiredPastGrace(key)) {
        store.acquire(key, holder, ttl).ifPresent(lease -> gained(key, lease));
      }
    }
  }

  /** Takes over at once, from {@code deadHolder}, the work this member is now preferred for. */
  public void departed(String deadHolder) {
    for (String key : keys) {
      if (!held.containsKey(key) && preferredHolder.apply(key).filter(holder::equals).isPresent()) {
        store.takeOver(key, holder, deadHolder, ttl).ifPresent(lease -> gained(key, lease));
      }
    }
  }

  /** Gives up every lease (a clean stop): the others take the work at their next tick. */
  public void releaseAll() {
    for (String key : Set.copyOf(held.keySet())) {
      store.release(held.get(key));
      lost(key, "this member is stopping");
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
