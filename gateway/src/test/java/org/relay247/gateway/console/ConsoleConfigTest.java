package org.relay247.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.config.ConfigException;
import org.relay247.pki.PartyCode;

/** The node config's console section: absent, defaults, and the mistakes an operator can make. */
class ConsoleConfigTest {
  @TempDir Path dir;

  @Test
  void noConsoleSection_meansNoConsole_andAnEmptyOne_theDefaults() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR");
    assertThat(net.config(new PartyCode("FR")).console()).isEmpty();
    net.writeConfig(new PartyCode("FR"), "console {}");
    var console = net.config(new PartyCode("FR")).console().orElseThrow();
    assertThat(console.port()).isEqualTo(7403);
    assertThat(console.usesNodeTlsKey()).isTrue();
    assertThat(console.idleTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(console.maxFailures()).isEqualTo(5);
    assertThat(console.lockout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(console.clientCertificates()).as("certificate sign-in is off unless asked for").isFalse();
    net.writeConfig(new PartyCode("FR"), "console { client-certificates = true }");
    assertThat(net.config(new PartyCode("FR")).console().orElseThrow().clientCertificates()).isTrue();
  }

  @Test
  void certificateWithoutKey_orMissingFile_isRefusedAtStart() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR");
    Path cert = dir.resolve("console.pem");
    Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
    net.writeConfig(new PartyCode("FR"), "console { certificate-file = \"" + cert + "\" }");
    assertThatThrownBy(() -> net.config(new PartyCode("FR"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("relay247.node.console.certificate-file and key-file: only one given");
    net.writeConfig(new PartyCode("FR"), "console { certificate-file = \"" + cert + "\", key-file = \"nope.key\" }");
    assertThatThrownBy(() -> net.config(new PartyCode("FR"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("relay247.node.console.key-file").hasMessageContaining("does not exist");
    net.writeConfig(new PartyCode("FR"), "console { max-failures = 0 }");
    assertThatThrownBy(() -> net.config(new PartyCode("FR"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("max-failures: 0 (expected: 1 to 100)");
  }
}
