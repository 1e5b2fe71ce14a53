package org.relay247.simulator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.relay247.simulator.report.RunRecord;
import org.relay247.simulator.scenario.Scenario;
import org.relay247.simulator.scenario.ScenarioReader;

/**
 * Faults acting inside a node, with every node in its own OS process: the simulator has the
 * processes reload their CRLs, directory or keys over their control channel, and the library
 * files hold as they do in one JVM.
 */
class ProcessFaultsTest {

  @Test
  void revokedCertificate_inProcesses_getsItsMessagesRejectedAsInOneJvm() throws Exception {
    RunRecord run = runInProcesses("scenarios/revoked-certificate-mid-exchange.yaml");

    assertThat(run.faults()).anySatisfy(f -> assertThat(f.outcome()).contains("every node reloaded its CRLs"));
  }

  @Test
  void directoryUpdate_inProcesses_letsTheNewPartyExchangeMessages() throws Exception {
    RunRecord run = runInProcesses("scenarios/directory-update-adds-party.yaml");

    assertThat(run.steps()).anySatisfy(s -> assertThat(s.detail()).isEqualTo("directory version 2 distributed"));
  }

  /**
   * The node process takes its short-lived certificate over its control channel (reload-keys)
   * and its clock moves past notAfter with the shared clock: FR's handshakes with DE then fail.
   */
  @Test
  void expiredTlsCertificate_inProcesses_holdsDeliveriesAtTheHandshake_withTheExpiryInTheLastError()
      throws Exception {
    RunRecord run = runInProcesses(ScenarioReader.parse("""
        name: Expired TLS certificate in node processes
        parties: {FR: ~, DE: ~}
        steps:
          - fault: {kind: expire-certificate, parties: DE}
          - send: {id: to-expired, from: FR/poc, to: DE/poc, draft: ping}
          - expect: {pending: to-expired, error: expired}
        """, "expire-certificate in processes"));

    assertThat(run.faults()).singleElement().satisfies(f -> assertThat(f.outcome())
        .startsWith("TLS certificate of DE").contains("expired at"));
    assertThat(run.messages()).filteredOn(m -> m.ref().equals("to-expired")).singleElement()
        .satisfies(m -> {
          assertThat(m.reason()).containsIgnoringCase("expired");
          assertThat(m.attempts()).isPositive();
        });
  }

  private static RunRecord runInProcesses(String file) throws Exception {
    return runInProcesses(ScenarioReader.read(Path.of(file)));
  }

  private static RunRecord runInProcesses(Scenario scenario) throws Exception {
    Path dir = Files.createTempDirectory("relay247-process-faults-");
    StringWriter out = new StringWriter();
    try {
      RunRecord run = SimRun.run(scenario, dir.resolve("net"), 1, new PrintWriter(out),
          true);
      assertThat(run.steps()).allSatisfy(s -> assertThat(s.ok()).as("%s%n%s", s, out).isTrue());
      assertThat(run.expectations()).isNotEmpty()
          .allSatisfy(e -> assertThat(e.passed()).as("%s%n%s", e, out).isTrue());
      return run;
    } finally {
      SimCommand.deleteTree(dir);
    }
  }
}
