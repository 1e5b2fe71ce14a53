package org.relay247.simulator.scenario;

/**
 * A scenario file that cannot run: one message saying where (file, line and column, counted from
 * 1) and what was expected, e.g. {@code partition.yaml:12:7: steps[2].send.to: "XX/poc" (expected:
 * an authority of a Party of this scenario: FR, DE)}. Nothing has started when it is thrown.
 */
public final class ScenarioException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;

  public ScenarioException(String source, int line, int column, String problem) {
    super(source + ":" + line + ":" + column + ": " + problem);
    this.line = line;
    this.column = column;
  }

  /** The line of the offending node, from 1 (0 when the file itself is the problem). */
  public int line() {
    return line;
  }

  /** The column of the offending node, from 1 (0 when the file itself is the problem). */
  public int column() {
    return column;
  }
}
