package org.relay247.simulator.bench;

import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code relay247 bench}: benchmarks that need whole nodes (the cryptography has its JMH benchmark). */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {ResultsBenchmark.class, ClusterBenchmark.class},
    description = "Benchmarks on two nodes in this JVM on loopback (docs/benchmarks.md).")
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  BenchCommand(Clock clock) {
    // A benchmark runs on the system clock; the parameter is the CommandProvider contract.
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand (see relay247 bench --help).");
  }
}
