package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.cli.CliRun.relay247;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol module's commands and the default directory, as the relay247 launcher wires them. */
class ProtocolCommandsTest {
  @TempDir Path tmp;

  @Test
  void help_listsEnvelopeDirectoryAndVerify_andEachHasHelp() {
    CliRun help = relay247("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("envelope").contains("directory").contains("verify");
    for (String[] command : new String[][] {{"envelope", "seal"}, {"envelope", "open"}, {"envelope", "cms"},
        {"directory", "sign"}, {"verify"}}) {
      String[] args = java.util.Arrays.copyOf(command, command.length + 1);
      args[command.length] = "--help";
      CliRun sub = relay247(args);
      assertThat(sub.exit()).as(String.join(" ", command)).isZero();
      assertThat(sub.out()).startsWith("Usage: relay247 " + String.join(" ", command));
    }
  }

  @Test
  void initNetwork_writesASignedDefaultDirectory_thatVerifyAccepts() {
    Path net = tmp.resolve("net");

    CliRun init = relay247("pki", "init-network", "--parties", "FR,DE,US", "--out", net.toString());
    assertThat(init.exit()).as(init.err()).isZero();
    assertThat(init.out()).contains("signed default directory: " + net.resolve("directory.bin"));

    CliRun verify = relay247("verify", net.resolve("directory.bin").toString(), "--network", net.toString());
    assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).startsWith("VALID directory version 1 issued ")
        .contains("3 Parties (DE, FR, US), 3 pairs; signed by ");
  }

  @Test
  void sealAndOpen_throughTheLauncher_roundTrip() {
    Path net = tmp.resolve("net");
    assertThat(relay247("pki", "init-network", "--parties", "FR,DE", "--out", net.toString()).exit()).isZero();
    Path body = Path.of(System.getProperty("basedir", ".")).resolve("../docs/examples/ping.json").normalize();
    Path env = tmp.resolve("ping.env");

    CliRun seal = relay247("envelope", "seal", "--network", net.toString(), "--body", body.toString(),
        "--out", env.toString());
    assertThat(seal.exit()).as(seal.err()).isZero();
    CliRun open = relay247("envelope", "open", "--network", net.toString(), "--as", "DE", "--in", env.toString());
    assertThat(open.exit()).as(open.out() + open.err()).isZero();
    assertThat(open.out()).startsWith("VALID envelope ").contains("\"ping\"");

    CliRun wrong = relay247("envelope", "open", "--network", net.toString(), "--as", "FR", "--in", env.toString());
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.out()).startsWith("INVALID WRONG_RECIPIENT: ");
  }
}
