package org.relay247.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.cli.CliRun.relay247;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.cli.CliRun;
import picocli.CommandLine;

/**
 * Smoke test of the load harness: a few seconds at a low rate must complete and report sane
 * numbers. No timing is asserted: missing the targets fails nothing.
 */
class LoadHarnessTest {
  @TempDir Path tmp;

  @Test
  void shortRun_completesAndReportsSaneNumbers() throws Exception {
    Path json = tmp.resolve("out/load-results.json");
    LoadOptions options = new LoadOptions(20, Duration.ofMillis(2), 5, 5, 40, Duration.ofSeconds(2),
        Duration.ofSeconds(1), Duration.ofSeconds(1), 2048, 2, 4, Duration.ofSeconds(120),
        Optional.of(tmp.resolve("net")), Optional.of(json), "", 20);
    StringWriter progress = new StringWriter();

    LoadResults r = LoadHarness.run(options, Clock.systemUTC(), new PrintWriter(progress, true));

    assertThat(r.sizes().draftBytes()).isEqualTo(2048);
    assertThat(r.sizes().envelopeBytes()).isGreaterThan(2048);
    assertThat(r.sizes().bareRequestBytes()).isEqualTo(r.sizes().envelopeBytes());
    assertThat(r.sizes().receiptBytes()).isPositive();

    LoadResults.Idle idle = r.idle().orElseThrow();
    assertThat(idle.failures()).isZero();
    assertThat(idle.verifiedDelivered()).isEqualTo(20);
    for (LatencyStats s : new LatencyStats[] {idle.roundTrip(), idle.storedAtDe(), idle.submit(), idle.receiptBack(),
        idle.bare()}) {
      assertSane(s, 20);
    }
    // Stored at DE and the submit call are parts of the round trip, message by message.
    assertThat(idle.storedAtDe().maxMs()).isLessThanOrEqualTo(idle.roundTrip().maxMs());
    assertThat(idle.submit().maxMs()).isLessThanOrEqualTo(idle.roundTrip().maxMs());

    LoadResults.Sustained s = r.sustained().orElseThrow();
    assertThat(s.scheduled()).isEqualTo(80);
    assertThat(s.submitFailures()).isZero();
    assertThat(s.drained()).isTrue();
    assertThat(s.delivered()).isEqualTo(80);
    assertThat(s.rejected()).isZero();
    assertThat(s.undelivered()).isZero();
    assertSane(s.roundTrip(), 80);
    // Every message falls in one tenth; where no tenth's p99 exceeds x, at most 1 % of all exceed it.
    assertThat(s.roundTripP99ByTenth()).hasSize(10).allSatisfy(p -> assertThat(p).isPositive());
    assertThat(java.util.Collections.max(s.roundTripP99ByTenth())).isGreaterThanOrEqualTo(s.roundTrip().p99Ms());
    assertSane(s.storedAtDe(), 80);
    assertSane(s.submit(), 80);
    assertThat(s.submitRate()).isPositive();
    assertThat(s.deliveryRateOverall()).isPositive();
    assertThat(s.cpuMsPerMessage()).isPositive();
    assertThat((Double) s.heap().get("max_used_mb")).isPositive();
    LoadResults.BareSustained bare = r.bareSustained().orElseThrow();
    assertThat(bare.failures()).isZero();
    assertSane(bare.latency(), 80);

    assertThat(r.targets()).hasSize(6).allSatisfy(t -> assertThat(t.met()).isPresent());
    String written = Files.readString(json);
    assertThat(written).contains("\"idle\"", "\"sustained\"", "\"bare_unary\"", "\"targets\"", "\"p99_ms\"");
    JsonObject j = JsonParser.parseString(written).getAsJsonObject();
    JsonObject crypto = j.getAsJsonObject("crypto");
    assertThat(crypto.get("exchange_cpu_ms").getAsDouble()).isPositive();
    assertThat(crypto.get("bound_rate").getAsDouble())
        .isCloseTo(crypto.get("cores").getAsInt() / crypto.get("exchange_cpu_ms").getAsDouble() * 1000, within(1.0));
    assertThat(j.getAsJsonObject("sustained").get("fraction_of_bound").getAsDouble())
        .isCloseTo(s.deliveryRateOverall() / crypto.get("bound_rate").getAsDouble(), within(0.01));
    // One JIT warm-up round: its 1 s limit ends after the first, settled or not.
    assertThat(j.getAsJsonObject("machine").get("jit_warmup_rounds").getAsInt()).isEqualTo(1);
    assertThat(j.getAsJsonObject("sustained").getAsJsonObject("heap").get("jit_compile_ms").getAsLong())
        .isNotNegative();
    // 20 idle + 5 warm-up + 1 first + 40 in the JIT round + 40 sustained warm-up + 80 sustained
    // messages, each kept at FR and at DE.
    long messages = 20 + 5 + 1 + 40 + 40 + 80;
    JsonObject storage = j.getAsJsonObject("storage");
    assertThat(storage.get("messages").getAsLong()).isEqualTo(messages);
    assertThat(storage.get("bytes_per_message").getAsDouble())
        .isEqualTo(LatencyStats.round(storage.get("file_bytes").getAsDouble() / messages))
        // at least the envelope and the inner message kept at FR, and the same again at DE
        .isGreaterThan(2.0 * (r.sizes().envelopeBytes() + r.sizes().innerMessageBytes()));
    // Each message: stored at FR, stored at DE, its receipt stored at FR; a commit serves one or more.
    assertThat(storage.get("transactions").getAsLong()).isGreaterThanOrEqualTo(3 * messages);
    assertThat(storage.get("commits").getAsLong()).isPositive()
        .isLessThanOrEqualTo(storage.get("transactions").getAsLong());
    assertThat(storage.get("commits_per_message").getAsDouble()).isPositive();
    StringWriter table = new StringWriter();
    r.printTable(new PrintWriter(table, true));
    assertThat(table.toString()).contains("IDLE", "SUSTAINED", "TARGETS", "crypto:", "fraction of the crypto bound",
        "bytes per message", "JIT warm-up: 1 round(s)", "JIT compiling");
    assertThat(progress.toString()).contains("sustained:", "JIT warm-up round 1:");
  }

