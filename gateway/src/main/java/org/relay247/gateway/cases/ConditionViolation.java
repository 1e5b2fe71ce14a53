package org.relay247.gateway.cases;

/**
 * A binding condition forbids the intended use (9.7.a, 8.9.a: accepted conditions bind). The
 * message names the condition, its track and why it applies; callers refuse the use.
 */
public final class ConditionViolation extends RuntimeException {
  private final ConditionView condition;

  public ConditionViolation(ConditionView condition, String message) {
    super(message);
    this.condition = condition;
  }

  /** The condition that forbids the use. */
  public ConditionView condition() {
    return condition;
  }
}
