package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.relay247.gateway.cli.CliRun.relay247;

import io.grpc.StatusRuntimeException;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.relay247.gateway.api.ClientCredentials;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Password;
import org.relay247.pki.Pkcs12;
import org.relay247.protocol.v1.ListOutboxRequest;

/**
 * relay247 send, inbox, show, ack and outbox as an operator runs them, against two running net
 * (FR, DE) on loopback, authenticated with the net' own TLS keys (development mode).
 */
class NationalApiCommandsTest {
  @RegisterExtension static final CliNetwork net = new CliNetwork();

  private static Path example(String name) {
    return Path.of(System.getProperty("basedir", ".")).resolve("../docs/examples/" + name).normalize();
  }

  private static String send(GatewayNode from, String to, String type, Path body) {
    CliRun sent = net.as(from, "send", "--to", to, "--type", type, "--body", body.toString());
    assertThat(sent.exit()).as(sent.err()).isZero();
    return sent.out().lines().findFirst().orElseThrow().strip();
  }

  @Test
  void everyCommand_hasHelp() {
    for (String command : List.of("send", "inbox", "show", "ack", "outbox")) {
      CliRun help = relay247(command, "--help");
      assertThat(help.exit()).as(command).isZero();
      assertThat(help.out()).startsWith("Usage: relay247 " + command).contains("--node=HOST:PORT")
          .contains("--network=DIR").contains("--party=XX").contains("--keystore=FILE")
          .doesNotContain("--password=");
    }
    assertThat(relay247("--help").out()).contains("send").contains("inbox").contains("show").contains("ack")
        .contains("outbox");
  }

  @Test
  void sendInboxShowAckOutbox_endToEnd() throws Exception {
    String id = send(net.fr(), "DE/poc", "art9", example("art9-request.json"));
    assertThat(id).matches("[0-9a-f-]{36}");
    Awaits.completed(net.fr(), id);

    CliRun outbox = net.as(net.fr(), "outbox");
    assertThat(outbox.exit()).as(outbox.err()).isZero();
    assertThat(outbox.out()).contains(id).containsPattern(id + " +DE/poc +EMERGENCY +art9_request .* DELIVERED +0 +ACCEPTED")
        .contains("Queue: empty");

    CliRun inbox = net.as(net.de(), "inbox");
    assertThat(inbox.exit()).as(inbox.err()).isZero();
    assertThat(inbox.out()).startsWith("SEQ").containsPattern(" " + id + " +FR/poc +EMERGENCY +art9_request +\\S+Z +no");
    assertThat(inbox.out()).as("never content").doesNotContain("Camille").doesNotContain("Postfach24");

    CliRun show = net.as(net.de(), "show", id);
    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(show.out()).startsWith("Received message " + id).contains("from:         FR/poc to DE/poc")
        .contains("signed by:    ").contains("C=FR").contains("receipt:      ACCEPTED, signed by this node")
        .contains("acknowledged: no").contains("\"art9Request\": {").contains("Postfach24 GmbH");
    CliRun shown = net.as(net.fr(), "show", id);
    assertThat(shown.out()).startsWith("Sent message " + id).contains("delivery:     DELIVERED")
        .contains("receipt:      ACCEPTED, signed by the recipient");

    CliRun ack = net.as(net.de(), "ack", id, "--role", "24/7 duty officer");
    assertThat(ack.exit()).as(ack.err()).isZero();
    assertThat(ack.out()).startsWith("Acknowledged " + id).contains("by 24/7 duty officer")
        .contains("opened notice ").contains(" sent to the sender.");
    String notice = ack.out().replaceFirst("(?s).*opened notice (\\S+) sent.*", "$1").strip();
    Awaits.completed(net.de(), notice);
    assertThat(net.as(net.fr(), "inbox").out()).containsPattern(" " + notice + " +DE/poc +EMERGENCY +opened_notice ");
    assertThat(net.as(net.de(), "inbox").out()).containsPattern(" " + id + " .* yes");
    assertThat(net.as(net.de(), "ack", id, "--role", "24/7 duty officer").out())
        .startsWith("Already acknowledged " + id);
  }

