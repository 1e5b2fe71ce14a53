package org.relay247.simulator.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.cli.CliRun.relay247;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.cli.CliRun;

/**
 * {@code relay247 demo --cluster N} through the real command line: member processes on a real
 * PostgreSQL server (RELAY247_TEST_PG_URL, as .ci/run exports it), a real SIGKILL.
 */
class DemoClusterTest {
  @TempDir Path tmp;

  @Test
  void clusterOfThree_laneHolderKilled_anotherTakesOver_andNothingIsLostOrDuplicated() throws Exception {
    String url = System.getenv("RELAY247_TEST_PG_URL");
    Assumptions.assumeTrue(url != null && !url.isBlank(),
        "the cluster demo needs PostgreSQL: set RELAY247_TEST_PG_URL (and _USER, _PASSWORD), as .ci/run does");
    Path password = Files.writeString(tmp.resolve("pg-password"), System.getenv()
        .getOrDefault("RELAY247_TEST_PG_PASSWORD", "relay247"));

    CliRun run = relay247("demo", "--cluster", "3", "--dir", tmp.resolve("demo").toString(), "--database-url", url,
        "--database-user", System.getenv().getOrDefault("RELAY247_TEST_PG_USER", "relay247"),
        "--database-password-file", password.toString());

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).as(run.out()).containsPattern("FR  fr-1 +pid \\d+").containsPattern("FR  fr-3 +pid \\d+")
        .contains("$ relay247 node status --config").containsPattern("lane:DE +fr-\\d")
        .containsPattern("SIGKILL fr-\\d \\(pid \\d+\\), the member holding lane:DE")
        .containsPattern("fr-\\d took lane:DE over \\(epoch \\d+; epoch \\d+ of fr-\\d ended\\)")
        .contains("Done: 6 emergency requests submitted through fr-1, fr-2, fr-3; 6 delivered to DE (DE holds 6"
            + " messages), lost 0, duplicated 0");
    assertThat(run.out().lines().filter(l -> l.startsWith("+") && l.contains("delivered to DE, DE's signed receipt")))
        .as(run.out()).hasSize(6);
  }

  @Test
  void clusterOfFive_isRefused() {
    CliRun run = relay247("demo", "--cluster", "5");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--cluster 5: a cluster demo has 2 or 3 members (expected: --cluster 2 or"
        + " --cluster 3)").doesNotContain("Exception");
  }

  @Test
  void clusterWithoutPostgresql_isRefused_sayingWhatToPass() {
    Assumptions.assumeTrue(System.getenv("RELAY247_DEMO_PG_URL") == null, "RELAY247_DEMO_PG_URL gives a server");

    CliRun run = relay247("demo", "--cluster", "3");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--cluster needs a PostgreSQL server (expected: --database-url"
        + " jdbc:postgresql://HOST:PORT/ and --database-password-file FILE, or RELAY247_DEMO_PG_URL and"
        + " RELAY247_DEMO_PG_PASSWORD_FILE)").doesNotContain("Exception");
  }

  @Test
  void databaseUrlOfAnotherServer_isRefused_namingTheUrlAndWhatIsExpected() throws Exception {
    Path password = Files.writeString(tmp.resolve("pg-password"), "unused");

    CliRun run = relay247("demo", "--cluster", "2", "--database-url", "jdbc:mysql://127.0.0.1:3306/",
        "--database-password-file", password.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--database-url: \"jdbc:mysql://127.0.0.1:3306/\" is not a PostgreSQL server URL"
        + " (expected: one ending in /, e.g. jdbc:postgresql://127.0.0.1:5432/)").doesNotContain("Exception");
  }

  @Test
  void help_namesTheClusterOptions() {
    CliRun run = relay247("demo", "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("--cluster").contains("--database-url").contains("--database-password-file")
        .contains("RELAY247_DEMO_PG_URL");
  }
}
