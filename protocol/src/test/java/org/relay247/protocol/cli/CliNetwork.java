package org.relay247.protocol.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.relay247.pki.DevelopmentNetwork;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.NetworkSettings;
import org.relay247.pki.PartyCode;
import org.relay247.pki.cli.CliErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * A development network (DE, FR, US) on disk and the protocol commands wired as relay247 wires
 * them, run at a clock the test can move.
 */
final class CliNetwork {
  static final Path EXAMPLES =
      Path.of(System.getProperty("basedir", ".")).resolve("../docs/examples").normalize();

  record Run(int exit, String out, String err) {}

  /** Stands in for the gateway's relay247 command, which this module cannot see. */
  @Command(name = "relay247", mixinStandardHelpOptions = true)
  static final class Root implements Runnable {
    @Override
    public void run() {}
  }

  final Path dir;
  final NetworkPki pki;
  private Duration offset = Duration.ZERO;

  CliNetwork(Path dir) throws IOException {
    this.dir = dir;
    this.pki = DevelopmentNetwork.create(dir, List.of(new PartyCode("FR"), new PartyCode("DE"), new PartyCode("US")),
        List.of(), NetworkSettings.defaults(), Clock.systemUTC());
  }

  /** Moves the commands' clock {@code by} from the real time. */
  void advance(Duration by) {
    offset = offset.plus(by);
  }

  Clock clock() {
    return Clock.offset(Clock.systemUTC(), offset);
  }

  String path() {
    return dir.toString();
  }

  Run run(String... args) {
    Clock clock = clock();
    CommandLine cli = new CommandLine(new Root());
    cli.addSubcommand(new EnvelopeCommand(clock));
    cli.addSubcommand(new DirectoryCommand(clock));
    cli.addSubcommand(new VerifyCommand(clock));
    CliErrors.install(cli);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
