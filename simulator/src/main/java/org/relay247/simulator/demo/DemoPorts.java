package org.relay247.simulator.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.directory.DefaultDirectory;

/**
 * The demo's ports. Party {@code i} in code order gets {@code base + 10 * i} for node exchange,
 * {@code +1} for the national API and {@code +2} for metrics: with the default base that is the
 * convention of the default directory (DE 7400, FR 7410, US 7420), so the commands the demo prints
 * are the same on every run. If one of them is taken, every node gets free ports instead.
 */
final class DemoPorts {
  /** One node's listeners. */
  record Ports(int exchange, int api, int metrics) {}

  /** The outcome: ports per Party, and which port was busy if the convention could not be used. */
  record Plan(Map<PartyCode, Ports> ports, Optional<Integer> busy) {}

  static final String HOST = "127.0.0.1";

  private DemoPorts() {}

  /**
   * @param parties in code order
   * @throws IllegalArgumentException if the base leaves no room for every Party's ports
   */
  static Plan plan(List<PartyCode> parties, int base) throws IOException {
    int last = base + DefaultDirectory.PORT_STRIDE * (parties.size() - 1) + 2;
    if (base < 1024 || last > 65535) {
      throw new IllegalArgumentException("--base-port " + base + " (expected: 1024 to "
          + (65535 - DefaultDirectory.PORT_STRIDE * (parties.size() - 1) - 2) + ")");
    }
    Map<PartyCode, Ports> conventional = new LinkedHashMap<>();
    for (int i = 0; i < parties.size(); i++) {
      int exchange = base + DefaultDirectory.PORT_STRIDE * i;
      conventional.put(parties.get(i), new Ports(exchange, exchange + 1, exchange + 2));
    }
    for (Ports p : conventional.values()) {
      for (int port : new int[] {p.exchange(), p.api(), p.metrics()}) {
        if (!free(port)) {
          return new Plan(freePorts(parties), Optional.of(port));
        }
      }
    }
    return new Plan(conventional, Optional.empty());
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Distinct free ports: every socket stays open until all are chosen. */
  private static Map<PartyCode, Ports> freePorts(List<PartyCode> parties) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      Map<PartyCode, Ports> out = new LinkedHashMap<>();
      for (PartyCode party : parties) {
        out.put(party, new Ports(hold(held), hold(held), hold(held)));
      }
      return out;
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  private static int hold(List<ServerSocket> held) throws IOException {
    ServerSocket s = new ServerSocket();
    held.add(s);
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
    return s.getLocalPort();
  }
}
