package org.relay247.gateway.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version recorded in the jar manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Relay247Command.class.getPackage().getImplementationVersion();
    return new String[] {"relay247 " + (version == null ? "development" : version)};
  }
}
