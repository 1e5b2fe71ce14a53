package org.relay247.gateway.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;

/**
 * The one-way order of the packages of {@code gateway} (docs/architecture.md, "Packages"), as
 * ArchUnit rules over a base package: the real one, or a fixture tree that mirrors its names.
 */
final class PackageOrder {
  /** Top to bottom: a package may use the packages of its own layer and of the layers below. */
  static final List<List<String>> LAYERS = List.of(
      List.of("node", "cli", "console"),
      List.of("config"),
      List.of("api"),
      List.of("protection"),
      List.of("exchange", "delivery"),
      List.of("cases"),
      List.of("pipeline"),
      List.of("rules", "expiry", "trust"),
      List.of("cluster", "events", "metrics", "directory", "tls", "logging"),
      List.of("audit", "store"));

  private PackageOrder() {}

  /** No package uses one of a layer above its own. */
  static ArchRule layers(String base, boolean optionalLayers) {
    LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .withOptionalLayers(optionalLayers);
    for (int i = 0; i < LAYERS.size(); i++) {
      rule = rule.layer(name(i)).definedBy(LAYERS.get(i).stream().map(p -> base + "." + p + "..")
          .toArray(String[]::new));
    }
    for (int i = 0; i < LAYERS.size(); i++) {
      String[] above = java.util.stream.IntStream.range(0, i).mapToObj(PackageOrder::name).toArray(String[]::new);
      rule = i == 0 ? rule.whereLayer(name(i)).mayNotBeAccessedByAnyLayer()
          : rule.whereLayer(name(i)).mayOnlyBeAccessedByLayers(above);
    }
    return rule;
  }

  /** No two packages use each other, directly or through others (packages of one layer included). */
  static ArchRule noCycles(String base) {
    return slices().matching(base + ".(*)..").should().beFreeOfCycles();
  }

  private static String name(int layer) {
    return String.join("/", LAYERS.get(layer));
  }
}
