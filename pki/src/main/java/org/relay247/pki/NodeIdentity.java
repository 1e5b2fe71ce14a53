package org.relay247.pki;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who a node certificate is for: the Party, the node's name, and for TLS the DNS names and IP
 * addresses it answers on (written as subjectAltName entries).
 */
public record NodeIdentity(
    PartyCode party, String nodeName, List<String> dnsNames, List<String> ipAddresses) {
  private static final Pattern NODE_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");
  private static final Pattern DNS_NAME =
      Pattern.compile("(?i)[a-z0-9*]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  public NodeIdentity {
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(nodeName, "nodeName");
    if (!NODE_NAME.matcher(nodeName).matches()) {
      throw new IllegalArgumentException(
          "node name: \"" + nodeName + "\" (expected: lower-case letters, digits, '.' or '-')");
    }
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
    for (String dns : dnsNames) {
      if (!DNS_NAME.matcher(dns).matches()) {
        throw new IllegalArgumentException("host: \"" + dns + "\" (expected: a DNS name)");
      }
    }
    for (String ip : ipAddresses) {
      if (!IpAddresses.isLiteral(ip)) {
        throw new IllegalArgumentException(
            "ip: \"" + ip + "\" (expected: an IPv4 or IPv6 address literal)");
      }
    }
  }

  /** A development node answering on localhost and 127.0.0.1, named after its Party. */
  public static NodeIdentity localDefault(PartyCode party) {
    return new NodeIdentity(
        party, party.code().toLowerCase(java.util.Locale.ROOT) + "-node",
        List.of("localhost"), List.of("127.0.0.1"));
  }

  /** Splits host names given on a command line into DNS names and IP literals. */
  public static NodeIdentity of(PartyCode party, String nodeName, List<String> hosts) {
    return new NodeIdentity(
        party, nodeName,
        hosts.stream().filter(h -> !IpAddresses.isLiteral(h)).toList(),
        hosts.stream().filter(IpAddresses::isLiteral).toList());
  }
}
