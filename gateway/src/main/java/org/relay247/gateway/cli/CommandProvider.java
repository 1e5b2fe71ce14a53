package org.relay247.gateway.cli;

import java.time.Clock;

/**
 * Lets modules above the gateway (the simulator) add top-level commands to {@code relay247}
 * without the gateway depending on them: implementations are found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/org.relay247.gateway.cli.CommandProvider}).
 */
public interface CommandProvider {
  /** A picocli command object (annotated with {@code @Command}), built with the given clock. */
  Object command(Clock clock);
}
