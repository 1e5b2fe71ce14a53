package org.relay247.simulator.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on one directed link between two nodes (sender's node to recipient's exchange port)
 * that passes bytes through untouched (TLS stays end to end) and can break the link on purpose:
 * latency with jitter, a bandwidth limit, a stall (bytes held, as under heavy packet loss),
 * connection resets, and a partition (connections reset and new ones refused until healed).
 *
 * <p>Faults change while connections are open; each is a setting read by the pumps on every
 * chunk, so they apply at once.
 */
public final class FaultProxy implements AutoCloseable {
  private static final int CHUNK = 16 * 1024;

  private final String name;
  private final InetSocketAddress target;
  private final ServerSocket server;
  private final ExecutorService threads;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Random random;
  private final Object gate = new Object();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private volatile long latencyMs;
  private volatile long jitterMs;
  private volatile long bytesPerSecond;
  private volatile boolean stalled;
  private volatile boolean partitioned;
  private volatile boolean closed;

  private FaultProxy(String name, InetSocketAddress target, ServerSocket server, long seed) {
    this.name = name;
    this.target = target;
    this.server = server;
    this.random = new Random(seed);
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "relay247-proxy-" + name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Listens on a free loopback port and forwards to {@code targetPort} on loopback. */
  public static FaultProxy start(String name, int targetPort, long seed) throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(loopback, 0));
    FaultProxy proxy = new FaultProxy(name, new InetSocketAddress(loopback, targetPort), server, seed);
    proxy.threads.execute(proxy::acceptLoop);
    return proxy;
  }

  public int port() {
    return server.getLocalPort();
  }

  public String name() {
    return name;
  }

  /** Adds {@code latency} (plus up to {@code jitter}, uniformly) before each chunk in both directions. */
  public void latency(Duration latency, Duration jitter) {
    latencyMs = latency.toMillis();
    jitterMs = jitter.toMillis();
  }

  /** Limits each direction to {@code perSecond} bytes per second (0: unlimited). */
  public void bandwidth(long perSecond) {
    bytesPerSecond = perSecond;
  }

  /** Holds every byte until {@link #heal}: connections stay open, nothing moves. */
  public void stall() {
    stalled = true;
  }

  /** Resets every open connection (TCP RST); new connections are accepted. */
  public void reset() {
    for (Socket s : open) {
      abort(s);
    }
  }

  /** Resets every open connection and refuses new ones until {@link #heal}. */
  public void partition() {
    partitioned = true;
    reset();
  }

  /** Ends every fault: no delay, no limit, bytes flow, connections accepted. */
  public void heal() {
    latencyMs = 0;
    jitterMs = 0;
    bytesPerSecond = 0;
    partitioned = false;
    synchronized (gate) {
      stalled = false;
      gate.notifyAll();
    }
  }

  /** Whether a fault that stops traffic (partition or stall) is on. */
  public boolean blocking() {
    return partitioned || stalled;
  }

  public long bytesForwarded() {
    return bytes.get();
  }

  public long connectionsAccepted() {
    return connections.get();
  }

  public long connectionsRefused() {
    return refused.get();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (partitioned) {
        refused.incrementAndGet();
        abort(client);
        continue;
      }
      connections.incrementAndGet();
      threads.execute(() -> connect(client));
    }
  }

  private void connect(Socket client) {
    Socket upstream = new Socket();
    try {
      upstream.connect(target, 5000);
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
    } catch (IOException e) {
      abort(client);
      abort(upstream);
      return;
    }
    open.add(client);
    open.add(upstream);
    threads.execute(() -> pump(client, upstream));
    threads.execute(() -> pump(upstream, client));
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[CHUNK];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        hold(n);
        if (partitioned) {
          break;
        }
        out.write(buffer, 0, n);
        out.flush();
        bytes.addAndGet(n);
      }
    } catch (IOException | InterruptedException e) {
      // The peer closed or a fault reset the connection: end both sides.
    } finally {
      abort(from);
      abort(to);
    }
  }

  /** Applies stall, latency and bandwidth to a chunk of {@code n} bytes before it is written. */
  private void hold(int n) throws InterruptedException {
    synchronized (gate) {
      while (stalled && !closed) {
        gate.wait();
      }
    }
    long delay = latencyMs;
    if (jitterMs > 0) {
      synchronized (random) {
        delay += random.nextInt((int) Math.min(Integer.MAX_VALUE, jitterMs + 1));
      }
    }
    long rate = bytesPerSecond;
    if (rate > 0) {
      delay += n * 1000L / rate;
    }
    if (delay > 0) {
      // The proxy is the slow network itself: it must hold the bytes for real time.
      Thread.sleep(delay);
    }
  }

  private void abort(Socket s) {
    open.remove(s);
    try {
      if (!s.isClosed() && s.isConnected()) {
        s.setSoLinger(true, 0);
      }
      s.close();
    } catch (SocketException e) {
      // Already closed by the other pump.
    } catch (IOException e) {
      // Closing a reset socket: nothing left to do.
    }
  }

  @Override
  public void close() {
    closed = true;
    heal();
    try {
      server.close();
    } catch (IOException e) {
      // Closing the listener; pumps end with their sockets.
    }
    reset();
    threads.shutdownNow();
  }
}
