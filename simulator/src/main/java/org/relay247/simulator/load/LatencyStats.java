package org.relay247.simulator.load;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Summary of a latency histogram recorded in microseconds; reported in milliseconds. */
record LatencyStats(long count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs,
    double meanMs) {

  /** Microseconds up to 10 minutes, 3 significant digits. */
  static Histogram newHistogram() {
    return new Histogram(600_000_000L, 3);
  }

  static LatencyStats of(Histogram h) {
    if (h.getTotalCount() == 0) {
      return new LatencyStats(0, 0, 0, 0, 0, 0, 0);
    }
    return new LatencyStats(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
        ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), h.getMean() / 1000.0);
  }

  /** Records a duration in microseconds, clamped to the histogram's range. */
  static void record(Histogram h, long micros) {
    h.recordValue(Math.max(1, Math.min(micros, h.getHighestTrackableValue())));
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", count);
    m.put("p50_ms", round(p50Ms));
    m.put("p90_ms", round(p90Ms));
    m.put("p99_ms", round(p99Ms));
    m.put("p999_ms", round(p999Ms));
    m.put("max_ms", round(maxMs));
    m.put("mean_ms", round(meanMs));
    return m;
  }

  static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
