package org.relay247.gateway.cases;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Durations of the worded urgency classes (docs/cases.md, urgency classes), from
 * {@code relay247.node.cases.timers} (reference.conf documents the defaults), plus how long before
 * a preservation lapses its warning fires and how often due timers are looked for. FIXED timers
 * carry treaty day counts and are not configured.
 *
 * @param durations one positive duration for every class except FIXED
 * @param preservationWarning how long before {@code preserve_until} the lapse warning fires
 * @param checkInterval how often the timer worker looks for due timers
 */
public record CaseTimerSettings(Map<UrgencyClass, Duration> durations, Duration preservationWarning,
    Duration checkInterval) {
  public CaseTimerSettings {
    Map<UrgencyClass, Duration> copy = new EnumMap<>(UrgencyClass.class);
    copy.putAll(Objects.requireNonNull(durations, "durations"));
    for (UrgencyClass c : UrgencyClass.values()) {
      if (c == UrgencyClass.FIXED) {
        continue;
      }
      Duration d = copy.get(c);
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("cases.timers." + c.configKey() + ": " + d + " (expected: > 0)");
      }
    }
    copy.remove(UrgencyClass.FIXED);
    durations = Map.copyOf(copy);
    positive("cases.preservation-warning", preservationWarning);
    positive("cases.timer-check-interval", checkInterval);
  }

  /** The defaults of reference.conf. */
  public static CaseTimerSettings defaults() {
    Map<UrgencyClass, Duration> d = new EnumMap<>(UrgencyClass.class);
    d.put(UrgencyClass.IMMEDIATE, Duration.ofMinutes(30));
    d.put(UrgencyClass.EXPEDITED, Duration.ofHours(4));
    d.put(UrgencyClass.MOST_RAPID, Duration.ofHours(4));
    d.put(UrgencyClass.WITHOUT_DELAY, Duration.ofHours(24));
    d.put(UrgencyClass.ASAP, Duration.ofHours(72));
    d.put(UrgencyClass.PROMPT, Duration.ofHours(48));
    d.put(UrgencyClass.NO_UNDUE_DELAY, Duration.ofDays(7));
    return new CaseTimerSettings(d, Duration.ofDays(7), Duration.ofSeconds(10));
  }

  /** Duration of a worded class. */
  public Duration of(UrgencyClass c) {
    if (c == UrgencyClass.FIXED) {
      throw new IllegalArgumentException("urgency: FIXED (expected: a worded class; fixed timers carry their own due date)");
    }
    return durations.get(c);
  }

  private static void positive(String key, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(key + ": " + d + " (expected: > 0)");
    }
  }
}
