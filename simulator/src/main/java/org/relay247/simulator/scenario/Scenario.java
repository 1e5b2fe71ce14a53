package org.relay247.simulator.scenario;

import java.util.List;
import java.util.Map;

/**
 * A scenario as read from its YAML file (docs/simulator.md): the Parties of the network, what
 * their desks do, and the steps to run with their expectations. Built only by
 * {@link ScenarioReader}, which checks every reference, so a scenario that exists can run.
 *
 * @param file the file name, for messages and reports
 * @param proxied whether nodes talk through the fault proxy (true when a step injects a network fault)
 */
public record Scenario(String file, String name, String description, List<PartySpec> parties,
    Map<String, List<ActorSpec>> actors, List<Step> steps, boolean proxied) {

  public Scenario {
    parties = List.copyOf(parties);
    actors = Map.copyOf(actors);
    steps = List.copyOf(steps);
  }

  /** Every expectation of the scenario, in step order. */
  public List<Step.Expect> expectations() {
    return steps.stream().filter(Step.Expect.class::isInstance).map(Step.Expect.class::cast).toList();
  }

  /** The Party with this code (checked by the reader for every reference). */
  public PartySpec party(String code) {
    return parties.stream().filter(p -> p.code().equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("party " + code + ": not in scenario " + name));
  }
}
