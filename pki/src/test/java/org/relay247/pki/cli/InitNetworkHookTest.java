package org.relay247.pki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.pki.PartyCode;
import picocli.CommandLine;

/** The work modules above pki attach to init-network (the default directory) runs on the finished network. */
class InitNetworkHookTest {
  @TempDir Path tmp;

  private record Run(int exit, String out, String err) {}

  private Run initNetwork(PkiCommand pki, Path net) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CliErrors.install(new CommandLine(pki));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute("init-network", "--parties", "FR,DE", "--out", net.toString());
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void initNetwork_runsTheHookOnTheCompleteNetwork_andPrintsItsLine() {
    Path net = tmp.resolve("net");
    List<String> seen = new ArrayList<>();

    Run r = initNetwork(new PkiCommand(Clock.systemUTC(), network -> {
      seen.add(network.layout().dir().toString());
      seen.add(network.layout().parties().toString());
      seen.add(Boolean.toString(Files.exists(network.layout().nodeKeystore(new PartyCode("DE")))));
      seen.add(network.directoryKey().getAlgorithm());
      return "signed default directory: " + network.layout().dir().resolve("directory.bin");
    }), net);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(seen).containsExactly(net.toString(), "[DE, FR]", "true", "EC");
    assertThat(r.out()).contains("  signed default directory: " + net.resolve("directory.bin") + System.lineSeparator())
        .contains("Check a certificate:");
  }

  @Test
  void initNetwork_withoutHook_printsNoExtraLine() {
    Run r = initNetwork(new PkiCommand(Clock.systemUTC()), tmp.resolve("net"));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain("directory.bin");
  }

  @Test
  void failingHook_exitsOneWithItsMessage_leavingTheNetworkInPlace() {
    Path net = tmp.resolve("net");

    Run r = initNetwork(new PkiCommand(Clock.systemUTC(), network -> {
      throw new IOException("cannot write " + network.layout().dir().resolve("directory.bin"));
    }), net);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("pki init-network: cannot write " + net.resolve("directory.bin"));
    assertThat(net.resolve("root/ca.pem")).exists();
  }
}
