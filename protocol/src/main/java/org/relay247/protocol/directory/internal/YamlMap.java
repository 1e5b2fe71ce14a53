package org.relay247.protocol.directory.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML mapping whose keys were checked against an allowed list: unknown and duplicate keys
 * are refused when it is built, so readers only ever see keys they handle.
 */
final class YamlMap {

  private final YamlNode self;
  private final Map<String, YamlNode> entries;

  private YamlMap(YamlNode self, Map<String, YamlNode> entries) {
    this.self = self;
    this.entries = entries;
  }

  /** A mapping whose keys are checked later with {@link #allowOnly}. */
  static YamlMap lenient(YamlNode node, String expected) {
    return of(node, null, expected);
  }

  static YamlMap of(YamlNode node, List<String> allowedKeys) {
    return of(node, allowedKeys, "a mapping with keys " + String.join(", ", allowedKeys));
  }

  private static YamlMap of(YamlNode node, List<String> allowedKeys, String expected) {
    if (!(node.raw() instanceof MappingNode mapping)) {
      throw node.unexpected(expected);
    }
    Map<String, YamlNode> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
        throw new YamlNode(tuple.getKeyNode(), node.path()).error(
            "complex key (expected: a plain key)");
      }
      String key = keyNode.getValue();
      YamlNode value = new YamlNode(tuple.getValueNode(), node.childPath(key));
      if (allowedKeys != null && !allowedKeys.contains(key)) {
        throw value.error("unknown key (expected one of: " + String.join(", ", allowedKeys) + ")");
      }
      if (entries.put(key, value) != null) {
        throw value.error("duplicate key");
      }
    }
    return new YamlMap(node, entries);
  }

  /** Refuses every present key not in {@code allowedKeys}; {@code context} says why. */
  void allowOnly(List<String> allowedKeys, String context) {
    for (Map.Entry<String, YamlNode> entry : entries.entrySet()) {
      if (!allowedKeys.contains(entry.getKey())) {
        throw entry.getValue().error("unknown key" + context + " (expected one of: "
            + String.join(", ", allowedKeys) + ")");
      }
    }
  }

  YamlNode node() {
    return self;
  }

  /** The value under {@code key}, absent when missing or empty. */
  Optional<YamlNode> optional(String key) {
    YamlNode value = entries.get(key);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** The value under {@code key}, which must be present and non-empty. */
  YamlNode required(String key, String expected) {
    return optional(key).orElseThrow(() -> missing(key, expected));
  }

  /** Required scalar text. */
  String text(String key, String expected) {
    return required(key, expected).text(expected);
  }

  /** Optional scalar text; empty string when absent. */
  String optionalText(String key, String expected) {
    return optional(key).map(v -> v.text(expected)).orElse("");
  }

  /** Optional list; empty when absent. */
  List<YamlNode> list(String key, String expected) {
    return optional(key).map(v -> v.list(expected)).orElseGet(ArrayList::new);
  }

  boolean has(String key) {
    return optional(key).isPresent();
  }

  org.relay247.protocol.directory.DirectoryYamlException missing(String key, String expected) {
    YamlNode present = entries.get(key);
    if (present != null) {
      return present.error("empty (expected: " + expected + ")");
    }
    return new YamlNode(self.raw(), self.childPath(key)).error("missing (expected: " + expected
        + ")");
  }
}
