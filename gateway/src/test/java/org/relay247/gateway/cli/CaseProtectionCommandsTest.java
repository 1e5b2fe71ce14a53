package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.node.ProtectionMessages.resultsFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.protocol.v1.InnerMessage;

/**
 * relay247 case retention, export, incident and purge as an operator runs them against a
 * running node through the national API: refusals arrive as one sentence naming the article.
 */
class CaseProtectionCommandsTest {
  @TempDir Path dir;

  private static CliRun relay247(TestNetwork net, GatewayNode node, String command, String... args) {
    List<String> all = new ArrayList<>(List.of("case", command, "--node", "localhost:" + node.apiPort(),
        "--network", net.pki.layout().dir().toString(), "--party", node.party().code()));
    all.addAll(List.of(args));
    return CliRun.relay247(all.toArray(String[]::new));
  }

  private static void awaitNothingPending(GatewayNode node) {
    Awaits.until("nothing pending at " + node.party(), Duration.ofSeconds(20), () -> node.outboxStore().pending().isEmpty());
  }

  @Test
  void protectionCommands_setRetention_refuseExport_notifyIncident_andPurgeWithAVerifiableProof() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    try (GatewayNode fr = net.start("FR"); GatewayNode de = net.start("DE")) {
      InnerMessage data = de.outbox().submit(resultsFor(fr, de));
      String caseId = data.getRouting().getCaseId();
      Awaits.received(fr, data.getRouting().getMessageId());

      CliRun retention = relay247(net, fr, "retention", caseId, "--days", "30", "--role", "dpo");
      assertThat(retention.exit()).as(retention.err()).isZero();
      assertThat(retention.out()).contains("retention 30 days");
      assertThat(relay247(net, fr, "retention", caseId, "--days", "40000", "--role", "dpo").err())
          .contains("retention_days: 40000 (expected: 1 to 36500)");

      CliRun export = relay247(net, fr, "export", caseId, "--to", "US", "--role", "analyst", "--out",
          dir.resolve("x.bin").toString());
      assertThat(export.exit()).isEqualTo(1);
      assertThat(export.err()).contains("ONWARD_14_10 (Art. 14.10)").contains("OnwardTransferAuthorisationRequest to DE/poc");
      assertThat(dir.resolve("x.bin")).doesNotExist();

      CliRun incident = relay247(net, fr, "incident", caseId, "--id", "SI-1", "--description", "files exposed",
          "--detected", "2026-01-09T09:15:00Z", "--no-onward", "--subject-notice", "DEFERRED", "--role", "duty");
      assertThat(incident.exit()).as(incident.err()).isZero();
      assertThat(incident.out()).contains("sent to DE/poc");
      assertThat(fr.audit().entries(caseId)).extracting(e -> e.action()).contains("INCIDENT_RECORDED");

      Path proof = dir.resolve("purge.p7m");
      awaitNothingPending(fr);  // a purge waits for the case's deliveries to end
      CliRun pending = relay247(net, fr, "purge", caseId, "--reason", "review", "--role", "dpo", "--proof",
          proof.toString());
      assertThat(pending.exit()).as(pending.err()).isZero();
      // FR's request, DE's determination and results, FR's incident notification.
      assertThat(pending.out()).contains("content of 4 messages deleted");
      CliRun verify = CliRun.relay247("verify", "--network", net.pki.layout().dir().toString(), proof.toString());
      assertThat(verify.exit()).isZero();
      assertThat(verify.out()).contains("VALID signed message").contains("purge_record");
      assertThat(Files.size(proof)).isPositive();
    }
  }
}
