package org.relay247.simulator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.relay247.simulator.report.RunRecord;
import org.relay247.simulator.scenario.ScenarioReader;

/**
 * The product under each fault kind, from one run of scenarios/faults-every-kind.yaml (three real
 * nodes; starting them once keeps the build short). Each test reads the part of the run its fault
 * concerns.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultKindsTest {
  private RunRecord run;

  @BeforeAll
  void runTheScenario() throws Exception {
    Path dir = Files.createTempDirectory("relay247-faults-");
    StringWriter progress = new StringWriter();
    run = SimRun.run(ScenarioReader.read(Path.of("scenarios/faults-every-kind.yaml")), dir.resolve("net"), 3,
        new PrintWriter(progress));
    System.out.println(progress);
    SimCommand.deleteTree(dir);
  }

  private RunRecord.MessageRecord message(String ref) {
    return run.messages().stream().filter(m -> m.ref().equals(ref)).findFirst().orElseThrow();
  }

  private RunRecord.ExpectationResult expectation(String described) {
    return run.expectations().stream().filter(e -> e.expected().equals(described)).findFirst().orElseThrow();
  }

  private String outcome(String fault) {
    return run.faults().stream().filter(f -> f.description().startsWith(fault)).findFirst().orElseThrow().outcome();
  }

  @Test
  void latency_delaysTheRoundTrip_butTheMessageIsDelivered() {
    assertThat(expectation("delivered slow").passed()).isTrue();
    // 300 ms at least on the envelope's way and on the receipt's way back.
    assertThat(message("slow").latency().orElseThrow()).isGreaterThanOrEqualTo(Duration.ofMillis(600));
  }

  @Test
  void bandwidthLimit_resultsArriveComplete_withEveryHashMatching() {
    assertThat(expectation("results of big match").passed()).isTrue();
    long chunkMs = run.messages().stream().filter(m -> m.body().equals("EVIDENCE_CHUNK") && m.toParty().equals("FR"))
        .mapToLong(m -> m.latency().orElseThrow().toMillis()).max().orElseThrow();
    // A 192 KB chunk at 64 KB/s takes 3 s on the wire.
    assertThat(chunkMs).isGreaterThanOrEqualTo(2_500);
  }

  @Test
  void stall_holdsTheMessagePending_untilHealed_thenItIsDelivered() {
    assertThat(expectation("pending held").passed()).isTrue();
    assertThat(expectation("delivered held").passed()).isTrue();
  }

  @Test
  void connectionReset_theNextMessageReconnectsAndIsDelivered() {
    assertThat(expectation("delivered after-reset").passed()).isTrue();
  }

  @Test
  void partition_escalatesTheOverdueEmergency_thenDeliversIt_nothingLost() {
    assertThat(expectation("pending cut").passed()).isTrue();
    assertThat(expectation("escalation DELIVERY_OVERDUE at FR on cut").passed()).isTrue();
    assertThat(expectation("delivered cut").passed()).isTrue();
    assertThat(message("cut").attempts()).isGreaterThan(1);
  }

  @Test
  void replayedEnvelope_getsTheSameAcceptance_andIsNotStoredTwice() {
    assertThat(outcome("fault replay")).contains("answered with signed receipt ACCEPTED")
        .endsWith("messages newly stored: 0");
  }

  @Test
  void tamperedEnvelope_isRefused_andNothingIsStored() {
    assertThat(outcome("fault tamper")).doesNotContain("ACCEPTED").endsWith("messages newly stored: 0");
  }

  @Test
  void clockSkew_envelopesSignedOutsideTheAllowedSkewAreRejected_andDeliveredOnceInStep() {
    assertThat(expectation("rejected skewed with SIGNING_TIME_SKEW").passed()).isTrue();
    assertThat(expectation("delivered in-step").passed()).isTrue();
  }

  @Test
  void revokedSigningCertificate_whatItSignsIsRejectedWithTheReason() {
    assertThat(expectation("rejected from-revoked with SIGNER_CERTIFICATE_REVOKED").passed()).isTrue();
  }

  @Test
  void expiredTlsCertificate_deliveriesFailAtTheHandshake_withTheExpiryInTheLastError() {
    assertThat(expectation("pending to-expired with error expired").passed()).isTrue();
    assertThat(outcome("fault expire-certificate")).startsWith("TLS certificate of DE").contains("expired at");
    assertThat(message("to-expired").reason()).containsIgnoringCase("expired");
    assertThat(message("to-expired").attempts()).isGreaterThan(0);
  }

  @Test
  void everyExpectationOfTheScenarioHeld() {
    assertThat(run.expectations()).allSatisfy(e -> assertThat(e.passed()).as(e.toString()).isTrue());
    assertThat(run.steps()).allSatisfy(s -> assertThat(s.ok()).as(s.toString()).isTrue());
  }
}
