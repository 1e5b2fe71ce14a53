package org.relay247.gateway.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.relay247.gateway.config.NodeConfig;
import org.relay247.gateway.config.NodeConfigFile;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.node.NodeStartException;
import org.relay247.pki.cli.CliErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code relay247 node run --config FILE}: one national node, until SIGTERM or Ctrl-C. */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = "Run a national Relay247 node.",
    subcommands = {NodeCommand.Run.class, NodeCommand.Check.class, NodeCommand.Reload.class, NodeStatusCommand.class})
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
  static final class Run extends OnConfig {
    @CommandLine.ParentCommand NodeCommand parent;

    @Override
    int run(NodeConfig cfg) throws Exception {
      // A running node reports its own life (start, acceptances, rejections) at INFO.
      if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
          instanceof ch.qos.logback.classic.Logger root) {
        root.setLevel(ch.qos.logback.classic.Level.INFO);
      }
      cfg.logFormat().apply();
      GatewayNode node;
      try {
        node = GatewayNode.start(cfg, parent.clock);
      } catch (NodeStartException e) {
        spec.commandLine().getErr().println("relay247 node run: cannot start: " + e.getMessage());
        return 1;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Path pidFile = pidFile(cfg);
      java.nio.file.Files.createDirectories(pidFile.getParent());
      java.nio.file.Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        node.close();
        try {
          java.nio.file.Files.deleteIfExists(pidFile);
        } catch (java.io.IOException e) {
          // a stale pid file is harmless: 'node reload' reports the process gone
        }
        stopped.countDown();
      }, "relay247-shutdown"));
      // SIGHUP ('relay247 node reload', 'kill -HUP'): take renewed keys without a restart.
      try {
        sun.misc.SignalHandler before = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
          try {
            node.reloadKeys();
          } catch (NodeStartException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(NodeCommand.class).error(
                "key reload refused, keeping the keys held: {}", e.getMessage());
          }
        });
        if (before == sun.misc.SignalHandler.SIG_IGN) {
          // The JVM keeps a signal ignored from the start ignored (nohup does that to SIGHUP), and
          // installs no handler for it: 'node reload' would be sent and never taken.
          org.slf4j.LoggerFactory.getLogger(NodeCommand.class).warn("SIGHUP is ignored by this process (started"
              + " under nohup?): 'node reload' cannot reach it; start the node without nohup (e.g. under systemd)"
              + " or restart it to take renewed keys");
        }
      } catch (IllegalArgumentException e) {
        // No SIGHUP on this platform (Windows): renewed keys are taken at the next start.
        org.slf4j.LoggerFactory.getLogger(NodeCommand.class).warn("no SIGHUP here: 'node reload' unavailable");
      }
      spec.commandLine().getOut().printf("Relay247 node %s (%s) running: node exchange %s:%d, national API %s:%d, "
              + "metrics http://%s:%d/metrics, directory version %d%n", node.party(), node.nodeId(), cfg.bindHost(),
          node.exchangePort(), cfg.bindHost(), node.apiPort(), cfg.bindHost(), node.metricsPort(),
          node.directory().current().version());
      spec.commandLine().getOut().flush();
      stopped.await();
      return 0;
    }
  }

  /**
   * A node command on the node's config file, loaded before anything runs: an invalid config is
   * one sentence on stderr ("relay247 node CMD: invalid configuration: ...") and exit code 2.
   */
  abstract static class OnConfig implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The node's config file.")
    Path config;

    @Override
    public final Integer call() throws Exception {
      NodeConfig cfg;
      try {
        cfg = NodeConfigFile.load(config);
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
        return CliErrors.USAGE;
      }
      return run(cfg);
    }

    /** The command, with the node's config. */
    abstract int run(NodeConfig cfg) throws Exception;
  }

  /** Where {@code node run} writes its process id: beside the CRL cache in the data directory. */
  static Path pidFile(NodeConfig cfg) {
    return cfg.crlSharing().cacheDir().toAbsolutePath().getParent()
        .resolve("relay247-" + cfg.party().code().toLowerCase() + ".pid");
  }

  /** {@code node reload}: a running node takes its renewed keys (SIGHUP). */
  @Command(name = "reload", mixinStandardHelpOptions = true,
      description = {"Make the node running from this config take the keys now in its keystore (after "
          + "'relay247 pki renew') without a restart: new TLS handshakes present the new TLS certificate, "
          + "envelopes are signed with the new signing key, envelopes sealed to the previous encryption key "
          + "still open. Sends SIGHUP to the process recorded by 'node run' (DATA-DIR/relay247-xx.pid); the "
          + "node logs what changed, or why it kept its keys. Announce the new certificates in a new directory "
          + "version first (docs/pki.md, Rotation). Exit 0 signal sent, 1 no running node."})
  static final class Reload extends OnConfig {
    @Override
    int run(NodeConfig cfg) throws Exception {
      Path pidFile = pidFile(cfg);
      long pid;
      try {
        pid = Long.parseLong(java.nio.file.Files.readString(pidFile).strip());
      } catch (java.io.IOException | NumberFormatException e) {
        spec.commandLine().getErr().println("relay247 node reload: no running node recorded in " + pidFile);
        return 1;
      }
      if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
        spec.commandLine().getErr().println("relay247 node reload: process " + pid + " (from " + pidFile
            + ") is not running");
        return 1;
      }
      Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).redirectErrorStream(true).start();
      if (kill.waitFor() != 0) {
        spec.commandLine().getErr().println("relay247 node reload: kill -HUP " + pid + " failed: "
            + new String(kill.getInputStream().readAllBytes()).strip());
        return 1;
      }
      spec.commandLine().getOut().println("Sent SIGHUP to node process " + pid
          + ": it takes the keys of " + cfg.keystore() + " (see its log).");
      return 0;
    }
  }

  /** {@code node check}: what runs out when, for a monitoring system (exit 1 while anything is critical). */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Print the state of everything the node relies on that runs out: its own TLS, signing "
          + "and encryption certificates, the root and Party CAs, the CRL of every issuer (nextUpdate), the "
          + "directory signer and every peer node certificate in the directory. Levels: OK, WARNING (within "
          + "relay247.node.expiry.warning, default 60 days), CRITICAL (within expiry.critical, default 7 days, "
          + "or run out). Reads the node's files; the node need not run. Exit 0 when nothing is critical, "
          + "1 when something is (or a file cannot be read), 2 on an invalid configuration."})
  static final class Check extends OnConfig {
    private static final String ROW = "%-8s %-30s %-21s %-16s %s%n";

    @CommandLine.ParentCommand NodeCommand parent;

    @Override
    int run(NodeConfig cfg) {
      java.util.List<org.relay247.gateway.expiry.ExpiryItem> items;
      try {
        items = NodeFiles.expiryItems(cfg);
      } catch (java.io.IOException | RuntimeException e) {
        spec.commandLine().getErr().println("relay247 node check: " + e.getMessage());
        return 1;
      }
      var statuses = org.relay247.gateway.expiry.ExpiryWatch.evaluate(items, cfg.expiry(), parent.clock.instant());
      var out = spec.commandLine().getOut();
      out.printf(ROW, "LEVEL", "ITEM", "NOT AFTER", "LEFT", "SUBJECT");
      java.util.Map<org.relay247.gateway.expiry.ExpiryLevel, Long> counts = new java.util.EnumMap<>(
          org.relay247.gateway.expiry.ExpiryLevel.class);
      for (var s : statuses) {
        counts.merge(s.level(), 1L, Long::sum);
        out.printf(ROW, s.level(), s.item().id(), s.item().notAfter().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
            s.leftInWords(), s.item().subject());
      }
      long critical = counts.getOrDefault(org.relay247.gateway.expiry.ExpiryLevel.CRITICAL, 0L);
      out.printf("%d critical, %d warning, %d ok (warning within %d days, critical within %d days)%n", critical,
          counts.getOrDefault(org.relay247.gateway.expiry.ExpiryLevel.WARNING, 0L),
          counts.getOrDefault(org.relay247.gateway.expiry.ExpiryLevel.OK, 0L), cfg.expiry().warning().toDays(),
          cfg.expiry().critical().toDays());
      out.flush();
      return critical > 0 ? 1 : 0;
    }
  }
}
