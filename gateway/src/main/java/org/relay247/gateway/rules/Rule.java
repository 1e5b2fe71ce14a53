package org.relay247.gateway.rules;

import java.util.List;

/**
 * One treaty rule: a pure function of a {@link RuleContext} (message, sender, recipient, directory,
 * date) to findings. No I/O, no clock: the date is part of the context. A rule reports nothing when
 * it does not apply (another body type, no declaration in effect) or when the message complies.
 */
public interface Rule {

  /** Stable code, e.g. {@code DECL_9_1_B}; every finding of this rule carries it. */
  String code();

  /** Article and paragraph, e.g. {@code 9.1.b}; every finding of this rule carries it. */
  String article();

  /** Severity of the findings of this rule. */
  Severity severity();

  /** When the rule fires, in plain English (the "condition" column of docs/treaty-rules.md). */
  String condition();

  /** What to do instead, in general terms (the "advice" column of docs/treaty-rules.md). */
  String advice();

  /** The findings for this context; empty when the rule does not apply or is satisfied. */
  List<Finding> evaluate(RuleContext context);
}