  @Test
  void loadCommand_runsFromTheCommandLine_andWritesJson() throws Exception {
    Path json = tmp.resolve("cli.json");

    CliRun run = relay247("load", "--idle-count", "3", "--warmup", "1", "--sustained-rate", "0", "--idle-gap", "0ms",
        "--dir", tmp.resolve("cli-net").toString(), "--json", json.toString());

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("IDLE", "emergency round trip", "bare grpc-java mTLS unary", "TARGETS")
        .doesNotContain("SUSTAINED");
    assertThat(Files.readString(json)).contains("\"idle\"", "\"count\": 3").doesNotContain("\"sustained\"");
  }

  @Test
  void loadHelp_describesTheHarness() {
    CliRun run = relay247("load", "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("Usage: relay247 load", "--sustained-rate", "--idle-count", "bare grpc-java");
  }

  @Test
  void optionOutOfRange_isAUsageErrorNamingIt() {
    CliRun run = relay247("load", "--submitters", "0");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("submitters: 0 (expected: at least 1)");
  }

  @Test
  void sustainedRateWithoutDuration_isRefused() {
    assertThatThrownBy(() -> new LoadOptions(0, Duration.ZERO, 1, 0, 100, Duration.ZERO, Duration.ZERO, Duration.ZERO,
        2048, 1, 1, Duration.ofSeconds(1), Optional.empty(), Optional.empty(), "", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duration: 0 (expected: more than 0 when the sustained rate is set)");
  }

  @Test
  void draftsHaveTheRequestedSize() {
    for (int size : new int[] {2048, 2049, 8192, 70_000}) {
      assertThat(EmergencyDrafts.draft(size).getSerializedSize()).isEqualTo(size);
    }
    // Below the complete request's own size: the request as it is.
    assertThat(EmergencyDrafts.draft(100).getSerializedSize()).isBetween(1000, 2047);
  }

  @Test
  void durationsReadAsOperatorsWriteThem() {
    LoadHarness.DurationConverter c = new LoadHarness.DurationConverter();
    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.convert("PT1S")).isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> c.convert("soon")).isInstanceOf(CommandLine.TypeConversionException.class);
  }

  private static void assertSane(LatencyStats s, long count) {
    assertThat(s.count()).isEqualTo(count);
    assertThat(s.p50Ms()).isPositive();
    assertThat(s.p50Ms()).isLessThanOrEqualTo(s.p90Ms());
    assertThat(s.p90Ms()).isLessThanOrEqualTo(s.p99Ms());
    assertThat(s.p99Ms()).isLessThanOrEqualTo(s.p999Ms());
    assertThat(s.p999Ms()).isLessThanOrEqualTo(s.maxMs());
    assertThat(s.meanMs()).isPositive().isLessThanOrEqualTo(s.maxMs());
  }
}
