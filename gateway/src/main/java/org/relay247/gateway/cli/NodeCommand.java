package org.relay247.gateway.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.relay247.gateway.config.ConfigException;
import org.relay247.gateway.config.NodeConfig;
import org.relay247.gateway.config.NodeConfigLoader;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.node.NodeStartException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code relay247 node run --config FILE}: one national node, until SIGTERM or Ctrl-C. */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = "Run a national Relay247 node.",
    subcommands = {NodeCommand.Run.class})
public final class NodeCommand implements Runnable {
  private final Clock clock;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public NodeCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a node command.");
  }

  /** {@code node run}. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Start a node from a HOCON config file (keys documented in docs/deployment.md) "
          + "and run until stopped. Environment variables override the file (RELAY247_*)."})
  static final class Run implements Callable<Integer> {
    @CommandLine.ParentCommand NodeCommand parent;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The node's config file.")
    Path config;

    @Override
    public Integer call() throws Exception {
      NodeConfig cfg;
      try {
        cfg = NodeConfigLoader.load(config);
      } catch (ConfigException e) {
        spec.commandLine().getErr().println("relay247 node run: invalid configuration: " + e.getMessage());
        return 2;
      }
      // A running node reports its own life (start, acceptances, rejections) at INFO.
      if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
          instanceof ch.qos.logback.classic.Logger root) {
        root.setLevel(ch.qos.logback.classic.Level.INFO);
      }
      GatewayNode node;
      try {
        node = GatewayNode.start(cfg, parent.clock);
      } catch (NodeStartException e) {
        spec.commandLine().getErr().println("relay247 node run: cannot start: " + e.getMessage());
        return 1;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        node.close();
        stopped.countDown();
      }, "relay247-shutdown"));
      spec.commandLine().getOut().printf("Relay247 node %s (%s) running: node exchange %s:%d, national API %s:%d, "
              + "metrics http://%s:%d/metrics, directory version %d%n", node.party(), node.nodeId(), cfg.bindHost(),
          node.exchangePort(), cfg.bindHost(), node.apiPort(), cfg.bindHost(), node.metricsPort(),
          node.directory().current().version());
      spec.commandLine().getOut().flush();
      stopped.await();
      return 0;
    }
  }
}
