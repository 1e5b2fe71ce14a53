package org.relay247.gateway.cli;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.protocol.v1.Priority;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * A command that calls a node's national API: connection options, one client per run, and failed
 * calls turned into one readable sentence (exit 1) by {@link ApiFailures}.
 */
abstract class ApiCommand implements Callable<Integer> {
  /** Deadline of one unary call. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  final Clock clock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ApiClientOptions api;

  ApiCommand(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public final Integer call() throws Exception {
    try (NationalApiClient client = api.connect(spec.commandLine(), clock)) {
      return run(client);
    } catch (StatusRuntimeException e) {
      throw ApiFailures.describe(e, api.target());
    }
  }

  /** The command's work; a {@link StatusRuntimeException} it lets through is described for the user. */
  abstract int run(NationalApiClient client) throws Exception;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** 2025-11-21T02:14:00Z: seconds are enough on a terminal. */
  static String time(Timestamp t) {
    if (t.getSeconds() == 0 && t.getNanos() == 0) {
      return "-";
    }
    return Instant.ofEpochMilli(Timestamps.toMillis(t)).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** EMERGENCY, URGENT, ROUTINE. */
  static String priority(Priority p) {
    return p.name().replaceFirst("^PRIORITY_", "");
  }
}
