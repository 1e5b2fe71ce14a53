package org.relay247.gateway.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.relay247.gateway.RunningNetwork;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.protocol.v1.Directory;

/**
 * A {@link RunningNetwork} for command-line tests (register it on a static field): {@link #as}
 * runs {@code relay247} as a node's operator, authenticated with the node's own TLS key
 * (development mode).
 */
final class CliNetwork extends RunningNetwork {
  CliNetwork() {
    super();
  }

  /** As {@link #CliNetwork()}, the nodes starting under a directory edited by {@code edit} (e.g. a declaration). */
  CliNetwork(Consumer<Directory.Builder> edit) {
    super(edit);
  }

  /** The network's trust material, for {@code --network}. */
  Path trust() {
    return network().pki.layout().dir();
  }

  /** {@code relay247 args... --node localhost:<api> --network DIR --party XX}: as {@code node}'s operator. */
  CliRun as(GatewayNode node, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--node", "localhost:" + node.apiPort(), "--network", trust().toString(),
        "--party", node.party().code()));
    return CliRun.relay247(all.toArray(String[]::new));
  }
}
