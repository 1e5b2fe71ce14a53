package org.relay247.simulator.bench;

import java.time.Clock;
import org.relay247.gateway.cli.CommandProvider;

/** Adds {@code relay247 bench results} to the command line (found through {@link java.util.ServiceLoader}). */
public final class BenchCommandProvider implements CommandProvider {
  @Override
  public Object command(Clock clock) {
    return new BenchCommand(clock);
  }
}