  @Test
  void inboxWatch_printsMessagesAsTheyArrive() throws Exception {
    long last = net.de().inbox().after(0, 10_000).stream().mapToLong(e -> e.seq()).max().orElse(0);
    int listeners = net.de().events().inboxListeners();
    CompletableFuture<CliRun> watching = CompletableFuture.supplyAsync(() ->
        net.as(net.de(), "inbox", "--watch", "--after", Long.toString(last), "--limit", "1"));
    Awaits.until("the watch subscribed at DE", Duration.ofSeconds(20),
        () -> net.de().events().inboxListeners() > listeners);
    assertThat(watching).isNotDone();

    String id = send(net.fr(), "DE/poc", "ping", example("ping.json"));

    CliRun watched = watching.get(30, TimeUnit.SECONDS);
    assertThat(watched.exit()).as(watched.err()).isZero();
    assertThat(watched.out()).startsWith("SEQ").containsPattern(" " + id + " +FR/poc +ROUTINE +ping ");
  }

  @Test
  void bodyOnlyJson_isSentWithTheTypesDefaultPriority() throws Exception {
    Path body = net.dir().resolve("ping-body.json");
    Files.writeString(body, "{\"nonce\": \"abc\"}");
    Path art10 = net.dir().resolve("art10-body.json");
    Files.writeString(art10, Files.readString(example("art10-request.json"))
        .replaceFirst("(?s)^.*\"art10Request\": (\\{.*\\})\\s*}\\s*$", "$1"));

    String ping = send(net.fr(), "DE/poc", "ping", body);
    String request = send(net.fr(), "DE/ca", "art10", art10);

    assertThat(net.fr().outboxStore().find(ping).orElseThrow().priorityRank()).isEqualTo(3);
    assertThat(net.fr().outboxStore().find(request).orElseThrow().priorityRank()).isEqualTo(1);
    assertThat(net.fr().outboxStore().find(request).orElseThrow().recipient()).isEqualTo("DE/ca");
  }

