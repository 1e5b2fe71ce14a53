package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * Per country pair: FR sends two messages to DE, DE answers one of them (and acknowledges the
 * other, whose opened notice is no answer), and FR sends one to US, whose node is down. The
 * metrics and {@code relay247 outbox --stats} show time to receipt, time to first answer and
 * failures per pair.
 */
class OutboxStatsCommandTest {
  @TempDir Path dir;

  @Test
  void perCountryPair_timeToReceipt_timeToFirstAnswer_andFailures() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE", "US");
    try (GatewayNode fr = net.start("FR"); GatewayNode de = net.start("DE")) {
      String answered = fr.outbox().submit(message("FR/poc", "DE/poc", "")).getRouting().getMessageId();
      String unanswered = fr.outbox().submit(message("FR/poc", "DE/poc", "")).getRouting().getMessageId();
      String toUs = fr.outbox().submit(message("FR/poc", "US/poc", "")).getRouting().getMessageId();
      Awaits.completed(fr, answered);
      Awaits.completed(fr, unanswered);
      de.acknowledgements().acknowledge(unanswered, "24/7 duty officer");
      String reply = de.outbox().submit(message("DE/poc", "FR/poc", answered)).getRouting().getMessageId();
      Awaits.completed(de, reply);
      awaitAttempts(fr, toUs, 2);

      String metrics = fr.metrics().scrape();
      assertThat(metrics).containsPattern(
          "(?m)relay247_time_to_receipt_seconds_count\\{from=\"FR\",priority=\"PRIORITY_ROUTINE\",to=\"DE\"} 2$");
      assertThat(metrics).containsPattern("(?m)relay247_time_to_first_answer_seconds_count\\{from=\"FR\",to=\"DE\"} 1$");
      assertThat(metrics).containsPattern("relay247_pair_failures_total\\{from=\"FR\",kind=\"attempt\",to=\"US\"} [2-9]");

      CliRun stats = relay247As(net, fr, "outbox", "--stats");
      assertThat(stats.exit()).as(stats.err()).isZero();
      assertThat(stats.out()).startsWith("Delivery per country pair since ")
          .containsPattern("PAIR +SENT +DELIVERED +REJECTED +PENDING +FAILED +OVERDUE +RCPT P50")
          .containsPattern("(?m)^FR>DE +2 +2 +0 +0 +0 +0 +\\d\\S* +\\S+ +\\S+ +1 +\\d\\S* +\\d\\S*$")
          .containsPattern("(?m)^FR>US +1 +0 +0 +1 +[2-9]\\d* +0 +- +- +- +0 +- +-$");
    }
  }

  @Test
  void stats_withNothingSent_sayNo() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    try (GatewayNode fr = net.start("FR")) {
      CliRun stats = relay247As(net, fr, "outbox", "--stats", "--days", "7");
      assertThat(stats.exit()).as(stats.err()).isZero();
      assertThat(stats.out()).contains("No messages sent in that period.");
      assertThat(relay247As(net, fr, "outbox", "--stats", "--days", "0").exit()).isEqualTo(2);
    }
  }

  /** A consultation: a ping would be answered by the recipient's node itself, with a pong. */
  private static InnerMessage message(String from, String to, String replyTo) {
    return InnerMessage.newBuilder().setRouting(Routing.newBuilder().setSender(from).setRecipient(to)
            .setPriority(Priority.PRIORITY_ROUTINE).setReplyToId(replyTo))
        .setLanguage("en").setConsultationMessage(org.relay247.protocol.v1.ConsultationMessage.newBuilder()
            .setSubject("check").setText("Please confirm.")).build();
  }

  private static void awaitAttempts(GatewayNode node, String id, int attempts) {
    Awaits.until(attempts + " failed attempts of " + id, java.time.Duration.ofSeconds(60),
        () -> node.outboxStore().find(id).orElseThrow().attempts() >= attempts);
  }

  private static CliRun relay247As(TestNetwork net, GatewayNode node, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--node", "localhost:" + node.apiPort(), "--network", net.pki.layout().dir().toString(),
        "--party", node.party().code()));
    return CliRun.relay247(all.toArray(String[]::new));
  }
}
