package org.relay247.gateway.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code cluster} section of a node's configuration: this member's name, the private address
 * and port the cluster traffic binds to, every member's address, and how long a work lease lasts
 * without renewal. Hazelcast Community sends its member traffic in plaintext and without
 * authentication, so {@code bindAddress} must be on a private network only the Party's members
 * reach (docs/deployment.md, "Cluster").
 *
 * @param memberName this member, unique in the Party (e.g. {@code fr-node-2})
 * @param bindAddress the private interface address cluster traffic binds to
 * @param port the cluster port on {@code bindAddress}
 * @param members every member as {@code host:port}, this one included
 * @param leaseTtl how long a member's work lease lasts unrenewed (renewed every third of it): the
 *     longest a hung member's work waits when the membership does not notice the hang
 */
public record ClusterSettings(String memberName, String bindAddress, int port, List<String> members,
    Duration leaseTtl) {
  /** The lease term when the configuration sets none. */
  public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(6);

  public ClusterSettings {
    Objects.requireNonNull(memberName, "memberName");
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(leaseTtl, "leaseTtl");
    members = List.copyOf(members);
    if (!memberName.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("cluster.member-name: '" + memberName
          + "' (expected: 1 to 64 letters, digits, '.', '_' or '-')");
    }
    if (bindAddress.isBlank()) {
      throw new IllegalArgumentException("cluster.bind-address: empty (expected: the address of a private interface)");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("cluster.port: " + port + " (expected: 1 to 65535)");
    }
    if (members.isEmpty() || members.size() > 7) {
      throw new IllegalArgumentException("cluster.members: " + members.size() + " members (expected: 1 to 7)");
    }
    for (String m : members) {
      if (!m.matches("[^\\s:]+:\\d{1,5}") || Integer.parseInt(m.substring(m.lastIndexOf(':') + 1)) < 1
          || Integer.parseInt(m.substring(m.lastIndexOf(':') + 1)) > 65535) {
        throw new IllegalArgumentException("cluster.members: '" + m + "' (expected: host:port, port 1 to 65535)");
      }
    }
    if (leaseTtl.compareTo(Duration.ofSeconds(1)) < 0 || leaseTtl.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("cluster.lease-ttl: " + leaseTtl + " (expected: 1s to 5m)");
    }
  }

  /** Settings with the {@link #DEFAULT_LEASE_TTL default lease term}. */
  public ClusterSettings(String memberName, String bindAddress, int port, List<String> members) {
    this(memberName, bindAddress, port, members, DEFAULT_LEASE_TTL);
  }

  /** Members needed for a majority: fewer than this, and a member side stops taking over work. */
  public int majority() {
    return members.size() / 2 + 1;
  }
}
