package org.relay247.gateway.cluster;

import java.util.List;
import java.util.Objects;

/**
 * The {@code cluster} section of a node's configuration: this member's name, the private address
 * and port the cluster traffic binds to, and every member's address. Hazelcast Community sends its
 * member traffic in plaintext and without authentication, so {@code bindAddress} must be on a private
 * network only the Party's members reach (docs/deployment.md, "Cluster").
 *
 * @param memberName this member, unique in the Party (e.g. {@code fr-node-2})
 * @param bindAddress the private interface address cluster traffic binds to
 * @param port the cluster port on {@code bindAddress}
 * @param members every member as {@code host:port}, this one included
 */
public record ClusterSettings(String memberName, String bindAddress, int port, List<String> members) {
  public ClusterSettings {
    Objects.requireNonNull(memberName, "memberName");
    Objects.requireNonNull(bindAddress, "bindAddress");
    members = List.copyOf(members);
    if (!memberName.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("cluster.member-name: '" + memberName
          + "' (expected: 1 to 64 letters, digits, '.', '_' or '-')");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("cluster.port: " + port + " (expected: 1 to 65535)");
    }
    if (members.isEmpty() || members.size() > 7) {
      throw new IllegalArgumentException("cluster.members: " + members.size() + " members (expected: 1 to 7)");
    }
    for (String m : members) {
      if (!m.matches("[^\\s:]+:\\d{1,5}")) {
        throw new IllegalArgumentException("cluster.members: '" + m + "' (expected: host:port)");
      }
    }
  }

  /** Members needed for a majority: fewer than this, and a member side stops taking over work. */
  public int majority() {
    return members.size() / 2 + 1;
  }
}
