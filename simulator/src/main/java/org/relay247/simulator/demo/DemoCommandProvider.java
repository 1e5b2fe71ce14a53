package org.relay247.simulator.demo;

import java.time.Clock;
import org.relay247.gateway.cli.CommandProvider;

/** Adds {@code relay247 demo} to the command line (found through {@link java.util.ServiceLoader}). */
public final class DemoCommandProvider implements CommandProvider {
  @Override
  public Object command(Clock clock) {
    return new DemoCommand(clock);
  }
}
