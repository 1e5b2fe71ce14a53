package org.relay247.simulator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.simulator.report.RunRecord;
import org.relay247.simulator.scenario.ScenarioReader;

/**
 * An {@code advance-to} step moves every node's shared clock to that time of day before the next
 * step; a scenario's {@code start} sets the instant that clock starts at.
 */
class AdvanceToRunTest {
  @TempDir Path tmp;

  @Test
  void advanceTo0300_sendsTheNextMessageAtThreeInTheMorningUtc() throws Exception {
    Night night = runNight("");

    assertThat(night.run().steps().get(0).detail()).startsWith("virtual time +").contains(", now ");
    LocalTime createdAt = LocalTime.ofInstant(night.createdAt(), ZoneOffset.UTC);
    // Real time flows on after the jump, by the seconds a step takes on a loaded machine.
    assertThat(createdAt).isBetween(LocalTime.of(3, 0), LocalTime.of(3, 10));
  }

  @Test
  void start_setsTheSharedClock_soAdvanceTo0300MovesFiveMinutesOnThatDay() throws Exception {
    Night night = runNight("start: \"2031-03-14T02:55:00Z\"\n");

    // From 02:55 plus the seconds the start takes: 03:00 is the same day, a few minutes on.
    assertThat(night.run().steps().get(0).detail()).startsWith("virtual time +").contains("now 2031-03-14T03:00");
    assertThat(night.createdAt())
        .isBetween(Instant.parse("2031-03-14T03:00:00Z"), Instant.parse("2031-03-14T03:10:00Z"));
  }

  private record Night(RunRecord run, Instant createdAt) {}

  /** FR sends DE a ping after {@code advance-to: "03:00"}; {@code header} goes before the parties. */
  private Night runNight(String header) throws Exception {
    StringWriter out = new StringWriter();
    RunRecord run = SimRun.run(ScenarioReader.parse("name: A request in the night\n" + header + """
        parties: {FR: ~, DE: ~}
        steps:
          - advance-to: "03:00"
          - send: {id: night, from: FR/poc, to: DE/poc, draft: ping}
          - expect: {delivered: night}
        """, "night.yaml"), tmp.resolve("net"), 1, new PrintWriter(out));
    assertThat(run.passed()).as("%s", out).isTrue();
    return new Night(run, run.messages().stream().filter(m -> m.ref().equals("night")).findFirst().orElseThrow()
        .createdAt());
  }
}
