package org.relay247.protocol.directory;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.relay247.protocol.directory.internal.DirectoryReader;
import org.relay247.protocol.v1.Directory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the human-editable YAML form of the network directory (see
 * {@code docs/examples/directory.yaml} and the "Directory format" section of
 * {@code docs/wire-protocol.md}) into the {@link Directory} protobuf that is signed and
 * distributed.
 *
 * <p>Contract: the result is a complete, internally consistent directory, or a
 * {@link DirectoryYamlException} naming the YAML path and what was expected. Unknown keys,
 * duplicate keys, bad enum tokens, malformed dates and codes, and references to authorities,
 * nodes, Parties or constituents that do not exist are all refused; nothing is silently
 * dropped or defaulted. Certificates are PEM files referenced by a path relative to the YAML
 * file. The reader never signs anything.
 */
public final class DirectoryYaml {

  private DirectoryYaml() {}

  /**
   * Reads a directory YAML file; certificate paths resolve against its parent directory.
   *
   * @throws IOException if the file cannot be read
   * @throws DirectoryYamlException if the content is not a valid directory
   */
  public static Directory read(Path file) throws IOException {
    Path base = file.toAbsolutePath().getParent();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, base);
    }
  }

  /**
   * Parses directory YAML text; certificate paths resolve against {@code baseDirectory}.
   *
   * @throws DirectoryYamlException if the content is not a valid directory
   */
  public static Directory parse(String yaml, Path baseDirectory) {
    return read(new StringReader(yaml), baseDirectory);
  }

  private static Directory read(Reader reader, Path baseDirectory) {
    return new DirectoryReader(baseDirectory).read(compose(reader));
  }

  private static Node compose(Reader reader) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    Node node;
    try {
      node = new Yaml(new SafeConstructor(options)).compose(reader);
    } catch (MarkedYAMLException e) {
      throw new DirectoryYamlException("", "not valid YAML at line "
          + (e.getProblemMark() == null ? "?" : e.getProblemMark().getLine() + 1) + ": "
          + e.getProblem(), e);
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      throw new DirectoryYamlException("", "not valid YAML: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // SnakeYAML 2.7 also fails with other runtime exceptions, e.g. IllegalArgumentException
      // from Tag for the document "!?%5" (found by DirectoryFuzzTest).
      throw new DirectoryYamlException("", "not valid YAML: " + e.getMessage(), e);
    }
    if (node == null) {
      throw new DirectoryYamlException("", "empty document (expected: a mapping with version,"
          + " issued_at, parties)");
    }
    return node;
  }
}
