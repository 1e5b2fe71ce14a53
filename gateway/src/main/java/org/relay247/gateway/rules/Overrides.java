package org.relay247.gateway.rules;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.RuleOverride;

/**
 * Which blocking findings a person may override, and how a received message's overrides count.
 *
 * <p>Only rules whose blocking finding rests on a fact or a judgement the directory cannot settle
 * may be overridden: the language (Art. 4.1: the requested Party may accept another language case
 * by case), the 24/7 reachability of a central authority (Art. 10.5: a person who phoned it knows
 * better than the directory, ER §177) and access-number types read from free text (Art. 7.9.b).
 * Declarations, reservations, the Protocol's being in force, suspensions, designations and required
 * fields are never overridden; nor is any security check (those are not rules).
 */
public final class Overrides {
  /** Codes of the rules whose blocking findings a person may override. */
  public static final Set<String> OVERRIDABLE = Set.of("LANG_4", "CA_10_5", "RES_7_9_B");

  private Overrides() {}

  public static boolean overridable(Finding f) {
    return OVERRIDABLE.contains(f.code());
  }

  /** The blocking findings of {@code findings} that may not be overridden. */
  public static List<Finding> hardBlocks(List<Finding> findings) {
    return findings.stream().filter(f -> f.blocks() && !overridable(f)).toList();
  }

  /** The override the message carries for this finding's rule, if any. */
  public static Optional<RuleOverride> of(InnerMessage m, Finding f) {
    return m.getRuleOverridesList().stream().filter(o -> o.getCode().equals(f.code())).findFirst();
  }

  /**
   * What the receiver refuses: the first blocking finding that is not overridable, or that the
   * sender did not override in the message itself.
   */
  public static Optional<Finding> firstUnoverridden(List<Finding> findings, InnerMessage m) {
    return findings.stream().filter(f -> f.blocks() && (!overridable(f) || of(m, f).isEmpty())).findFirst();
  }
}
