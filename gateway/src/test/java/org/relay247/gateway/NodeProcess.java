package org.relay247.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A node in its own JVM, started exactly as an operator would ({@code relay247 node run --config
 * FILE}), so tests can kill it with SIGKILL and restart it.
 */
public final class NodeProcess implements AutoCloseable {
  private final Process process;
  private final List<String> output = new ArrayList<>();

  private NodeProcess(Process process) {
    this.process = process;
  }

  /** Starts the node and waits until it reports that it is running. */
  public static NodeProcess start(Path config) throws IOException, InterruptedException, TimeoutException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", classpath, "org.relay247.gateway.cli.Main", "node", "run", "--config", config.toString())
        .redirectErrorStream(true).start();
    NodeProcess node = new NodeProcess(p);
    // If this test JVM ends without closing it, take the child along (SIGKILL of the JVM excepted).
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly, "node-process-reaper"));
    CompletableFuture<Boolean> running = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (node.output) {
            node.output.add(line);
          }
          if (line.contains(" running: ")) {
            running.complete(true);
          }
        }
      } catch (IOException e) {
        // process gone
      }
      running.complete(false);
    }, "node-output");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!running.get(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("node exited before running: " + node.output());
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      p.destroyForcibly();
      throw new TimeoutException("node did not start in 60 s: " + node.output());
    }
    return node;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
