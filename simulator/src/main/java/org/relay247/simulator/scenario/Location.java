package org.relay247.simulator.scenario;

/** A place in a scenario file, line and column from 1. */
public record Location(int line, int column) {
  @Override
  public String toString() {
    return "line " + line + ", column " + column;
  }
}
