package org.relay247.gateway.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A node in a JVM of its own, started as an operator starts one ({@code relay247 node run --config
 * FILE}: the CLI's main class on the given class path), so that tests and benchmarks can kill it
 * (SIGKILL), hang it (SIGSTOP, then SIGCONT) and start it again on the same database.
 */
public final class NodeLauncher implements AutoCloseable {
  /**
   * JVM options that give embedded Hazelcast the JDK internals it asks for (without them it warns
   * at start and uses slower paths); harmless for a node that is not in a cluster.
   */
  public static final List<String> HAZELCAST_JVM_OPTIONS = List.of("--add-modules", "java.se",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");
  private static final int KEPT_LINES = 2000;
  private static final int LAST_LINES = 40;

  private final Process process;
  private final String name;
  private final Deque<String> lines = new ArrayDeque<>();

  private NodeLauncher(Process process, String name) {
    this.process = process;
    this.name = name;
  }

  /**
   * Starts {@code relay247 node run --config config} with this JVM's class path ({@code
   * surefire.test.class.path} under Surefire), 256 MiB of heap and the Hazelcast options, and
   * returns once it printed that it is running (within 5 minutes: a loaded machine starts slowly).
   */
  public static NodeLauncher start(Path config) throws IOException, InterruptedException {
    return start(List.of(), config);
  }

  /**
   * As {@link #start(Path)}, the node's command run by {@code launcher} (a command that runs the
   * rest of its arguments, e.g. {@code nohup}: the node then starts with SIGHUP ignored).
   */
  public static NodeLauncher start(List<String> launcher, Path config) throws IOException, InterruptedException {
    List<String> options = new ArrayList<>(List.of("-Xmx256m"));
    options.addAll(HAZELCAST_JVM_OPTIONS);
    return start(launcher, System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        options, config, Duration.ofMinutes(5));
  }

  /**
   * Starts the node and returns once it printed that it is running.
   *
   * @param classPath the class path of the CLI (the launcher's, or the test's)
   * @param javaOptions JVM options of the node, e.g. -Xmx256m
   * @throws IOException if the process cannot start, exits before running or is not running within
   *     {@code timeout} (its last output lines in the message)
   */
  public static NodeLauncher start(String classPath, List<String> javaOptions, Path config, Duration timeout)
      throws IOException, InterruptedException {
    return start(List.of(), classPath, javaOptions, config, timeout);
  }

  private static NodeLauncher start(List<String> launcher, String classPath, List<String> javaOptions, Path config,
      Duration timeout) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(launcher);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    command.addAll(List.of("-cp", classPath, "org.relay247.gateway.cli.Main", "node", "run", "--config",
        config.toString()));
    // RELAY247_* variables configure one node; the config file says everything here.
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("RELAY247_"));
    Process p = builder.start();
    NodeLauncher node = new NodeLauncher(p, config.getFileName().toString());
    // If this JVM ends without closing it, take the child along (a SIGKILL of this JVM excepted).
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "node-reaper"));
    CompletableFuture<Boolean> running = new CompletableFuture<>();
    Thread reader = new Thread(() -> node.read(running), "node-output-" + node.name);
    reader.setDaemon(true);
    reader.start();
    try {
      if (!running.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException("node " + node.name + " exited before running: " + node.lastOutput());
      }
    } catch (ExecutionException e) {
      throw new IOException(e.getCause());
    } catch (TimeoutException e) {
      p.destroyForcibly();
      throw new IOException("node " + node.name + " not running after " + timeout.toSeconds() + " s: "
          + node.lastOutput());
    }
    return node;
  }

  private void read(CompletableFuture<Boolean> running) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (lines) {
          lines.addLast(line);
          if (lines.size() > KEPT_LINES) {
            lines.removeFirst();
          }
        }
        if (line.contains(" running: ")) {
          running.complete(true);
        }
      }
    } catch (IOException e) {
      // The process is gone.
    }
    running.complete(false);
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL (what {@link Process#destroyForcibly} sends on Unix): no shutdown hook runs, nothing is flushed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGSTOP: the process hangs, its sockets stay open (as in a long GC pause or a frozen VM). */
  public void suspend() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT: a suspended process runs on from where it stopped. */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true)
        .start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + name + " " + process.pid() + " failed: "
          + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The output kept (the last 2,000 lines). */
  public String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** The last 40 lines of output, for error messages. */
  public String lastOutput() {
    synchronized (lines) {
      return String.join("\n", lines.stream().skip(Math.max(0, lines.size() - LAST_LINES)).toList());
    }
  }

  /** Stops the node as an operator would (SIGTERM), killing it if it has not stopped in 20 s. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      try {
        resume();  // a suspended process cannot act on SIGTERM
      } catch (IOException e) {
        // gone meanwhile
      }
    }
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
