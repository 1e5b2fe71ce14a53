package org.relay247.simulator.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.cli.CliRun.relay247;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.cli.CliRun;

/** {@code relay247 demo} run in-process through the real command line, as a user runs it. */
class DemoCommandTest {
  @TempDir Path tmp;

  @Test
  void once_provesEveryStepOfTheArt9Exchange_andExitsZero() throws Exception {
    Path dir = tmp.resolve("demo");

    CliRun run = relay247("demo", "--once", "--dir", dir.toString());

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    List<String> timeline = run.out().lines().filter(l -> l.startsWith("+")).toList();
    assertThat(timeline).hasSize(6);
    assertThat(timeline.get(0)).contains(" FR ").contains("submitted Art. 9 emergency request").contains("to DE/poc");
    assertThat(timeline.get(1)).contains(" DE ")
        .contains("stored it; receipt ACCEPTED verified by FR (signed by CN=de-node,OU=sign,");
    assertThat(timeline.get(2)).contains("operator opened it").contains("opened notice delivered to FR, receipt verified");
    assertThat(timeline.get(3)).contains("determination WILL_PROVIDE (Art. 9.6)").contains("receipt verified");
    assertThat(timeline.get(4)).contains("results manifest (2 items, SHA-256 ").contains("receipts verified");
    assertThat(timeline.get(5)).contains(" FR ").contains("results received: 2 items")
        .contains("SHA-256 of each verified against the signed manifest");
    assertThat(run.out()).contains("6 signed receipts verified").contains("Emergency round trip");
    // Each node's console, with an account per Party and its credentials (README, docs/console.md).
    assertThat(run.out()).contains("Operator consoles (HTTPS with each node's TLS certificate");
    for (String party : List.of("DE", "FR", "US")) {
      assertThat(run.out()).containsPattern("  " + party + "  https://localhost:\\d+/  user " + party.toLowerCase()
          + "-officer  password \\S{12,}");
    }
    // --once: no instructions, the nodes are stopped.
    assertThat(run.out()).doesNotContain("keep running");

    // --dir keeps the network, with FR's reassembled copy of exactly what DE's provider produced.
    assertThat(dir.resolve("DE.conf")).exists();
    assertThat(dir.resolve("network/directory.bin")).exists();
    try (Stream<Path> files = Files.walk(dir.resolve("results/FR"))) {
      List<String> contents = files.filter(Files::isRegularFile).sorted().map(DemoCommandTest::read).toList();
      assertThat(contents).containsExactly(DemoMessages.LOGINS_CSV, DemoMessages.SUBSCRIBER_CSV);
    }
  }

  @Test
  void secondRunInTheSameDir_reusesTheNetwork() {
    Path dir = tmp.resolve("demo");
    assertThat(relay247("demo", "--once", "--dir", dir.toString()).exit()).isZero();

    CliRun again = relay247("demo", "--once", "--dir", dir.toString());

    assertThat(again.exit()).as(again.out() + again.err()).isZero();
    assertThat(again.out()).contains("reused from").contains("signed directory version 2")
        .contains("6 signed receipts verified");
  }

  @Test
  void dirHoldingSomethingElse_failsWithOneSentence() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("other"));
    Files.writeString(dir.resolve("notes.txt"), "mine");

    CliRun run = relay247("demo", "--once", "--dir", dir.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("holds no demo network").doesNotContain("Exception");
    assertThat(dir.resolve("notes.txt")).hasContent("mine");
  }

  @Test
  void help_namesTheOptions() {
    CliRun run = relay247("demo", "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("--once").contains("--dir").contains("--base-port").contains("Art. 9");
  }

  @Test
  void basePortOutOfRange_isAUsageError() {
    CliRun run = relay247("demo", "--once", "--base-port", "65530");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--base-port 65530 (expected: 1024 to 65513)");
  }

  @Test
  void demoIsListedByRelay247Help() {
    assertThat(relay247("--help").out()).contains("demo");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
