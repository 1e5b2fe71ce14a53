package org.relay247.simulator.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.relay247.pki.PartyCode;

class DemoPortsTest {
  private static final List<PartyCode> PARTIES = DemoNetwork.PARTIES;

  @Test
  void busyPort_fallsBackToDistinctFreePorts_andNamesTheBusyOne() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName(DemoPorts.HOST), 0));
      // The taken port is the second Party's national API port.
      int base = taken.getLocalPort() - 11;

      DemoPorts.Plan plan = DemoPorts.plan(PARTIES, base);

      // The plan names the first busy port of the range: ours, unless another process happens
      // to hold an earlier one (seen on CI), so only "some busy port is named" is certain.
      assertThat(plan.busy()).isPresent();
      Set<Integer> all = new HashSet<>();
      plan.ports().values().forEach(p -> {
        all.add(p.exchange());
        all.add(p.api());
        all.add(p.metrics());
      });
      assertThat(all).hasSize(9).doesNotContain(taken.getLocalPort());
    }
  }

  @Test
  void freeConvention_isPartyIndexTimesTen() throws Exception {
    // Free ports are likelier high up; if these happen to be taken the plan says so.
    DemoPorts.Plan plan = DemoPorts.plan(PARTIES, 47400);

    if (plan.busy().isEmpty()) {
      assertThat(plan.ports().get(new PartyCode("DE"))).isEqualTo(new DemoPorts.Ports(47400, 47401, 47402));
      assertThat(plan.ports().get(new PartyCode("FR"))).isEqualTo(new DemoPorts.Ports(47410, 47411, 47412));
      assertThat(plan.ports().get(new PartyCode("US"))).isEqualTo(new DemoPorts.Ports(47420, 47421, 47422));
    }
  }

  @Test
  void baseOutsideTheUsableRange_isRefused() {
    assertThatThrownBy(() -> DemoPorts.plan(PARTIES, 80)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--base-port 80");
    assertThatThrownBy(() -> DemoPorts.plan(PARTIES, 65520)).isInstanceOf(IllegalArgumentException.class);
  }
}
