package org.relay247.gateway;

import com.google.protobuf.util.JsonFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.gateway.store.Database;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * Not a test: the measurement behind docs/architecture.md ("Transactions and fsyncs per message")
 * and the bytes on disk per retained message. Two nodes in this JVM; THREADS threads submit
 * MESSAGES copies of the example Art. 9 emergency request at FR for DE; once every receipt is
 * back it prints, per node, the write transactions and the commits per message, and the size of
 * the SQLite files. Run from gateway/ (it reads ../docs/examples), under
 * {@code strace -f -c -e trace=fsync,fdatasync} to count the fsyncs:
 * <pre>
 * java -cp "target/classes:target/test-classes:$(cat cp.txt)" org.relay247.gateway.CommitCount 1000 16
 * </pre>
 */
public final class CommitCount {
  private CommitCount() {}

  public static void main(String[] args) throws Exception {
    int messages = Integer.parseInt(args[0]);
    int threads = Integer.parseInt(args[1]);
    Path dir = Files.createTempDirectory("relay247-commits");
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    InnerMessage.Builder request = InnerMessage.newBuilder();
    JsonFormat.parser().merge(Files.readString(Path.of("../docs/examples/art9-request.json")), request);
    request.setRouting(Routing.newBuilder().setRecipient("DE/poc").setPriority(Priority.PRIORITY_EMERGENCY));
    InnerMessage draft = request.build();
    try (GatewayNode fr = net.start("FR"); GatewayNode de = net.start("DE")) {
      Database.Commits fr0 = fr.database().commits();
      Database.Commits de0 = de.database().commits();
      long start = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<String>> ids = new ArrayList<>();
      for (int i = 0; i < messages; i++) {
        ids.add(pool.submit(() -> fr.outbox().submit(draft).getRouting().getMessageId()));
      }
      for (Future<String> id : ids) {
        Awaits.completed(fr, id.get());
      }
      pool.shutdown();
      double seconds = (System.nanoTime() - start) / 1e9;
      Database.Commits fr1 = fr.database().commits();
      Database.Commits de1 = de.database().commits();
      System.out.printf("%d messages, %d submitting threads, %.1f s (%.0f/s), %s%n", messages, threads, seconds,
          messages / seconds, Clock.systemUTC().instant());
      print("FR (sender)", fr0, fr1, messages);
      print("DE (recipient)", de0, de1, messages);
    }
    try (Stream<Path> files = Files.list(dir.resolve("data"))) {
      long total = 0;
      for (Path f : files.sorted().toList()) {
        System.out.printf("%s: %,d bytes%n", f.getFileName(), Files.size(f));
        total += Files.size(f);
      }
      System.out.printf("both nodes, after close (WAL checkpointed): %,d bytes, %,d bytes per message per node%n",
          total, total / 2 / messages);
    }
  }

  private static void print(String node, Database.Commits before, Database.Commits after, int messages) {
    long tx = after.transactions() - before.transactions();
    long commits = after.commits() - before.commits();
    System.out.printf("%s: %d transactions (%.2f per message), %d commits (%.2f per message)%n", node, tx,
        (double) tx / messages, commits, (double) commits / messages);
  }
}
