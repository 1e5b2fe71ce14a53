package org.relay247.simulator.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.cli.CliRun.relay247;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.cli.CliRun;

class SimCommandTest {
  @TempDir Path tmp;

  @Test
  void malformedScenario_isRefusedWithLineAndColumn_andNothingStarts() throws Exception {
    Path file = tmp.resolve("bad.yaml");
    Files.writeString(file, "name: x\nparties: {FR: ~, DE: ~}\nsteps:\n  - advance: soon\n");
    Path dir = tmp.resolve("net");

    CliRun r = relay247("sim", "run", file.toString(), "--dir", dir.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("relay247 sim run: bad.yaml:4:14: steps[0].advance: \"soon\" (expected: a"
        + " duration such as 500ms, 30s, 10m, 2h or 20d)");
    assertThat(r.out()).isEmpty();
    assertThat(dir).doesNotExist();
  }

  @Test
  void crashWithoutProcesses_isRefusedWithLineAndColumn_andNothingStarts() throws Exception {
    Path file = tmp.resolve("crash.yaml");
    Files.writeString(file, "name: x\nparties: {FR: ~, DE: ~}\nsteps:\n  - advance: 1m\n  - crash: {party: DE}\n");
    Path dir = tmp.resolve("net");

    CliRun r = relay247("sim", "run", file.toString(), "--dir", dir.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("relay247 sim run: crash.yaml:5:5: steps[1]: crash needs every node in its own"
        + " process (expected: relay247 sim run --processes)");
    assertThat(dir).doesNotExist();
  }

  @Test
  void faultReachingIntoANode_withProcesses_isRefusedWithLineAndColumn() throws Exception {
    Path file = tmp.resolve("tamper.yaml");
    Files.writeString(file, "name: x\nparties: {FR: ~, DE: ~}\nsteps:\n"
        + "  - send: {id: r1, from: FR/poc, to: DE/poc, draft: ping}\n  - fault: {kind: tamper, message: r1}\n");

    CliRun r = relay247("sim", "run", file.toString(), "--processes", "--dir", tmp.resolve("net").toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("relay247 sim run: tamper.yaml:5:5: steps[1]: fault tamper needs the sender"
        + " node's stored envelope and TLS key (its national API gives neither), which only nodes in the simulator's"
        + " JVM allow (expected: run it without --processes)");
  }

  @Test
  void failedExpectation_exitsOne_namingStepPartyAndWhatWasSeen_andWritesTheThreeReports() throws Exception {
    Path file = tmp.resolve("silent.yaml");
    Files.writeString(file, """
        name: DE stays silent
        parties: {FR: ~, DE: ~}
        actors:
          DE: {poc: {on: art9-request, do: silent}}
        steps:
          - send: {id: r1, from: FR/poc, to: DE/poc, draft: art9-request}
          - expect: {delivered: r1}
          - advance: 1h
          - expect: {answered: {message: r1, with: determination}}
        """);
    Path report = tmp.resolve("report");

    CliRun r = relay247("sim", "run", file.toString(), "--report", report.toString(), "--seed", "7");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("FAILED: 1 of 2 expectations held")
        .contains("FAILED step 4 (line 9) at FR: expected answer determination to r1, saw answers []");
    String html = Files.readString(report.resolve("report.html"));
    assertThat(html).contains("<svg", "FAILED", "DE stays silent", "Latency per country pair")
        .doesNotContain("<script", "src=\"http", "href=\"http");
    assertThat(Files.readString(report.resolve("report.json"))).contains("\"passed\": false", "\"seed\": 7",
        "\"body\": \"ART9_REQUEST\"");
    assertThat(Files.readString(report.resolve("junit.xml"))).contains("tests=\"2\" failures=\"1\"",
        "<failure message=\"at FR: expected answer determination to r1, saw answers []\"");
  }
}
