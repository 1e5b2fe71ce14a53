package org.relay247.gateway.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import picocli.CommandLine;

/** One run of the {@code relay247} command line in-process, with the production wiring: exit code, out, err. */
public record CliRun(int exit, String out, String err) {
  /** {@code relay247 args...} on the system clock. */
  public static CliRun relay247(String... args) {
    return relay247(Clock.systemUTC(), args);
  }

  /** {@code relay247 args...} on {@code clock}. */
  public static CliRun relay247(Clock clock, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Relay247Command.newCommandLine(clock);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