  @Test
  void keystoreAndPasswordFile_authenticateLikeTheNodesOwnKey() {
    Path network = net.trust();
    CliRun outbox = relay247("outbox", "--node", "localhost:" + net.fr().apiPort(), "--network", network.toString(),
        "--keystore", network.resolve("FR/keys.p12").toString(), "--password-file",
        network.resolve("FR/keys.pass").toString());
    assertThat(outbox.exit()).as(outbox.err()).isZero();
    assertThat(outbox.out()).contains("Queue:");

    Path wrong = net.dir().resolve("wrong.pass");
    CliRun refused = relay247("outbox", "--node", "localhost:" + net.fr().apiPort(), "--network", network.toString(),
        "--keystore", network.resolve("FR/keys.p12").toString(), "--password-file", write(wrong, "nope"));
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).startsWith("relay247 outbox: ").contains("cannot open keystore (wrong password");
  }

  @Test
  void unreachableNode_exits1_namingTheAddress() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    CliRun run = relay247("outbox", "--node", "localhost:" + closed, "--network", net.trust().toString(),
        "--party", "FR");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("relay247 outbox: cannot reach the node at localhost:" + closed
        + " (UNAVAILABLE: ");
  }

  @Test
  void nodeOfAnotherParty_exits1_withTheTlsReason() {
    // DE's key (the client then insists on a node of DE) against FR's node.
    CliRun run = relay247("outbox", "--node", "localhost:" + net.fr().apiPort(), "--network",
        net.trust().toString(), "--party", "DE");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("relay247 outbox: TLS handshake with the node at localhost:" + net.fr().apiPort()
        + " failed: ").contains("server certificate of Party FR (expected: a node of DE)");
  }

  @Test
  void clientCertificateRefusedByTheNode_isExplained() throws Exception {
    // DE's valid TLS key presented to FR's national API by a client that does expect FR's node.
    Path network = net.trust();
    Pkcs12 keys = Pkcs12.load(network.resolve("DE/keys.p12"), Password.fromFile(network.resolve("DE/keys.pass")));
    ClientCredentials misdirected = ClientCredentials.of(keys.privateKey("tls"), keys.chain("tls"),
        NetworkPki.open(network, Clock.systemUTC()).validator(), new PartyCode("FR"));
    String target = "localhost:" + net.fr().apiPort();
    try (NationalApiClient client = NationalApiClient.connect("localhost", net.fr().apiPort(), misdirected)) {
      StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
          () -> client.blocking(Duration.ofSeconds(20)).listOutbox(ListOutboxRequest.getDefaultInstance()));

      assertThat(ApiFailures.message(refused.getStatus(), target)).startsWith("TLS handshake with the node at "
          + target + " failed: ").containsIgnoringCase("alert")
          // BoringSSL sends what PkiTrustManager names for the refusal (never internal_error).
          .containsIgnoringCase("bad_certificate")
          .contains("the node refused this client's "
          + "certificate: the national API accepts only valid TLS certificates issued by the CA of its own Party");
    }
  }

  @Test
  void invalidBody_exits1_namingTheField() throws Exception {
    Path unknownField = net.dir().resolve("bad.json");
    Files.writeString(unknownField, "{\"nonce\": \"x\", \"colour\": \"red\"}");
    CliRun run = net.as(net.fr(), "send", "--to", "DE/poc", "--type", "ping", "--body", unknownField.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("relay247 send: " + unknownField + ": not a Ping").contains("colour");

    Path badEnum = net.dir().resolve("bad-enum.json");
    Files.writeString(badEnum, Files.readString(example("art9-request.json"))
        .replace("DATA_CATEGORY_TRAFFIC", "DATA_CATEGORY_GOSSIP"));
    run = net.as(net.fr(), "send", "--to", "DE/poc", "--type", "art9", "--body", badEnum.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("not an InnerMessage in protobuf JSON").contains("DATA_CATEGORY_GOSSIP");

    run = net.as(net.fr(), "send", "--to", "DE/poc", "--type", "art10", "--body",
        example("art9-request.json").toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("the body is art9Request, not art10Request (--type art10_request)");

    run = net.as(net.fr(), "send", "--to", "FR/poc", "--type", "ping", "--body", example("ping.json").toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("relay247 send: routing.recipient: FR/poc (expected: an authority of another"
        + " Party");
  }

  @Test
  void unknownMessage_exits1() {
    CliRun run = net.as(net.fr(), "show", "019aa430-9a40-7593-9e3f-13c7dd8924e5");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("relay247 show: message 019aa430-9a40-7593-9e3f-13c7dd8924e5 is neither in the"
        + " inbox nor in the outbox of this node" + System.lineSeparator());
  }

  @Test
  void usageErrors_exit2() {
    String network = net.trust().toString();
    assertThat(relay247("send", "--network", network, "--party", "FR", "--body", "x.json").exit()).isEqualTo(2);
    CliRun badType = net.as(net.fr(), "send", "--type", "telegram", "--body", "x.json");
    assertThat(badType.exit()).isEqualTo(2);
    assertThat(badType.err()).contains("\"telegram\" (expected: art9, art10");
    CliRun noKey = relay247("outbox", "--network", network);
    assertThat(noKey.exit()).isEqualTo(2);
    assertThat(noKey.err()).contains("Missing the client key: --party XX");
    CliRun badNode = relay247("outbox", "--node", "localhost", "--network", network, "--party", "FR");
    assertThat(badNode.exit()).isEqualTo(2);
    assertThat(badNode.err()).contains("--node: \"localhost\" (expected: HOST:PORT");
    assertThat(relay247("ack", "--network", network, "--party", "FR", "some-id").exit()).isEqualTo(2);
    assertThat(relay247("outbox", "--network", network, "--party", "FR", "--password", "secret").exit())
        .isEqualTo(2);
  }

  private static String write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return file.toString();
  }
}
