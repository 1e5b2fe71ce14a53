package org.relay247.simulator.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.relay247.simulator.report.RunRecord;
import org.relay247.simulator.scenario.Scenario;
import org.relay247.simulator.scenario.ScenarioException;
import org.relay247.simulator.scenario.ScenarioReader;

/**
 * Crash and restart faults, with every node in its own OS process: one run of
 * scenarios/crash-receiver-mid-results.yaml with 8 MB of results instead of the file's 100 MB (the
 * same path, a twelfth of the build time).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRestartTest {
  private static final Path FILE = Path.of("scenarios/crash-receiver-mid-results.yaml");
  private RunRecord run;
  private String progress;

  @BeforeAll
  void runTheScenarioInProcesses() throws Exception {
    String text = Files.readString(FILE);
    assertThat(text).contains("results: 100MB");
    Scenario scenario = ScenarioReader.parse(text.replace("results: 100MB", "results: 8MB"), FILE.toString());
    Path dir = Files.createTempDirectory("relay247-crash-");
    StringWriter out = new StringWriter();
    try {
      run = SimRun.run(scenario, dir.resolve("net"), 1, new PrintWriter(out), true);
    } finally {
      progress = out.toString();
      System.out.println(progress);
      SimCommand.deleteTree(dir);
    }
  }

  @Test
  void receivingNodeKilledMidTransfer_resumesAfterRestart_andTheResultsMatchTheManifest() {
    RunRecord.FaultRecord crash = run.faults().stream().filter(f -> f.description().startsWith("crash FR"))
        .findFirst().orElseThrow();
    assertThat(crash.outcome()).contains("killed (SIGKILL) after it stored 5 more message(s)");
    assertThat(run.expectations()).allSatisfy(e -> assertThat(e.passed()).as("%s%n%s", e, progress).isTrue());
    // Chunks DE could not deliver while FR was down were retried, and every one was delivered.
    var chunks = run.messages().stream().filter(m -> m.body().equals("EVIDENCE_CHUNK")).toList();
    assertThat(chunks).hasSize(8).allSatisfy(m -> assertThat(m.state()).isEqualTo("DELIVERED"));
    assertThat(chunks).anySatisfy(m -> assertThat(m.attempts()).isGreaterThan(0));
  }

  @Test
  void restart_isMarkedInTheReport() {
    assertThat(run.faults()).anySatisfy(f -> {
      assertThat(f.description()).isEqualTo("restart FR");
      assertThat(f.outcome()).contains("started again");
    });
    assertThat(run.steps()).allSatisfy(s -> assertThat(s.ok()).as("%s%n%s", s, progress).isTrue());
  }

  @Test
  void crashWithoutProcesses_isRefusedWithLineAndColumn() throws Exception {
    Scenario scenario = ScenarioReader.read(FILE);
    assertThatThrownBy(() -> scenario.requireRunnable(false)).isInstanceOf(ScenarioException.class)
        .hasMessage("crash-receiver-mid-results.yaml:20:5: steps[2]: crash needs every node in its own process"
            + " (expected: relay247 sim run --processes)");
  }
}
