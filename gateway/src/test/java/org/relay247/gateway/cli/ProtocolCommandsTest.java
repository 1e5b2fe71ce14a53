package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The protocol module's commands and the default directory, as the relay247 launcher wires them. */
class ProtocolCommandsTest {
  @TempDir Path tmp;

  private record Run(int exit, String out, String err) {}

  private Run relay247(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Relay247Command.newCommandLine(Clock.systemUTC());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void help_listsEnvelopeDirectoryAndVerify_andEachHasHelp() {
    Run help = relay247("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("envelope").contains("directory").contains("verify");
    for (String[] command : new String[][] {{"envelope", "seal"}, {"envelope", "open"}, {"envelope", "cms"},
        {"directory", "sign"}, {"verify"}}) {
      String[] args = java.util.Arrays.copyOf(command, command.length + 1);
      args[command.length] = "--help";
      Run sub = relay247(args);
      assertThat(sub.exit()).as(String.join(" ", command)).isZero();
      assertThat(sub.out()).startsWith("Usage: relay247 " + String.join(" ", command));
    }
  }

  @Test
  void initNetwork_writesASignedDefaultDirectory_thatVerifyAccepts() {
    Path net = tmp.resolve("net");

    Run init = relay247("pki", "init-network", "--parties", "FR,DE,US", "--out", net.toString());
    assertThat(init.exit()).as(init.err()).isZero();
    assertThat(init.out()).contains("signed default directory: " + net.resolve("directory.bin"));

    Run verify = relay247("verify", net.resolve("directory.bin").toString(), "--network", net.toString());
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

    Run seal = relay247("envelope", "seal", "--network", net.toString(), "--body", body.toString(),
        "--out", env.toString());
    assertThat(seal.exit()).as(seal.err()).isZero();
    Run open = relay247("envelope", "open", "--network", net.toString(), "--as", "DE", "--in", env.toString());
    assertThat(open.exit()).as(open.out() + open.err()).isZero();
    assertThat(open.out()).startsWith("VALID envelope ").contains("\"ping\"");

    Run wrong = relay247("envelope", "open", "--network", net.toString(), "--as", "FR", "--in", env.toString());
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.out()).startsWith("INVALID WRONG_RECIPIENT: ");
  }
}
