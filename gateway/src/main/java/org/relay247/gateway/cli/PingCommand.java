package org.relay247.gateway.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.v1.PartyPing;
import org.relay247.protocol.v1.PingPartiesRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code relay247 ping XX|--all}: the local node sends a signed ping to one Party's node or to
 * every other Party's, and checks the signed pong each answers with (national API PingParties).
 * Exit 0 when every Party answered in time, 1 otherwise, 2 for bad usage.
 */
@Command(name = "ping", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Check the network from your node: it sends each Party's node a ping signed with its signing key "
        + "over the node exchange (mutual TLS), and checks the pong signed by theirs. Nothing is sealed or stored. "
        + "Prints per Party whether it answered, the round trip (ping sent to pong verified) and, without an answer, "
        + "why: TLS, certificate, timeout/unreachable, a refused pong, or the other node's refusal of the ping.",
        "Exit status: 0 every Party answered, 1 at least one did not, 2 bad usage."},
    footer = {"", "Examples:",
        "  relay247 ping DE --node localhost:7411 --network net --party FR",
        "  relay247 ping --all --timeout 30s --node localhost:7411 --network net --party FR"})
final class PingCommand extends ApiCommand {
  private static final String ROW = "%-6s %-9s %8s  %s%n";

  @Parameters(index = "0", arity = "0..1", paramLabel = "XX", description = "The Party to ping, e.g. DE.")
  String party;

  @Option(names = "--all", description = "Ping every other Party of your node's directory.")
  boolean all;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
      description = "How long to wait for each pong, e.g. 10s, 500ms, 2m; at most 5m (default: ${DEFAULT-VALUE}).")
  String timeout;

  PingCommand(Clock clock) {
    super(clock);
  }

  @Override
  int run(NationalApiClient client) throws Exception {
    Duration wait = waitFor();
    PingPartiesRequest.Builder request = PingPartiesRequest.newBuilder().setTimeoutMs((int) wait.toMillis());
    parties().ifPresent(request::addParties);
    List<PartyPing> results = client.blocking(wait.plus(TIMEOUT)).pingParties(request.build()).getResultsList();
    out().printf(ROW, "PARTY", "ANSWERED", "RTT MS", "WHY NOT");
    long answered = 0;
    for (PartyPing r : results) {
      out().printf(ROW, r.getParty(), r.getAnswered() ? "yes" : "no",
          r.getAnswered() ? String.format(Locale.ROOT, "%.1f", r.getRoundTripMs()) : "-", r.getWhy());
      answered += r.getAnswered() ? 1 : 0;
    }
    out().printf("%d of %d answered within %s.%n", answered, results.size(), timeout);
    return answered == results.size() ? 0 : 1;
  }

  private Duration waitFor() {
    try {
      Duration d = ConfigFactory.parseString("t = \"" + timeout.replace("\"", "") + "\"").getDuration("t");
      if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--timeout: " + timeout
            + " (expected: > 0 and at most 5m)");
      }
      return d;
    } catch (ConfigException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--timeout: \"" + timeout
          + "\" (expected: a duration, e.g. 10s, 500ms, 2m)");
    }
  }

  /** The one Party asked for; empty with --all (the node pings every other Party of its directory). */
  private Optional<String> parties() {
    if (all == (party != null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), all
          ? "XX and --all are alternatives: give one" : "Missing the Party to ping: XX (e.g. DE) or --all");
    }
    if (all) {
      return Optional.empty();
    }
    try {
      return Optional.of(PartyCode.of(party.strip()).code());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "XX: " + e.getMessage());
    }
  }
}
