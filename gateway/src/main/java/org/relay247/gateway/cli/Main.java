package org.relay247.gateway.cli;

/** Process entry point of {@code relay247}; all wiring lives in {@link Relay247Command}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Relay247Command.newCommandLine(java.time.Clock.systemUTC()).execute(args));
  }
}
