package org.relay247.simulator.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.relay247.simulator.report.RunRecord;
import org.relay247.simulator.scenario.ScenarioReader;

/** Every scenario of simulator/scenarios runs and holds all its expectations: one dynamic test per file. */
class ScenarioLibraryTest {
  /** Run by their own test class, which looks at each part of the run. */
  private static final Set<String> DEDICATED = Set.of("faults-every-kind.yaml", "crash-receiver-mid-results.yaml");

  @TestFactory
  Stream<DynamicTest> everyScenarioOfTheLibrary_holdsItsExpectations() throws Exception {
    Stream<Path> files = Files.list(Path.of("scenarios")).filter(p -> p.toString().endsWith(".yaml"))
        .filter(p -> !DEDICATED.contains(p.getFileName().toString()))
        // -Drelay247.scenarios=req-05,req-07 runs only the files whose names start so (while writing one).
        .filter(p -> java.util.Arrays.stream(System.getProperty("relay247.scenarios", "").split(","))
            .anyMatch(prefix -> p.getFileName().toString().startsWith(prefix.trim()))).sorted();
    return files.map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), file.toUri(), () -> {
      Path dir = Files.createTempDirectory("relay247-scenario-");
      StringWriter progress = new StringWriter();
      try {
        RunRecord r = SimRun.run(ScenarioReader.read(file), dir.resolve("net"), 1, new PrintWriter(progress));
        assertThat(r.passed()).as("%s%n%s", progress, r.expectations()).isTrue();
      } finally {
        SimCommand.deleteTree(dir);
      }
    }));
  }
}
