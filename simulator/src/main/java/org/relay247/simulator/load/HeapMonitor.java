package org.relay247.simulator.load;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap and GC while a phase runs: heap used sampled every second (MemoryMXBean), heap used after
 * every collection (GC notifications: the live set plus what the collector left; with G1 an
 * upper bound of the live set, since young collections leave the old generation as it is),
 * collection count and time, full collections, this process's CPU time and the JIT compilers'
 * time; and the stores' files every second. Both as the largest value in each third of the phase
 * too, so a live set or a store growing with the run's length shows.
 */
final class HeapMonitor implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "load-heap-sampler");
    t.setDaemon(true);
    return t;
  });
  private final List<Long> usedSamples = new ArrayList<>();
  private final List<Long> fileSamples = new ArrayList<>();
  private final java.util.function.LongSupplier fileBytes;
  private final List<Long> afterGc = new ArrayList<>();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = this::onGc;
  private final long gcCount0;
  private final long fullGcCount0;
  private final long gcMillis0;
  private final long jitMillis0;
  private final long cpuNanos0;
  private final long wallNanos0;

  /** Also samples {@code fileBytes} (the stores' files) every second. */
  HeapMonitor(java.util.function.LongSupplier fileBytes) {
    this.fileBytes = fileBytes;
    gcCount0 = gcCount();
    fullGcCount0 = fullGcCount();
    gcMillis0 = gcMillis();
    jitMillis0 = jitMillis();
    cpuNanos0 = processCpuNanos();
    wallNanos0 = System.nanoTime();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter e) {
        e.addNotificationListener(listener, null, null);
        emitters.add(e);
      }
    }
    sample();
    sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
  }

  private void sample() {
    long used = memory.getHeapMemoryUsage().getUsed();
    long files = fileBytes.getAsLong();
    synchronized (this) {
      usedSamples.add(used);
      fileSamples.add(files);
    }
  }

  private void onGc(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      // Heap pools only: G1/Parallel/Serial pool names; code cache and metaspace are not heap.
      String name = pool.getKey();
      if (name.contains("Eden") || name.contains("Survivor") || name.contains("Old") || name.contains("Tenured")) {
        used += pool.getValue().getUsed();
      }
    }
    synchronized (this) {
      afterGc.add(used);
    }
  }

  /** Stops sampling and summarises. */
  synchronized Map<String, Object> summary() {
    close();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("max_heap_mb", mb(memory.getHeapMemoryUsage().getMax()));
    m.put("max_used_mb", maxMb(usedSamples));
    m.put("samples", usedSamples.size());
    m.put("gc_count", gcCount() - gcCount0);
    m.put("full_gc_count", fullGcCount() - fullGcCount0);
    m.put("gc_time_ms", gcMillis() - gcMillis0);
    m.put("jit_compile_ms", jitMillis() - jitMillis0);
    int n = afterGc.size();
    m.put("after_gc_max_mb", maxMb(afterGc));
    // First and last third of the run: a growing live set would show here.
    m.put("after_gc_first_third_max_mb", maxMb(afterGc.subList(0, n / 3)));
    m.put("after_gc_last_third_max_mb", maxMb(afterGc.subList(n - n / 3, n)));
    // Each third of the run: a live set or a store that grows with the run shows as a rising series.
    m.put("after_gc_max_mb_per_third", perThird(afterGc));
    m.put("file_mb_per_third", perThird(fileSamples));
    long wall = System.nanoTime() - wallNanos0;
    long cpu = processCpuNanos() - cpuNanos0;
    m.put("process_cpu_s", LatencyStats.round(cpu / 1e9));
    m.put("wall_s", LatencyStats.round(wall / 1e9));
    m.put("cpu_cores_busy", LatencyStats.round(wall == 0 ? 0 : (double) cpu / wall));
    List<Double> series = new ArrayList<>();
    for (long s : usedSamples) {
      series.add(mb(s));
    }
    m.put("used_mb_per_second", series);
    return m;
  }

  /** The largest value in each third of {@code samples}, in MB (0 for a third with no sample). */
  private static List<Double> perThird(List<Long> samples) {
    int n = samples.size();
    List<Double> out = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      out.add(maxMb(samples.subList(n * k / 3, n * (k + 1) / 3)));
    }
    return out;
  }

  /** The largest of {@code bytes}, in MB (0 for none). */
  private static double maxMb(List<Long> bytes) {
    return mb(bytes.stream().mapToLong(Long::longValue).max().orElse(0));
  }

  long cpuNanosSinceStart() {
    return processCpuNanos() - cpuNanos0;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (ListenerNotFoundException ignored) {
        // already removed
      }
    }
    emitters.clear();
  }

  static double mb(long bytes) {
    return LatencyStats.round(bytes / (1024.0 * 1024.0));
  }

  /** Collections of the whole heap (G1's "G1 Old Generation", Serial/Parallel's old collectors). */
  private static long fullGcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .filter(g -> g.getName().contains("Old") || g.getName().contains("MarkSweep"))
        .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(c -> c > 0).sum();
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount)
        .filter(c -> c > 0).sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .filter(c -> c > 0).sum();
  }

  /** Time the JIT compilers have spent compiling so far (all compiler threads), 0 if not reported. */
  static long jitMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
  }

  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }
}
