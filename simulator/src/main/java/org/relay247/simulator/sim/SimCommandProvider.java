package org.relay247.simulator.sim;

import java.time.Clock;
import org.relay247.gateway.cli.CommandProvider;

/** Adds {@code relay247 sim} to the command line (found through {@link java.util.ServiceLoader}). */
public final class SimCommandProvider implements CommandProvider {
  @Override
  public Object command(Clock clock) {
    return new SimCommand();
  }
}
