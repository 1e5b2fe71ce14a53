package org.relay247.simulator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.simulator.report.RunRecord;
import org.relay247.simulator.scenario.ScenarioReader;

class SimRunTest {
  @TempDir Path tmp;

  private RunRecord run(String yaml) throws Exception {
    StringWriter progress = new StringWriter();
    RunRecord r = SimRun.run(ScenarioReader.parse(yaml, "t.yaml"), tmp.resolve("net"), 1, new PrintWriter(progress));
    System.out.println(progress);
    r.steps().forEach(s -> System.out.println(s));
    r.expectations().forEach(s -> System.out.println(s));
    return r;
  }

  @Test
  void art9Answered_withinTheDesksDelay_inVirtualTime_resultsMatch() throws Exception {
    RunRecord r = run("""
        name: Art. 9 answered within an hour
        parties: {FR: ~, DE: ~}
        actors:
          DE:
            poc: {on: art9-request, do: answer, within: 1h, results: 100KB}
        steps:
          - send: {id: r1, from: FR/poc, to: DE/poc, draft: art9-request}
          - expect: {delivered: r1}
          - advance: 2h
          - expect: {answered: {message: r1, with: determination}}
          - expect: {results-match: r1}
          - expect: {track: {party: DE, message: r1, state: RESULTS_DELIVERED}}
        """);

    assertThat(r.passed()).isTrue();
    assertThat(r.virtual()).isGreaterThanOrEqualTo(java.time.Duration.ofHours(2));
    assertThat(r.messages()).extracting(RunRecord.MessageRecord::body).contains("ART9_REQUEST", "DETERMINATION",
        "EVIDENCE_MANIFEST", "EVIDENCE_CHUNK");
  }
}
