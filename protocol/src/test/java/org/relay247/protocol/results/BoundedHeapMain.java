package org.relay247.protocol.results;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.relay247.protocol.seal.OpenedEnvelope;
import org.relay247.protocol.v1.EvidenceItem;
import org.relay247.protocol.v1.EvidenceManifest;
import org.relay247.protocol.v1.InnerMessage;

/**
 * Sends one large pseudo-random evidence item over the whole sealed path in this JVM, for
 * {@link BoundedHeapTest}, which runs it with a small heap: describe (first pass over the
 * regenerated stream), seal and open the manifest, then chunk (second pass), seal each chunk at FR,
 * open it at DE, assemble into a temporary file, complete. Arguments: size in bytes, chunk size,
 * seed. Prints one line: {@code EVIDENCE bytes=.. chunks=.. sha256=.. elapsedMs=..
 * maxUsedHeapMiB=.. maxHeapAfterGcMiB=.. heapPoolPeaksMiB=.. maxHeapMiB=..}: the largest heap
 * in use seen after each chunk (garbage included), the largest heap live after a collection, the
 * sum of each heap pool's peak (an upper bound), and -Xmx.
 */
final class BoundedHeapMain {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private BoundedHeapMain() {}

  public static void main(String[] args) throws Exception {
    long size = Long.parseLong(args[0]);
    int chunkSize = Integer.parseInt(args[1]);
    long seed = Long.parseLong(args[2]);
    long start = System.nanoTime();
    long[] maxUsed = {0};
    long[] maxAfterGc = {0};
    Path dir = Files.createTempDirectory("relay247-bounded-heap-");
    try {
      ResultsNodes nodes = new ResultsNodes(dir.resolve("net"));
      EvidenceItem item = EvidenceItems.describe("item-1", "disk-image.bin", "application/octet-stream",
          new PseudoRandomStream(seed, size), chunkSize);
      InnerMessage manifestMessage = nodes.manifestMessage(EvidenceManifest.newBuilder()
          .setRequestMessageId(nodes.requestMessageId).addItems(item).setChunkSizeBytes(chunkSize).build());
      OpenedEnvelope manifest = nodes.transmit(manifestMessage);
      String manifestId = manifest.envelope().getRouting().getMessageId();
      try (EvidenceAssembler assembler = EvidenceAssembler.create(manifestId, manifest.inner().getEvidenceManifest(),
          "item-1", dir.resolve("item-1.bin"))) {
        new EvidenceChunker(manifestId, chunkSize).forEachChunk(item, new PseudoRandomStream(seed, size), chunk -> {
          assembler.accept(nodes.transmit(nodes.chunkMessage(chunk)).inner().getEvidenceChunk());
          maxUsed[0] = Math.max(maxUsed[0], MEMORY.getHeapMemoryUsage().getUsed());
          maxAfterGc[0] = Math.max(maxAfterGc[0], heapAfterLastGc());
        });
        assembler.complete();
        maxUsed[0] = Math.max(maxUsed[0], MEMORY.getHeapMemoryUsage().getUsed());
      }
      long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getPeakUsage)
          .mapToLong(u -> u.getUsed()).sum();
      System.out.println("EVIDENCE bytes=" + item.getSizeBytes() + " chunks=" + item.getChunkCount()
          + " sha256=" + Sha256.hex(item.getSha256().toByteArray())
          + " elapsedMs=" + (System.nanoTime() - start) / 1_000_000
          + " maxUsedHeapMiB=" + mib(maxUsed[0]) + " maxHeapAfterGcMiB=" + mib(maxAfterGc[0])
          + " heapPoolPeaksMiB=" + mib(poolPeaks)
          + " maxHeapMiB=" + mib(Runtime.getRuntime().maxMemory()));
    } finally {
      deleteRecursively(dir);
    }
  }

  /** Heap in use right after the last collection of each pool: what was live, not garbage yet to collect. */
  private static long heapAfterLastGc() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
        .mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
  }

  private static long mib(long bytes) {
    return bytes / (1024 * 1024);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
