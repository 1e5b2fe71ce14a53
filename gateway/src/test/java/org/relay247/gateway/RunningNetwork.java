package org.relay247.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.protocol.v1.Directory;

/**
 * JUnit extension for tests against running nodes: a network of FR and DE in a temporary
 * directory, both nodes started through the production wiring and stopped, the directory deleted,
 * afterwards. Registered on an instance field, every test gets nodes of its own; on a static field,
 * the test class shares one pair.
 */
public class RunningNetwork implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final Consumer<Directory.Builder> edit;
  private boolean perClass;
  private Path dir;
  private TestNetwork net;
  private GatewayNode fr;
  private GatewayNode de;

  public RunningNetwork() {
    this(null);
  }

  /** As {@link #RunningNetwork()}, the nodes starting under a directory edited by {@code edit} (e.g. a declaration). */
  public RunningNetwork(Consumer<Directory.Builder> edit) {
    this.edit = edit;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    perClass = true;  // JUnit calls beforeAll only for an extension on a static field
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    if (!perClass) {
      stop();
    }
  }

  private void start() throws Exception {
    dir = Files.createTempDirectory("relay247-net-");
    net = TestNetwork.create(dir, "FR", "DE");
    if (edit != null) {
      net.writeDirectory(2, net.pki.layout().dir().resolve("directory.bin"), edit);
    }
    fr = net.start("FR");
    de = net.start("DE");
  }

  private void stop() throws IOException {
    for (GatewayNode node : new GatewayNode[] {fr, de}) {
      if (node != null) {
        node.close();
      }
    }
    fr = null;
    de = null;
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
      dir = null;
    }
  }

  /** The temporary directory: the network's files, and room for a test's own. */
  public Path dir() {
    return dir;
  }

  /** The network's files, keys and settings. */
  public TestNetwork network() {
    return net;
  }

  public GatewayNode fr() {
    return fr;
  }

  public GatewayNode de() {
    return de;
  }
}
