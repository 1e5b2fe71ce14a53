package org.relay247.gateway.cli;

import com.google.protobuf.util.Timestamps;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.seal.DirectoryVerificationException;
import org.relay247.protocol.seal.DirectoryVerifier;
import org.relay247.protocol.v1.DeliveryState;
import org.relay247.protocol.v1.InboxSummary;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.ListOutboxRequest;
import org.relay247.protocol.v1.OutboxStatus;
import org.relay247.protocol.v1.Ping;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;
import org.relay247.protocol.v1.SubmitDraftRequest;
import org.relay247.protocol.v1.SubmitDraftResponse;
import org.relay247.protocol.v1.WatchInboxRequest;
import org.relay247.protocol.v1.WatchInboxResponse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code relay247 ping XX|--all}: a signed ping through the local node to one Party or to every
 * other Party of the directory, waiting for the signed pong their nodes answer with. Exit 0 when
 * every Party answered in time, 1 otherwise, 2 for bad usage.
 */
@Command(name = "ping", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Check the path to other Parties end to end: your node seals and delivers a signed ping, the "
        + "recipient's node answers with a signed pong. Prints per Party whether it answered, the round trip "
        + "(ping submitted to pong stored, both by your node's clock) and, without an answer, why: the delivery's "
        + "last error (TLS, certificate, timeout/unreachable) or what became of the ping.",
        "Exit status: 0 every Party answered, 1 at least one did not, 2 bad usage."},
    footer = {"", "Examples:",
        "  relay247 ping DE --node localhost:7411 --network net --party FR",
        "  relay247 ping --all --timeout 30s --node localhost:7411 --network net --party FR"})
final class PingCommand extends ApiCommand {
  private static final String ROW = "%-6s %-9s %8s  %s%n";

  @Parameters(index = "0", arity = "0..1", paramLabel = "XX", description = "The Party to ping, e.g. DE.")
  String party;

