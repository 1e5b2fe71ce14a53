package org.relay247.gateway.config;

import java.nio.file.Path;

/**
 * A node's config file as the commands that work on a node's files read it ({@code relay247 node
 * ...}, {@code relay247 user ...}): the config, or one sentence saying what is wrong with it.
 */
public final class NodeConfigFile {
  private NodeConfigFile() {}

  /**
   * The config in {@code file}, with the environment's overrides.
   *
   * @throws IllegalArgumentException "invalid configuration: " and the loader's reason (the key
   *     and what was expected, or the file missing)
   */
  public static NodeConfig load(Path file) {
    try {
      return NodeConfigLoader.load(file);
    } catch (ConfigException e) {
      throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
    }
  }
}
