package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The top-level command line as the launcher runs it (production wiring). */
class Relay247CommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Relay247Command.newCommandLine(Clock.systemUTC());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void help_listsThePkiCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).startsWith("Usage: relay247").contains("pki");
    assertThat(run("pki", "--help")).isZero();
    assertThat(out.toString()).contains("init-network").contains("verify");
  }

  @Test
  void noCommand_isAUsageErrorThatShowsTheCommands() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("Missing a command").contains("pki");
  }

  @Test
  void unknownCommand_isAUsageError() {
    assertThat(run("sned")).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument");
  }

  @Test
  void failures_areQualifiedByTheCommandPath() {
    assertThat(run("pki", "add-party", "--network", "/nonexistent/net", "--party", "FR")).isEqualTo(1);
    assertThat(err.toString()).startsWith("relay247 pki add-party: ").contains("not a network directory");
  }
}
