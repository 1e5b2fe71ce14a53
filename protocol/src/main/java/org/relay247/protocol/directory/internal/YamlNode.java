package org.relay247.protocol.directory.internal;

import java.util.ArrayList;
import java.util.List;
import org.relay247.protocol.directory.DirectoryYamlException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML node together with its path from the document root ({@code parties[1].code}). Every
 * accessor either returns a well-typed value or throws a {@link DirectoryYamlException} that
 * starts with this path and ends with the source line.
 */
final class YamlNode {

  private final Node node;
  private final String path;

  YamlNode(Node node, String path) {
    this.node = node;
    this.path = path;
  }

  static YamlNode root(Node node) {
    return new YamlNode(node, "");
  }

  String path() {
    return path;
  }

  String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** An exception for this node: {@code <path>: <problem> [line n]}. */
  DirectoryYamlException error(String problem) {
    return new DirectoryYamlException(path, problem + " [line " + line() + "]");
  }

  /** An exception quoting this node's value: {@code <path>: "<value>" (expected: ...)}. */
  DirectoryYamlException unexpected(String expected) {
    return error(describeValue() + " (expected: " + expected + ")");
  }

  int line() {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  Node raw() {
    return node;
  }

  /** True for an empty scalar ({@code key:} or {@code key: ~}). */
  boolean isEmpty() {
    return node instanceof ScalarNode scalar
        && (Tag.NULL.equals(scalar.getTag()) || scalar.getValue().isBlank());
  }

  /** The scalar text, which must be present and non-blank. */
  String text(String expected) {
    if (!(node instanceof ScalarNode scalar)) {
      throw unexpected(expected);
    }
    String value = scalar.getValue().strip();
    if (value.isEmpty() || isEmpty()) {
      throw error("empty (expected: " + expected + ")");
    }
    return value;
  }

  /** The elements of a sequence; a single scalar is not accepted as a one-element list. */
  List<YamlNode> list(String expected) {
    if (!(node instanceof SequenceNode sequence)) {
      throw unexpected(expected);
    }
    List<YamlNode> items = new ArrayList<>();
    List<Node> values = sequence.getValue();
    for (int i = 0; i < values.size(); i++) {
      items.add(new YamlNode(values.get(i), path + "[" + i + "]"));
    }
    return items;
  }

  /** A mapping that may contain only the given keys. */
  YamlMap map(String... allowedKeys) {
    return YamlMap.of(this, List.of(allowedKeys));
  }

  boolean isMapping() {
    return node instanceof MappingNode;
  }

  String describeValue() {
    if (node instanceof ScalarNode scalar) {
      return "\"" + scalar.getValue() + "\"";
    }
    return node instanceof MappingNode ? "a mapping" : "a list";
  }
}
