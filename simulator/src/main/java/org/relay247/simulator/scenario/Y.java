package org.relay247.simulator.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One node of a scenario document with its path ({@code steps[2].send.to}) and its place in the
 * file: every accessor returns a well-typed value or throws a {@link ScenarioException} with line
 * and column.
 */
final class Y {
  private final String source;
  private final Node node;
  private final String path;

  Y(String source, Node node, String path) {
    this.source = source;
    this.node = node;
    this.path = path;
  }

  String path() {
    return path;
  }

  Location at() {
    return new Location(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
  }

  ScenarioException error(String problem) {
    Location l = at();
    return new ScenarioException(source, l.line(), l.column(), (path.isEmpty() ? "" : path + ": ") + problem);
  }

  ScenarioException unexpected(String expected) {
    return error(describe() + " (expected: " + expected + ")");
  }

  String describe() {
    if (node instanceof ScalarNode s) {
      return "\"" + s.getValue() + "\"";
    }
    return node instanceof MappingNode ? "a mapping" : "a list";
  }

  boolean isNull() {
    return node instanceof ScalarNode s && (Tag.NULL.equals(s.getTag()) || s.getValue().isBlank());
  }

  boolean isScalar() {
    return node instanceof ScalarNode;
  }

  boolean isMapping() {
    return node instanceof MappingNode;
  }

  boolean isList() {
    return node instanceof SequenceNode;
  }

  Node raw() {
    return node;
  }

  String text(String expected) {
    if (!(node instanceof ScalarNode s) || isNull()) {
      throw unexpected(expected);
    }
    return s.getValue().strip();
  }

  List<Y> list(String expected) {
    if (!(node instanceof SequenceNode seq)) {
      throw unexpected(expected);
    }
    List<Y> out = new ArrayList<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      out.add(new Y(source, seq.getValue().get(i), path + "[" + i + "]"));
    }
    return out;
  }

  /** A scalar or a list of scalars, as a list. */
  List<String> texts(String expected) {
    if (node instanceof ScalarNode) {
      return List.of(text(expected));
    }
    return list("a list of " + expected).stream().map(y -> y.text(expected)).toList();
  }

  /** The mapping, refusing keys not in {@code allowed} (null: any key). */
  Map<String, Y> map(String expected, List<String> allowed) {
    if (!(node instanceof MappingNode m)) {
      throw unexpected(expected);
    }
    Map<String, Y> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw new Y(source, t.getKeyNode(), path).error("complex key (expected: a plain key)");
      }
      Y value = new Y(source, t.getValueNode(), path.isEmpty() ? k.getValue() : path + "." + k.getValue());
      if (allowed != null && !allowed.contains(k.getValue())) {
        throw new Y(source, k, value.path).error("unknown key (expected one of: " + String.join(", ", allowed) + ")");
      }
      if (out.put(k.getValue(), value) != null) {
        throw new Y(source, k, value.path).error("duplicate key");
      }
    }
    return out;
  }

  /** The value of {@code key} in a mapping already read with {@link #map}, absent when missing or null. */
  static Optional<Y> opt(Map<String, Y> map, String key) {
    Y y = map.get(key);
    return y == null || y.isNull() ? Optional.empty() : Optional.of(y);
  }

  Y required(Map<String, Y> map, String key, String expected) {
    Y y = map.get(key);
    if (y == null) {
      throw error("missing key " + key + " (expected: " + expected + ")");
    }
    if (y.isNull()) {
      throw y.error("empty (expected: " + expected + ")");
    }
    return y;
  }
}
