package org.relay247.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.v1.Priority;

/** Node configuration: defaults, environment overrides, and a precise error for each bad key. */
class NodeConfigLoaderTest {
  @TempDir static Path dir;
  static TestNetwork net;

  @BeforeAll
  static void network() throws Exception {
    net = TestNetwork.create(dir, "FR", "DE");
  }

  private Path write(String body) throws Exception {
    Path f = Files.createTempFile(dir, "node", ".conf");
    Files.writeString(f, "relay247.node {\n" + body + "\n}\n");
    return f;
  }

  @Test
  void networkDir_suppliesEveryPath_andDefaultsApply() throws Exception {
    NodeConfig c = NodeConfigLoader.load(write("party = FR\nnetwork-dir = \"" + net.pki.layout().dir() + "\""), Map.of());
    assertThat(c.party()).isEqualTo(new PartyCode("FR"));
    assertThat(c.keystore()).isEqualTo(net.pki.layout().nodeKeystore(new PartyCode("FR")));
    assertThat(c.crlFiles()).hasSize(3);  // root, FR, DE
    assertThat(c.exchangePort()).isEmpty();
    assertThat(c.databaseUrl()).startsWith("jdbc:sqlite:").endsWith("relay247-fr.db");
    assertThat(c.deadline(Priority.PRIORITY_EMERGENCY)).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.maxClockSkew()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void environmentVariables_overrideTheFile() throws Exception {
    NodeConfig c = NodeConfigLoader.load(write("party = FR\nbind-host = \"127.0.0.1\"\nnetwork-dir = \""
            + net.pki.layout().dir() + "\""),
        Map.of("RELAY247_PARTY", "DE", "RELAY247_EXCHANGE_PORT", "9999", "RELAY247_BIND_HOST", "0.0.0.0"));
    assertThat(c.party()).isEqualTo(new PartyCode("DE"));
    assertThat(c.exchangePort()).contains(9999);
    assertThat(c.bindHost()).isEqualTo("0.0.0.0");
  }

  @Test
  void missingParty_namesTheKey() throws Exception {
    assertThatThrownBy(() -> NodeConfigLoader.load(write("network-dir = \"" + net.pki.layout().dir() + "\""), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("relay247.node.party: missing (expected: an ISO 3166 code, e.g. FR)");
  }

  @Test
  void invalidValues_nameTheKeyAndWhatIsExpected() throws Exception {
    String base = "party = FR\nnetwork-dir = \"" + net.pki.layout().dir() + "\"\n";
    assertThatThrownBy(() -> NodeConfigLoader.load(write(base + "ports.exchange = 70000"), Map.of()))
        .hasMessage("relay247.node.ports.exchange: 70000 (expected: 0 to 65535)");
    assertThatThrownBy(() -> NodeConfigLoader.load(write(base + "retry.jitter = 3"), Map.of()))
        .hasMessage("relay247.node.retry.jitter: 3.0 (expected: between 0 and 1)");
    assertThatThrownBy(() -> NodeConfigLoader.load(write(base + "database.url = \"jdbc:mysql://x\""), Map.of()))
        .hasMessageContaining("relay247.node.database.url").hasMessageContaining("expected: jdbc:postgresql://");
    assertThatThrownBy(() -> NodeConfigLoader.load(write(base + "limits.max-clock-skew = 0s"), Map.of()))
        .hasMessageContaining("relay247.node.limits.max-clock-skew").hasMessageContaining("expected: > 0");
    assertThatThrownBy(() -> NodeConfigLoader.load(write("party = XX\nnetwork-dir = \"" + net.pki.layout().dir() + "\""),
        Map.of())).hasMessageStartingWith("relay247.node.party: party: \"XX\"");
    assertThatThrownBy(() -> NodeConfigLoader.load(write(base + "limits.max-envelope-bytes = lots"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("max-envelope-bytes");
  }

  @Test
  void walLimit_defaultsTo64MiB_canBeSet_andMustBeAtLeast1MiB() throws Exception {
    String base = "party = FR\nnetwork-dir = \"" + net.pki.layout().dir() + "\"\n";
    assertThat(NodeConfigLoader.load(write(base), Map.of()).databaseWalLimitBytes()).isEqualTo(64L << 20);
    assertThat(NodeConfigLoader.load(write(base + "database.wal-limit = 16MiB"), Map.of()).databaseWalLimitBytes())
        .isEqualTo(16L << 20);
    assertThatThrownBy(() -> NodeConfigLoader.load(write(base + "database.wal-limit = 4KiB"), Map.of()))
        .hasMessage("relay247.node.database.wal-limit: 4096 bytes (expected: at least 1MiB, e.g. 64MiB)");
  }

  @Test
  void clusterSection_isReadWithItsDefaults() throws Exception {
    String base = "party = FR\nnetwork-dir = \"" + net.pki.layout().dir() + "\"\n"
        + "database.url = \"jdbc:postgresql://db.internal:5432/relay247\"\n";
    assertThat(NodeConfigLoader.load(write(base), Map.of()).cluster()).isEmpty();
    NodeConfig c = NodeConfigLoader.load(write(base + "cluster { member-name = fr-node-2, bind-address = \"10.0.0.12\","
        + " port = 5701, members = [\"10.0.0.11:5701\", \"10.0.0.12:5701\", \"10.0.0.13:5701\"] }"), Map.of());
    assertThat(c.cluster()).get().satisfies(k -> {
      assertThat(k.memberName()).isEqualTo("fr-node-2");
      assertThat(k.bindAddress()).isEqualTo("10.0.0.12");
      assertThat(k.port()).isEqualTo(5701);
      assertThat(k.members()).hasSize(3);
      assertThat(k.majority()).isEqualTo(2);
      assertThat(k.leaseTtl()).isEqualTo(Duration.ofSeconds(6));
    });
  }

  @Test
  void clusterOnSqlite_isRefused_inOneSentence() throws Exception {
    String conf = "party = FR\nnetwork-dir = \"" + net.pki.layout().dir() + "\"\n"
        + "cluster { member-name = fr-node-1, bind-address = \"10.0.0.11\", port = 5701, members = [\"10.0.0.11:5701\"] }";
    assertThatThrownBy(() -> NodeConfigLoader.load(write(conf), Map.of())).isInstanceOf(ConfigException.class)
        .hasMessage("relay247.node.cluster: the members of a cluster share one PostgreSQL database and this node's"
            + " store is SQLite (expected: database.url = \"jdbc:postgresql://...\")");
  }

  @Test
  void badClusterValues_nameTheKeyAndWhatIsExpected() throws Exception {
    String base = "party = FR\nnetwork-dir = \"" + net.pki.layout().dir() + "\"\n"
        + "database.url = \"jdbc:postgresql://db.internal:5432/relay247\"\n";
    String members = "members = [\"10.0.0.11:5701\", \"10.0.0.12:5701\"]";
    assertThatThrownBy(() -> NodeConfigLoader.load(write(base + "cluster { bind-address = \"10.0.0.11\", port = 5701, "
        + members + " }"), Map.of()))
        .hasMessage("relay247.node.cluster.member-name: missing (expected: this member's name, unique in the Party,"
            + " e.g. fr-node-1)");
    assertThatThrownBy(() -> NodeConfigLoader.load(write(base + "cluster { member-name = a, bind-address = \"10.0.0.11\","
        + " port = 5701, members = [\"10.0.0.11:5701\", \"10.0.0.12:99999\"] }"), Map.of()))
        .hasMessage("relay247.node.cluster.members: '10.0.0.12:99999' (expected: host:port, port 1 to 65535)");
    assertThatThrownBy(() -> NodeConfigLoader.load(write(base + "cluster { member-name = a, bind-address = \"10.0.0.11\","
        + " port = 0, " + members + " }"), Map.of()))
        .hasMessage("relay247.node.cluster.port: 0 (expected: 1 to 65535)");
    assertThatThrownBy(() -> NodeConfigLoader.load(write(base + "cluster { member-name = a, bind-address = \"10.0.0.11\","
        + " port = 5701, lease-ttl = 100ms, " + members + " }"), Map.of()))
        .hasMessage("relay247.node.cluster.lease-ttl: PT0.1S (expected: 1s to 5m)");
  }

  @Test
  void h2DatabaseUrl_isRefused_withTheWayToMove() throws Exception {
    String base = "party = FR\nnetwork-dir = \"" + net.pki.layout().dir() + "\"\n";
    assertThatThrownBy(() -> NodeConfigLoader.load(write(base + "database.url = \"jdbc:h2:file:/srv/relay247-fr\""),
        Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("relay247.node.database.url: \"jdbc:h2:file:/srv/relay247-fr\" is an H2 database,"
            + " no longer supported")
        .hasMessageContaining("docs/deployment.md (\"Moving from H2\")");
  }

  @Test
  void oldDefaultH2File_inTheDataDir_isRefused_insteadOfStartingAnEmptyStore() throws Exception {
    Path data = Files.createDirectories(dir.resolve("old-data"));
    Files.writeString(data.resolve("relay247-fr.mv.db"), "H2 file of an earlier release");
    String conf = "party = FR\nnetwork-dir = \"" + net.pki.layout().dir() + "\"\ndata-dir = \"" + data + "\"\n";
    assertThatThrownBy(() -> NodeConfigLoader.load(write(conf), Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("relay247-fr.mv.db is an H2 database, no longer supported")
        .hasMessageContaining("docs/deployment.md (\"Moving from H2\")");
  }

  @Test
  void caseTimers_haveDocumentedDefaults_canBeSet_andMustBePositive() throws Exception {
    String base = "party = FR\nnetwork-dir = \"" + net.pki.layout().dir() + "\"\n";
    NodeConfig defaults = NodeConfigLoader.load(write(base), Map.of());
    assertThat(defaults.caseTimers()).isEqualTo(org.relay247.gateway.cases.CaseTimerSettings.defaults());

    NodeConfig set = NodeConfigLoader.load(write(base + "cases.timers.most-rapid = 90m"), Map.of());
    assertThat(set.caseTimers().of(org.relay247.gateway.cases.UrgencyClass.MOST_RAPID))
        .isEqualTo(Duration.ofMinutes(90));

    assertThatThrownBy(() -> NodeConfigLoader.load(write(base + "cases.timers.expedited = 0s"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("relay247.node.cases.timers.expedited: PT0S (expected: > 0)");
    assertThatThrownBy(() -> NodeConfigLoader.load(write(base + "cases.preservation-warning = -1d"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("relay247.node.cases.preservation-warning: ");
  }

  @Test
  void missingFiles_areNamedWithWhatTheyShouldBe() throws Exception {
    assertThatThrownBy(() -> NodeConfigLoader.load(write("party = FR\nkeystore = \"nope.p12\""), Map.of()))
        .hasMessageContaining("relay247.node.keystore: ").hasMessageContaining("nope.p12 does not exist")
        .hasMessageContaining("expected: a PKCS#12 keystore with aliases tls, sign and enc");
    assertThatThrownBy(() -> NodeConfigLoader.load(dir.resolve("absent.conf"), Map.of()))
        .hasMessageContaining("absent.conf does not exist");
  }
}
