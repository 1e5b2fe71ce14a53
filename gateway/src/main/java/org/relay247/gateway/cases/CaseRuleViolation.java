package org.relay247.gateway.cases;

/**
 * A message this node's operator submitted does not fit the case: an illegal transition
 * ("determination on track X in state DETERMINED (expected: OPEN or ...)"), a reply naming no
 * known case, a determination without the name of the person who made it (Art. 14.6). Nothing is
 * sent; the national API answers FAILED_PRECONDITION with this message.
 */
public final class CaseRuleViolation extends RuntimeException {
  public CaseRuleViolation(String message) {
    super(message);
  }
}
