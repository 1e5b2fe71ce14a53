package org.relay247.simulator.sim;

import java.io.PrintWriter;
import java.util.List;
import org.relay247.simulator.report.RunRecord;

/** The ping result on the terminal: a matrix of round trips for a few Parties, a summary and the failures for many. */
final class PingTable {
  private PingTable() {}

  static void print(RunRecord r, PrintWriter out) {
    List<String> parties = r.parties();
    if (parties.size() <= 12) {
      out.print("from\\to");
      parties.forEach(p -> out.printf("%8s", p));
      out.println();
      for (String a : parties) {
        out.printf("%-7s", a);
        for (String b : parties) {
          if (a.equals(b)) {
            out.printf("%8s", "-");
            continue;
          }
          RunRecord.PingRecord p = r.pings().stream().filter(x -> x.from().equals(a) && x.to().equals(b)).findFirst()
              .orElse(null);
          out.printf("%8s", p == null ? "?" : p.answered() ? p.millis() + "ms" : "NO");
        }
        out.println();
      }
    }
    List<Long> ms = r.pings().stream().filter(RunRecord.PingRecord::answered).map(RunRecord.PingRecord::millis)
        .sorted().toList();
    out.printf("Pings: %d of %d directed pairs answered by a signed pong", ms.size(), r.pings().size());
    if (!ms.isEmpty()) {
      out.printf("; round trip median %d ms, p99 %d ms, max %d ms", ms.get(ms.size() / 2),
          ms.get(Math.min(ms.size() - 1, (int) Math.ceil(ms.size() * 0.99) - 1)), ms.get(ms.size() - 1));
    }
    out.println();
    r.pings().stream().filter(p -> !p.answered()).limit(50)
        .forEach(p -> out.printf("  %s -> %s: no pong (%s)%n", p.from(), p.to(), p.why()));
  }
}
