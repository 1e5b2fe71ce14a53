package org.relay247.simulator.sim;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.relay247.gateway.config.NodeConfigLoader;
import org.relay247.gateway.node.GatewayNode;

/**
 * One simulated Party's node in its own process ({@code relay247 sim run --processes}): the
 * production wiring ({@link GatewayNode#start}) on a config the simulator wrote, and a clock that
 * is real time plus the simulation's offset.
 *
 * <p>Control over standard input, one line each, answered {@value #OK} on standard output once
 * in effect (or one line saying why not): {@code offset MILLIS} sets the clock's offset;
 * {@code reload-crls}, {@code reload-directory} and {@code reload-keys} have the node reload its
 * CRLs, its directory or its key store now (the faults and directory updates of a scenario).
 * End of input (the simulator stopped or died) closes the node and exits. Standard output carries only {@value #READY} and the
 * answers; logs go to standard error.
 *
 * <p>Usage: {@code NodeProcess CONFIG OFFSET_MILLIS}.
 */
public final class NodeProcess {
  static final String READY = "ready";
  static final String OK = "ok";

  private NodeProcess() {}

  public static void main(String[] args) throws Exception {
    PrintStream control = System.out;
    System.setOut(System.err);
    OffsetClock clock = new OffsetClock(Duration.ofMillis(Long.parseLong(args[1])));
    GatewayNode node = GatewayNode.start(NodeConfigLoader.load(Path.of(args[0]), Map.of()), clock);
    control.println(READY);
    control.flush();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        control.println(run(line, node, clock));
        control.flush();
      }
    } finally {
      node.close();
    }
    System.exit(0);
  }

  private static String run(String line, GatewayNode node, OffsetClock clock) {
    try {
      switch (line.strip()) {
        case "reload-crls" -> node.trust().refresh();
        case "reload-directory" -> node.directory().reload();
        case "reload-keys" -> node.reloadKeys();
        default -> {
          if (!line.startsWith("offset ")) {
            return "unknown command: " + line + " (expected: offset MILLIS, reload-crls, reload-directory or"
                + " reload-keys)";
          }
          clock.offset = Duration.ofMillis(Long.parseLong(line.substring("offset ".length()).trim()));
        }
      }
      return OK;
    } catch (Exception e) {
      return "failed: " + e.getMessage();
    }
  }

  /** Real time plus an offset the simulator moves forward (advance) or sets per node (clock skew). */
  static final class OffsetClock extends Clock {
    private volatile Duration offset;

    OffsetClock(Duration offset) {
      this.offset = offset;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the simulation clock is UTC");
    }
  }
}
