package org.relay247.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The crash loop of scripts/crash-loop.sh, short: two node processes, the driver submitting
 * through FR's national API, DE and then FR killed with SIGKILL and restarted; nothing
 * acknowledged is lost or duplicated at DE, and FR holds a verified receipt for all of it.
 */
class CrashLoopTest {
  @TempDir Path tmp;

  @Test
  void receiverThenSenderKilledUnderLoad_nothingLostDuplicatedOrUnverifiable() throws Exception {
    CrashLoop loop = new CrashLoop(Clock.systemUTC());
    new CommandLine(loop).parseArgs("--cycles", "2", "--rate", "20", "--interval", "1s", "--dir",
        tmp.resolve("net").toString());
    StringWriter out = new StringWriter();

    CrashAudit.Verdict v = loop.run(new PrintWriter(out, true));

    assertThat(out.toString()).contains("cycle   1/2: SIGKILL DE", "cycle   2/2: SIGKILL FR");
    assertThat(v.acknowledged()).as(out.toString()).isPositive();
    assertThat(v.storedAtDe()).isEqualTo(v.acknowledged());
    assertThat(v.examples()).as(out.toString()).isEmpty();
    assertThat(v.lost()).isZero();
    assertThat(v.duplicated()).isZero();
    assertThat(v.unverifiable()).isZero();
  }
}
