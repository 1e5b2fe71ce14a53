package org.relay247.gateway.cases;

/**
 * The treaty's timing words as service-level classes (docs/cases.md, urgency classes). Durations of the
 * worded classes come from configuration ({@code relay247.node.cases.timers}); FIXED timers
 * carry their own treaty day counts (8.6.a, 7.7) or a date (preservation lapse).
 */
public enum UrgencyClass {
  /** "Immediate assistance" (9.1.a); an oral request "immediately followed" by confirmation. */
  IMMEDIATE,
  /** "Expedited procedure" (9.6). */
  EXPEDITED,
  /** "Most rapid means" (10.1, 10.3, 10.4). */
  MOST_RAPID,
  /** "Without delay" (8.7, 8.6.b). */
  WITHOUT_DELAY,
  /** "As soon as possible" (8.8, 7.5.c). */
  ASAP,
  /** "Promptly" (9.7.a, 8.9.a, 7.5.d.ii). */
  PROMPT,
  /** "Without undue delay" (12.6.b, 14.12). */
  NO_UNDUE_DELAY,
  /** A fixed day count or date (8.6.a, 7.7, preservation lapse). */
  FIXED;

  /** The configuration key, e.g. {@code most-rapid}. */
  public String configKey() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
