package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.pki.NetworkSettings;
import org.relay247.pki.PartyCode;

/**
 * {@code relay247 node check} for monitoring systems: exit 0 while nothing is critical (warnings
 * included), 1 once something is, on a clock moved on past each threshold of the 397-day node
 * certificates.
 */
class NodeCheckCommandTest {
  @TempDir Path dir;
  private Path config;

  @BeforeEach
  void network() throws Exception {
    TestNetwork net = TestNetwork.create(dir, NetworkSettings.defaults().withCrlDays(3650), "FR", "DE");
    config = dir.resolve("FR.conf");
    assertThat(net.config(new PartyCode("FR")).party().code()).isEqualTo("FR");
  }

  @Test
  void freshNetwork_isAllOk_exit0() {
    CliRun run = CliRun.relay247("node", "check", "--config", config.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("(?m)^OK +own/tls +")
        .containsPattern("(?m)^OK +crl/DE +").containsPattern("(?m)^OK +peer/DE/de-node/tls +")
        .contains("0 critical, 0 warning, 13 ok (warning within 60 days, critical within 7 days)");
  }

  @Test
  void within60Days_warns_butExits0() {
    CliRun run = CliRun.relay247(moved(Duration.ofDays(338)), "node", "check", "--config", config.toString());
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).containsPattern("(?m)^WARNING +own/tls +\\S+ +in 58 days")
        .contains("0 critical, 6 warning, 7 ok");
  }

  @Test
  void within7Days_isCritical_exit1() {
    CliRun run = CliRun.relay247(moved(Duration.ofDays(391)), "node", "check", "--config", config.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).containsPattern("(?m)^CRITICAL +own/sign +\\S+ +in 5 days")
        .contains("6 critical, 0 warning, 7 ok");
  }

  @Test
  void expiredCertificate_isCritical_exit1() {
    CliRun run = CliRun.relay247(moved(Duration.ofDays(400)), "node", "check", "--config", config.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).containsPattern("(?m)^CRITICAL +own/tls +\\S+ +3 days ago");
  }

  @Test
  void invalidConfiguration_exit2() {
    CliRun run = CliRun.relay247("node", "check", "--config", dir.resolve("missing.conf").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("invalid configuration").contains("does not exist");
  }

  @Test
  void expiryEscalations_areListedByOutbox() throws Exception {
    TestNetwork net = TestNetwork.create(dir.resolve("n2"), "FR", "DE");
    PartyCode fr = new PartyCode("FR");
    net.writeConfig(fr, "expiry { warning = 400d }");  // 397-day certificates: within it at once
    try (org.relay247.gateway.node.GatewayNode node = net.start("FR")) {
      CliRun outbox = CliRun.relay247("outbox", "--node", "localhost:" + node.apiPort(), "--network",
          net.pki.layout().dir().toString(), "--party", "FR");
      assertThat(outbox.exit()).as(outbox.err()).isZero();
      assertThat(outbox.out()).contains("Recent escalations:")
          .containsPattern("EXPIRY_WARNING own/tls: WARNING: own/tls \\(CN=fr-node,OU=tls.*\\) expires \\S+ \\(in 39\\d days\\)");
    }
  }

  private static Clock moved(Duration by) {
    return Clock.offset(Clock.systemUTC(), by);
  }
}
