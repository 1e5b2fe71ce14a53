package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.protocol.v1.InnerMessage;

/** relay247 case send-results / fetch-results: results as files, DE to FR, through each node's national API. */
class CaseResultsCommandsTest {
  @RegisterExtension static final CliNetwork net = new CliNetwork();

  @Test
  void sendResultsFromFiles_resumesWithoutSendingTwice_andFetchWritesVerifiedItems() throws Exception {
    InnerMessage request = net.fr().outbox().submit(org.relay247.gateway.node.CaseExchangeTestAccess.art9Request());
    String caseId = request.getRouting().getCaseId();
    String requestId = request.getRouting().getMessageId();
    Awaits.completed(net.fr(), requestId);

    CliRun noDetermination = net.as(net.de(), "case", "send-results", caseId, "--request", requestId,
        net.dir().resolve("FR.conf").toString());
    assertThat(noDetermination.exit()).isEqualTo(1);
    assertThat(noDetermination.err()).contains("no determination was sent on request " + requestId);

    CliRun determine = net.as(net.de(), "case", "determine", caseId, "--request", requestId,
        "--outcome", "will-provide", "--by", "KHK Jonas Brenner");
    assertThat(determine.exit()).as(determine.err()).isZero();
    Awaits.completed(net.de(), determine.out().strip());

    Path big = net.dir().resolve("mailbox.mbox");
    byte[] bytes = new byte[3 * 1024 * 1024 + 123];
    new Random(3).nextBytes(bytes);
    Files.write(big, bytes);
    Path small = net.dir().resolve("subscriber.csv");
    Files.writeString(small, "account,registered_at\nkr-lieferung@postfach24.example,2025-10-30\n");

    CliRun sent = net.as(net.de(), "case", "send-results", caseId, "--request", requestId, "--by",
        "KHK Jonas Brenner", big.toString(), small.toString());
    assertThat(sent.exit()).as(sent.err()).isZero();
    assertThat(sent.err()).contains("sent 2 item(s) in 5 chunk(s) to FR/poc");
    String manifestId = sent.out().strip();
    long chunksSent = chunksInOutbox(net.de(), caseId);
    assertThat(chunksSent).isEqualTo(5);

    CliRun again = net.as(net.de(), "case", "send-results", caseId, "--request", requestId, "--by",
        "KHK Jonas Brenner", big.toString(), small.toString());
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out().strip()).as("the same manifest: a rerun resumes").isEqualTo(manifestId);
    assertThat(chunksInOutbox(net.de(), caseId)).as("nothing sent twice").isEqualTo(chunksSent);

    awaitChunks(net.fr(), caseId, 5);
    Path out = net.dir().resolve("fetched");
    CliRun fetched = net.as(net.fr(), "case", "fetch-results", caseId, "--out", out.toString());
    assertThat(fetched.exit()).as(fetched.err()).isZero();
    assertThat(fetched.out()).contains("mailbox.mbox").contains("verified");
    assertThat(Files.readAllBytes(out.resolve("mailbox.mbox"))).isEqualTo(bytes);
    assertThat(Files.readString(out.resolve("subscriber.csv"))).isEqualTo(Files.readString(small));

    CliRun twice = net.as(net.fr(), "case", "fetch-results", caseId, "--out", out.toString());
    assertThat(twice.exit()).as("evidence is never written over an existing file").isEqualTo(1);
    assertThat(twice.err()).contains("mailbox.mbox");
  }

  private static long chunksInOutbox(GatewayNode node, String caseId) {
    return node.outboxStore().recent(1000).stream()
        .filter(e -> caseId.equals(e.caseId()) && e.bodyCase().equals("EVIDENCE_CHUNK")).count();
  }

  private static void awaitChunks(GatewayNode node, String caseId, int n) {
    Awaits.until(n + " chunks of case " + caseId + " received", Duration.ofSeconds(60), () -> node.inbox().after(0, 10_000)
        .stream().filter(e -> caseId.equals(e.caseId()) && e.bodyCase().equals("EVIDENCE_CHUNK")).count() >= n);
  }
}
