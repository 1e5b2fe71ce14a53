package org.relay247.simulator.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A node in a process of its own, started as an operator starts one ({@code relay247 node run
 * --config FILE}: the CLI's main class on the launcher's class path), so that it can be killed
 * with SIGKILL and started again on the same database.
 */
final class NodeChild implements AutoCloseable {
  private static final int KEPT_LINES = 40;

  private final Process process;
  private final Deque<String> lastLines = new ArrayDeque<>();

  private NodeChild(Process process) {
    this.process = process;
  }

  /**
   * Starts the node and returns once it printed that it is running.
   *
   * @param classPath the class path of the CLI (the launcher's, or the test's)
   * @param javaOptions JVM options of the node, e.g. -Xmx256m
   * @throws IOException if the process cannot start, exits before running or is not running within
   *     {@code timeout} (its last output lines in the message)
   */
  static NodeChild start(String classPath, List<String> javaOptions, Path config, long timeoutSeconds)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    command.addAll(List.of("-cp", classPath, "org.relay247.gateway.cli.Main", "node", "run", "--config",
        config.toString()));
    // RELAY247_* variables configure one node; the config file says everything here.
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("RELAY247_"));
    Process p = builder.start();
    NodeChild node = new NodeChild(p);
    // If this JVM ends without closing it, take the child along (a SIGKILL of this JVM excepted).
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "node-child-reaper"));
    CompletableFuture<Boolean> running = new CompletableFuture<>();
    Thread reader = new Thread(() -> node.read(running), "node-child-output");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!running.get(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new IOException("node " + config.getFileName() + " exited before running: " + node.lastOutput());
      }
    } catch (ExecutionException e) {
      throw new IOException(e.getCause());
    } catch (TimeoutException e) {
      p.destroyForcibly();
      throw new IOException("node " + config.getFileName() + " not running after " + timeoutSeconds + " s: "
          + node.lastOutput());
    }
    return node;
  }

  private void read(CompletableFuture<Boolean> running) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (lastLines) {
          lastLines.addLast(line);
          if (lastLines.size() > KEPT_LINES) {
            lastLines.removeFirst();
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

  /** SIGKILL (what {@link Process#destroyForcibly} sends on Unix): no shutdown hook runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  long pid() {
    return process.pid();
  }

  String lastOutput() {
    synchronized (lastLines) {
      return String.join("\n", lastLines);
    }
  }

  /** Stops the node as an operator would (SIGTERM), killing it if it has not stopped in 20 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
