package org.relay247.simulator.load;

import java.time.Clock;
import org.relay247.gateway.cli.CommandProvider;

/** Adds {@code relay247 load} to the command line (found through {@link java.util.ServiceLoader}). */
public final class LoadCommandProvider implements CommandProvider {
  @Override
  public Object command(Clock clock) {
    return new LoadHarness(clock);
  }
}
