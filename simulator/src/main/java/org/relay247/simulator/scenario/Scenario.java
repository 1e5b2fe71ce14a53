package org.relay247.simulator.scenario;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A scenario as read from its YAML file (docs/simulator.md): the Parties of the network, what
 * their desks do, and the steps to run with their expectations. Built only by
 * {@link ScenarioReader}, which checks every reference, so a scenario that exists can run.
 *
 * @param file the file name, for messages and reports
 * @param start the instant the shared virtual clock starts at (key {@code start}); empty: the real
 *     time at which the run starts
 * @param proxied whether nodes talk through the fault proxy (true when a step injects a network fault)
 */
public record Scenario(String file, String name, String description, Optional<Instant> start,
    List<PartySpec> parties, Map<String, List<ActorSpec>> actors, List<Step> steps, boolean proxied) {

  public Scenario {
    Objects.requireNonNull(start, "start");
    parties = List.copyOf(parties);
    actors = Map.copyOf(actors);
    steps = List.copyOf(steps);
  }

  /** Every expectation of the scenario, in step order. */
  public List<Step.Expect> expectations() {
    return steps.stream().filter(Step.Expect.class::isInstance).map(Step.Expect.class::cast).toList();
  }

  /** Whether a step crashes or restarts a node: the scenario runs only with every node in its own process. */
  public boolean needsProcesses() {
    return steps.stream().anyMatch(s -> s instanceof Step.Crash || s instanceof Step.Restart);
  }

  /**
   * Refuses, with the step's line and column, what cannot run in this mode: crash and restart need
   * every node in its own process; faults that reach into a node (PKI, wire, directory) need the
   * nodes in the simulator's JVM.
   */
  public void requireRunnable(boolean processes) {
    for (Step s : steps) {
      String problem = null;
      if (!processes && (s instanceof Step.Crash || s instanceof Step.Restart)) {
        problem = (s instanceof Step.Crash ? "crash" : "restart") + " needs every node in its own process"
            + " (expected: relay247 sim run --processes)";
      } else if (processes && s instanceof Step.Fault f && inThisJvmOnly(f.kind()) != null) {
        problem = "fault " + f.kind().token() + " needs " + inThisJvmOnly(f.kind()) + ", which only nodes in"
            + " the simulator's JVM allow (expected: run it without --processes)";
      }
      if (problem != null) {
        throw new ScenarioException(file, s.at().line(), s.at().column(), "steps[" + (s.index() - 1) + "]: " + problem);
      }
    }
  }

  /**
   * What a fault needs of the nodes that a node in its own process does not offer (the simulator
   * reaches it through its national API and its control channel: clock offset, reloads of CRLs,
   * directory and keys); null when it runs either way.
   */
  static String inThisJvmOnly(FaultKind kind) {
    return kind == FaultKind.TAMPERED_ENVELOPE || kind == FaultKind.REPLAYED_ENVELOPE
        ? "the sender node's stored envelope and TLS key (its national API gives neither)" : null;
  }

  /** The Party with this code (checked by the reader for every reference). */
  public PartySpec party(String code) {
    return parties.stream().filter(p -> p.code().equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("party " + code + ": not in scenario " + name));
  }
}
