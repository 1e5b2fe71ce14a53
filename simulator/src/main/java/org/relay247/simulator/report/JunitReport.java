package org.relay247.simulator.report;

import java.util.Locale;

/**
 * The run as JUnit XML ({@code junit.xml}), so CI systems list a scenario's expectations as tests:
 * one test case per expectation and per step that failed to run, named by step and line.
 */
public final class JunitReport {
  private JunitReport() {}

  public static String render(RunRecord r) {
    StringBuilder cases = new StringBuilder();
    int tests = 0;
    int failures = 0;
    String className = "scenario." + r.file().replaceAll("\\.ya?ml$", "").replaceAll("[^A-Za-z0-9_-]", "_");
    for (RunRecord.StepResult s : r.steps()) {
      if (!s.ok()) {
        tests++;
        failures++;
        cases.append(testCase(className, "step " + s.index() + " (line " + s.line() + ") " + s.description(),
            "step failed: " + s.detail()));
      }
    }
    for (RunRecord.ExpectationResult e : r.expectations()) {
      tests++;
      if (!e.passed()) {
        failures++;
      }
      cases.append(testCase(className, "step " + e.step() + " (line " + e.line() + ") expect " + e.expected(),
          e.passed() ? null : "at " + e.party() + ": expected " + e.expected() + ", saw " + e.seen()));
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<testsuite name=\"" + esc(r.name()) + "\" tests=\"" + tests + "\" failures=\"" + failures
        + "\" errors=\"0\" skipped=\"0\" time=\"" + String.format(Locale.ROOT, "%.3f", r.wall().toMillis() / 1000.0)
        + "\" timestamp=\"" + r.startedAt().toString().replaceAll("\\.\\d+Z$", "") + "\">\n"
        + "  <properties>\n    <property name=\"file\" value=\"" + esc(r.file()) + "\"/>\n"
        + "    <property name=\"seed\" value=\"" + r.seed() + "\"/>\n"
        + "    <property name=\"virtual_ms\" value=\"" + r.virtual().toMillis() + "\"/>\n  </properties>\n"
        + cases + "</testsuite>\n";
  }

  private static String testCase(String className, String name, String failure) {
    return "  <testcase classname=\"" + esc(className) + "\" name=\"" + esc(name) + "\" time=\"0\""
        + (failure == null ? "/>\n" : ">\n    <failure message=\"" + esc(failure) + "\">" + esc(failure)
            + "</failure>\n  </testcase>\n");
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t') {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
