package org.relay247.simulator.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.cli.CliRun.relay247;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.cli.CliRun;
import org.relay247.simulator.report.RunRecord;
import org.relay247.simulator.scenario.ScenarioReader;

class SimPingTest {
  @TempDir Path tmp;

  @Test
  void simPing_everyPartyPingsEveryOther_andEveryPairAnswersWithASignedPong() {
    CliRun run = relay247("sim", "ping", "--parties", "4", "--report", tmp.resolve("r").toString());

    System.out.println(run.out());
    assertThat(run.exit()).isEqualTo(0);
    assertThat(run.out()).contains("Pings: 12 of 12 directed pairs answered by a signed pong")
        .contains("from\\to      FR      DE      US      JP").contains("PASSED: 1 of 1 expectations held");
  }

  @Test
  void revokedSigningCertificate_itsPingsAndPongsAreRefused_andTheTableSaysWhy() throws Exception {
    RunRecord r = SimRun.run(ScenarioReader.parse("""
        name: ping after a revocation
        parties: {FR: ~, DE: ~, US: ~}
        steps:
          - fault: {kind: revoke-certificate, parties: DE}
          - ping: [DE, FR]
          - expect: {pongs: 2}
        """, "p.yaml"), tmp.resolve("net"), 1, new PrintWriter(new StringWriter()));

    assertThat(r.pings()).filteredOn(p -> p.from().equals("DE")).hasSize(2).allSatisfy(p -> {
      assertThat(p.answered()).isFalse();
      assertThat(p.why()).startsWith("certificate (ping refused by " + p.to() + ": ping signer: REVOKED: CN=de-node")
          .contains("(reason: KEY_COMPROMISE)");
    });
    // FR's ping to DE arrives, but DE's pong is signed with the revoked key: FR refuses it.
    assertThat(r.pings()).filteredOn(p -> p.from().equals("FR") && p.to().equals("DE")).singleElement()
        .satisfies(p -> assertThat(p.why()).startsWith("certificate (pong refused: pong signer: REVOKED: CN=de-node"));
    assertThat(r.pings()).filteredOn(p -> p.from().equals("FR") && p.to().equals("US")).singleElement()
        .satisfies(p -> assertThat(p.answered()).isTrue());
  }
}
