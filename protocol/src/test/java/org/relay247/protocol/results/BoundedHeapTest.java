package org.relay247.protocol.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 3: a 1 GiB evidence item describes, chunks, seals, opens and reassembles in a JVM with a
 * 64 MiB heap. The item is generated on the fly and never held in memory. Takes one to two
 * minutes on two cores, most of it in AES-GCM and CMS; no timing is asserted.
 */
class BoundedHeapTest {
  private static final long ONE_GIB = 1L << 30;
  private static final long SEED = 20251123;
  /** SHA-256 of the first GiB of {@link PseudoRandomStream} with {@link #SEED}. */
  private static final String SHA256 = "0e82871bc64428ca9d89ca86f28c10ce03bb3f6e130dc3dbd74657139c0bf5e7";
  private static final Pattern SUMMARY = Pattern.compile("EVIDENCE bytes=(\\d+) chunks=(\\d+) sha256=([0-9a-f]{64}) .*");

  @Test
  void oneGibItem_sealsOpensAndAssembles_in64MibOfHeap() throws Exception {
    Path output = Files.createTempFile("relay247-bounded-heap-", ".out");
    Process process = null;
    try {
      process = new ProcessBuilder(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
          "-cp", System.getProperty("java.class.path"),
          BoundedHeapMain.class.getName(), String.valueOf(ONE_GIB), String.valueOf(ChunkSize.DEFAULT),
          String.valueOf(SEED)))
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      // A guard against a hung child, not a timing assertion.
      boolean exited = process.waitFor(10, TimeUnit.MINUTES);
      String out = Files.readString(output, StandardCharsets.UTF_8);
      assertThat(exited).as("child JVM still running after 10 minutes; output so far:%n%s", out).isTrue();
      assertThat(process.exitValue()).as("exit code; output:%n%s", out).isZero();

      Matcher summary = out.lines().map(SUMMARY::matcher).filter(Matcher::matches).findFirst()
          .orElseThrow(() -> new AssertionError("no summary line in output:\n" + out));
      System.out.println("[BoundedHeapTest] " + summary.group());
      assertThat(Long.parseLong(summary.group(1))).isEqualTo(1073741824L);
      assertThat(Integer.parseInt(summary.group(2))).isEqualTo(1024);
      assertThat(summary.group(3)).isEqualTo(SHA256);
    } finally {
      if (process != null && process.isAlive()) {
        process.destroyForcibly().waitFor();
      }
      deleteQuietly(output);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover temp file of a few lines
    }
  }
}
