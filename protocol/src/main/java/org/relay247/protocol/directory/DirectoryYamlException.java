package org.relay247.protocol.directory;

/**
 * A directory YAML file that cannot be turned into a {@link org.relay247.protocol.v1.Directory}.
 *
 * <p>The message always starts with the YAML path of the offending node and says what was
 * expected, e.g. {@code parties[1].declarations[0].article: "9.9" (expected one of: 6.6, ...)}.
 * {@link #path()} gives the path alone ({@code ""} for the document itself).
 */
public final class DirectoryYamlException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String path;

  /**
   * Creates an exception for the node at {@code path}.
   *
   * @param path YAML path, e.g. {@code parties[0].code}; empty for the whole document
   * @param problem what is wrong and what was expected, without the path
   */
  public DirectoryYamlException(String path, String problem) {
    super(path.isEmpty() ? problem : path + ": " + problem);
    this.path = path;
  }

  /** Creates an exception for the node at {@code path}, keeping the underlying cause. */
  public DirectoryYamlException(String path, String problem, Throwable cause) {
    this(path, problem);
    initCause(cause);
  }

  /** The YAML path of the offending node, e.g. {@code parties[1].declarations[0].article}. */
  public String path() {
    return path;
  }
}
