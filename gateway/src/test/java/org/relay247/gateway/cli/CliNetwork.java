package org.relay247.gateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.node.GatewayNode;

/**
 * JUnit extension for command-line tests against running nodes: a network of FR and DE in a
 * temporary directory, both nodes started before the test class (register it on a static field)
 * and stopped, the directory deleted, after it. {@link #as} runs {@code relay247} as a node's
 * operator, authenticated with the node's own TLS key (development mode).
 */
final class CliNetwork implements BeforeAllCallback, AfterAllCallback {
  private Path dir;
  private TestNetwork net;
  private GatewayNode fr;
  private GatewayNode de;
  private final java.util.function.Consumer<org.relay247.protocol.v1.Directory.Builder> edit;

  CliNetwork() {
    this(null);
  }

  /** As {@link #CliNetwork()}, the nodes starting under a directory edited by {@code edit} (e.g. a declaration). */
  CliNetwork(java.util.function.Consumer<org.relay247.protocol.v1.Directory.Builder> edit) {
    this.edit = edit;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("relay247-cli-");
    net = TestNetwork.create(dir, "FR", "DE");
    if (edit != null) {
      net.writeDirectory(2, net.pki.layout().dir().resolve("directory.bin"), edit);
    }
    fr = net.start("FR");
    de = net.start("DE");
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (fr != null) {
      fr.close();
    }
    if (de != null) {
      de.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** The temporary directory: the network's files, and room for a test's own. */
  Path dir() {
    return dir;
  }

  /** The network's trust material, for {@code --network}. */
  Path trust() {
    return net.pki.layout().dir();
  }

  GatewayNode fr() {
    return fr;
  }

  GatewayNode de() {
    return de;
  }

  /** {@code relay247 args... --node localhost:<api> --network DIR --party XX}: as {@code node}'s operator. */
  CliRun as(GatewayNode node, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--node", "localhost:" + node.apiPort(), "--network", trust().toString(),
        "--party", node.party().code()));
    return CliRun.relay247(all.toArray(String[]::new));
  }
}
