package org.relay247.protocol.fuzz;

/**
 * Keeps the fuzz tests quick in the normal build. Without {@code JAZZER_FUZZ}, Jazzer runs each
 * {@code @FuzzTest} on its seed inputs only, yet by default still instruments every project class
 * with its bug-detector hooks: measured here at 8 to 18 s for this module, against under 2 s
 * without. The contract these tests check (only typed exceptions escape) needs no hooks, so the
 * normal build turns them off; fuzzing keeps them (they carry the coverage feedback).
 *
 * <p>Call from {@code @BeforeAll}: Jazzer reads its options when the first fuzz test of the JVM
 * provides its arguments, which is after the class's {@code @BeforeAll}. An explicit
 * {@code -Djazzer.hooks=...} wins (e.g. {@code -Djazzer.hooks=true} runs the seeds with the
 * detectors on).
 */
final class RegressionMode {
  private RegressionMode() {}

  static void skipJazzerHooksUnlessFuzzing() {
    String fuzz = System.getenv("JAZZER_FUZZ");
    if ((fuzz == null || fuzz.isEmpty()) && System.getProperty("jazzer.hooks") == null) {
      System.setProperty("jazzer.hooks", "false");
    }
  }
}