  @Option(names = "--all", description = "Ping every other Party of the network directory (DIR/directory.bin).")
  boolean all;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
      description = "How long to wait for the pongs, e.g. 10s, 500ms, 2m (default: ${DEFAULT-VALUE}).")
  String timeout;

  PingCommand(Clock clock) {
    super(clock);
  }

  /** One Party's ping: submitted (with its id and time) or refused by the local node. */
  private record Sent(String party, Optional<SubmitDraftResponse> ping, String refusal) {}

  @Override
  int run(NationalApiClient client) throws Exception {
    Duration wait = waitFor();
    List<String> parties = parties();
    BlockingQueue<InboxSummary> pongs = new LinkedBlockingQueue<>();
    watchPongs(client, pongs);
    Map<String, Sent> sent = new LinkedHashMap<>();
    for (String p : parties) {
      sent.put(p, submit(client, p));
    }
    Map<String, InboxSummary> answers = awaitPongs(sent, pongs, wait);
    List<OutboxStatus> outbox = answers.size() < sent.size()
        ? client.blocking(TIMEOUT).listOutbox(ListOutboxRequest.newBuilder().setLimit(1000).build()).getEntriesList()
        : List.of();
    out().printf(ROW, "PARTY", "ANSWERED", "RTT MS", "WHY NOT");
    for (Sent s : sent.values()) {
      Optional<InboxSummary> pong = s.ping().map(p -> answers.get(p.getMessageId()));
      if (pong.isPresent()) {
        long ms = Timestamps.toMillis(pong.get().getReceivedAt()) - Timestamps.toMillis(s.ping().get().getCreatedAt());
        out().printf(ROW, s.party(), "yes", ms, "");
      } else {
        out().printf(ROW, s.party(), "no", "-", s.ping().isEmpty() ? s.refusal()
            : why(outbox.stream().filter(o -> o.getMessageId().equals(s.ping().get().getMessageId())).findFirst()));
      }
    }
    out().printf("%d of %d answered within %s.%n", answers.size(), sent.size(), timeout);
    return answers.size() == sent.size() ? 0 : 1;
  }

  private Duration waitFor() {
    try {
      Duration d = ConfigFactory.parseString("t = \"" + timeout.replace("\"", "") + "\"").getDuration("t");
      if (d.isNegative() || d.isZero()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--timeout: " + timeout + " (expected: > 0)");
      }
      return d;
    } catch (ConfigException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--timeout: \"" + timeout
          + "\" (expected: a duration, e.g. 10s, 500ms, 2m)");
    }
  }

  private List<String> parties() throws Exception {
    if (all == (party != null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), all
          ? "XX and --all are alternatives: give one" : "Missing the Party to ping: XX (e.g. DE) or --all");
    }
    if (!all) {
      try {
        return List.of(PartyCode.of(party.strip()).code());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "XX: " + e.getMessage());
      }
    }
    Path file = api.network.resolve("directory.bin");
    try {
      List<String> codes = new ArrayList<>();
      new DirectoryVerifier(NetworkPki.open(api.network, clock).validator()).verify(Files.readAllBytes(file), 0)
          .getPartiesList().forEach(p -> codes.add(p.getCode()));
      // Our own Party, when known (--party), is not pinged; with --keystore the node refuses it.
      codes.removeIf(c -> c.equals(api.party == null ? null : api.party.strip().toUpperCase(Locale.ROOT)));
      return codes;
    } catch (DirectoryVerificationException e) {
      throw new IllegalArgumentException(file + ": not a valid signed directory of this network: " + e.getMessage(), e);
    }
  }

  private Sent submit(NationalApiClient client, String to) {
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    try {
      return new Sent(to, Optional.of(client.blocking(TIMEOUT).submitDraft(SubmitDraftRequest.newBuilder()
          .setDraft(InnerMessage.newBuilder().setLanguage("en")
              .setRouting(Routing.newBuilder().setRecipient(to + "/poc").setPriority(Priority.PRIORITY_ROUTINE))
              .setPing(Ping.newBuilder().setNonce(HexFormat.of().formatHex(nonce))
                  .setSentAt(Timestamps.fromMillis(clock.millis()))))
          .build())), "");
    } catch (StatusRuntimeException e) {
      return new Sent(to, Optional.empty(), "ping refused by your node: " + e.getStatus().getCode()
          + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription()));
    }
  }

  /** Every PONG the node stores from the start of the inbox on, until the client closes. */
  private static void watchPongs(NationalApiClient client, BlockingQueue<InboxSummary> pongs) {
    Iterator<WatchInboxResponse> stream = client.watching().watchInbox(WatchInboxRequest.newBuilder().build());
    Thread t = new Thread(() -> {
      try {
        while (stream.hasNext()) {
          InboxSummary e = stream.next().getEntry();
          if (e.getBodyType().equals("pong")) {
            pongs.add(e);
          }
        }
      } catch (StatusRuntimeException e) {
        // The client closed, or the node went away: the pings not answered by then are reported.
      }
    }, "relay247-ping-watch");
    t.setDaemon(true);
    t.start();
  }

  private static Map<String, InboxSummary> awaitPongs(Map<String, Sent> sent, BlockingQueue<InboxSummary> pongs,
      Duration wait) throws InterruptedException {
    List<String> ids = sent.values().stream().flatMap(s -> s.ping().stream()).map(SubmitDraftResponse::getMessageId)
        .toList();
    Map<String, InboxSummary> answers = new LinkedHashMap<>();
    long deadline = System.nanoTime() + wait.toNanos();
    while (answers.size() < ids.size()) {
      InboxSummary pong = pongs.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (pong == null) {
        break;
      }
      if (ids.contains(pong.getReplyToId())) {
        answers.put(pong.getReplyToId(), pong);
      }
    }
    return answers;
  }

  /** Why a submitted ping got no pong, from its outbox entry. */
  static String why(Optional<OutboxStatus> ping) {
    if (ping.isEmpty()) {
      return "ping not found in the outbox";
    }
    OutboxStatus o = ping.get();
    if (o.getState() == DeliveryState.DELIVERY_STATE_REJECTED) {
      return "ping rejected: " + o.getReceiptReason().name();
    }
    if (o.getState() == DeliveryState.DELIVERY_STATE_DELIVERED) {
      return "ping delivered, no pong in time";
    }
    if (o.getLastError().isEmpty()) {
      return "ping not delivered yet (no attempt failed)";
    }
    return "ping undelivered after " + o.getAttempts() + " attempt(s): " + classify(o.getLastError());
  }

  /** TLS, certificate or timeout/unreachable, then the error itself. */
  static String classify(String error) {
    String e = error.toLowerCase(Locale.ROOT);
    if (e.contains("revoked") || e.contains("certificate")) {
      return "certificate (" + error + ")";
    } else if (e.contains("ssl") || e.contains("tls") || e.contains("handshake")) {
      return "TLS (" + error + ")";
    } else if (e.contains("deadline") || e.contains("timeout") || e.contains("unavailable")) {
      return "timeout/unreachable (" + error + ")";
    }
    return error;
  }
}
