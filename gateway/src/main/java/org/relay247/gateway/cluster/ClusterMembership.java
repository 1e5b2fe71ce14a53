package org.relay247.gateway.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * This member's view of its Party's cluster, on embedded Hazelcast (Community): who is alive, and
 * which member should do a piece of work. That is a hint for spreading work, never a guarantee:
 * two members can both believe they own a key during a split, so every piece of work is also taken
 * as a {@link LeaseStore lease} in the database, whose epoch fences the writes.
 *
 * <p>The member preferred for a key is chosen by rendezvous hashing over the live members' holder
 * ids: every member computes the same choice from the same member list, and the choice changes the
 * moment the list does (only the keys of a departed member move). Hazelcast's partition owners
 * would also do, but they move by a migration some time after a member left, and until then the
 * departed member's keys have no owner or a stale one: the takeover would wait for it.
 *
 * <p>Tuned for an emergency service: a member whose connections close (a crash: the kernel closes
 * its sockets) is suspected at the first connection fault instead of the fourth (Hazelcast's
 * default spaces faults by reconnection attempts, in practice one per heartbeat: 2 to 3 s);
 * heartbeats every second and the phi-accrual failure detector for a member that hangs with its
 * connections open, so it is noticed in seconds rather than Hazelcast's default 60 s; multicast and
 * auto-detection off, members listed; bound to the configured private interface only. As a
 * {@link WorkLeases.Membership} it tells the work leases who is preferred, who is alive and how
 * many members are configured.
 */
public final class ClusterMembership implements AutoCloseable, WorkLeases.Membership {
  private static final String HOLDER = "relay247.holder";
  /** Hazelcast's split-brain protection of this cluster: a majority of the configured members. */
  static final String MAJORITY = "relay247-majority";
  /** The topic of {@link #hintStored} hints. */
  private static final String STORED = "relay247.outbox.stored";

  private final HazelcastInstance hz;
  private final String holder;
  private final int configured;
  private final List<Consumer<String>> departures = new CopyOnWriteArrayList<>();

  private ClusterMembership(HazelcastInstance hz, String holder, int configured) {
    this.hz = hz;
    this.holder = holder;
    this.configured = configured;
  }

  /**
   * Joins (or forms) the cluster of {@code party}'s node. The returned membership names this run of
   * this member with a holder id unique to it ({@link #holder}), used for its leases.
   */
  public static ClusterMembership join(String party, ClusterSettings settings) {
    String holder = settings.memberName() + "/" + UUID.randomUUID();
    ClusterMembership membership = new ClusterMembership(Hazelcast.newHazelcastInstance(config(party, settings, holder)),
        holder, settings.members().size());
    membership.hz.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        // Work moves to a new member by its lease expiring or being released, never by this event.
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        String gone = event.getMember().getAttribute(HOLDER);
        if (gone != null) {
          membership.departures.forEach(d -> d.accept(gone));
        }
      }
    });
    return membership;
  }

  static Config config(String party, ClusterSettings settings, String holder) {
    Config config = new Config();
    config.setClusterName("relay247-" + party);
    config.setInstanceName("relay247-" + party + "-" + settings.memberName());
    config.getMemberAttributeConfig().setAttribute(HOLDER, holder);
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // A closed member connection is suspected at once (default: the fourth fault, each at least
    // hazelcast.connection.monitor.interval apart, which in practice waits for 3 heartbeats). Only a
    // member with no connection left is suspected, so a connection that reconnects is not.
    config.setProperty("hazelcast.connection.monitor.max.faults", "0");
    config.setProperty("hazelcast.heartbeat.failuredetector.type", "phi-accrual");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    config.setProperty("hazelcast.heartbeat.phiaccrual.failuredetector.threshold", "8");
    config.setProperty("hazelcast.heartbeat.phiaccrual.failuredetector.min.std.dev.millis", "200");
    // A split cluster merges back soon after the network heals.
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    // A side with fewer than a majority refuses operations on cluster data structures; the work
    // itself stops by WorkLeases' rule on the same majority (no work rests on Hazelcast data).
    config.addSplitBrainProtectionConfig(new com.hazelcast.config.SplitBrainProtectionConfig(MAJORITY, true,
        settings.majority()));
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.port()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface(settings.bindAddress());
    config.setProperty("hazelcast.socket.bind.any", "false");
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
    return config;
  }

  /** This run of this member, as it names itself in leases. */
  public String holder() {
    return holder;
  }

  /** The holders of the members alive now, oldest member first. */
  public List<String> members() {
    return hz.getCluster().getMembers().stream().map(m -> (String) m.getAttribute(HOLDER)).toList();
  }

  @Override
  public Set<String> liveHolders() {
    return Set.copyOf(members());
  }

  @Override
  public int configuredMembers() {
    return configured;
  }

  /** Whether this member should do the work named {@code key}. */
  public boolean prefers(String key) {
    return preferredHolder(key).filter(holder::equals).isPresent();
  }

  /**
   * The holder id of the live member that should do the work named {@code key}: the highest
   * rendezvous weight of {@code key} and holder; empty only while no member is known.
   */
  @Override
  public Optional<String> preferredHolder(String key) {
    return preferred(key, members());
  }

  private static Optional<String> preferred(String key, Collection<String> holders) {
    return holders.stream().max(Comparator.<String>comparingLong(h -> weight(key, h))
        .thenComparing(Comparator.naturalOrder()));
  }

  private static long weight(String key, String holder) {
    return UUID.nameUUIDFromBytes((key + "\n" + holder).getBytes(StandardCharsets.UTF_8))
        .getMostSignificantBits();
  }

  /**
   * Tells every member that work for {@code party} was stored here (a hint: not stored, may be
   * lost; the receiver reads the database, which stays the truth).
   */
  public void hintStored(String party) {
    hz.<String>getTopic(STORED).publish(party);
  }

  /** Calls {@code stored} with the Party of each {@link #hintStored} hint, from any member. */
  public void onStoredHint(Consumer<String> stored) {
    hz.<String>getTopic(STORED).addMessageListener(m -> stored.accept(m.getMessageObject()));
  }

  /** Calls {@code departed} with the holder id of each member that leaves or is declared dead. */
  public void onDeparture(Consumer<String> departed) {
    departures.add(departed);
  }

  /** Leaves the cluster (the others see this member depart at once). */
  @Override
  public void close() {
    hz.shutdown();
  }

  /** Stops as a crash would, without telling the others (for tests of failure detection). */
  void crash() {
    hz.getLifecycleService().terminate();
  }
}
