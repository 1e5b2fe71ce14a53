package org.relay247.gateway.rules;

/**
 * How much a finding weighs. Either way it is advice to a person (Art. 14.6): the node refuses to
 * send, or the receiver rejects, on {@link #BLOCK}; the operator may still correct and resend.
 */
public enum Severity {
  /** The treaty or a declaration rules the message out as it stands: it is not sent (or is rejected). */
  BLOCK,
  /** Something to check or to do; the message may go. */
  WARN,
  /** Something worth knowing (an obligation it opens, a date it sets); the message goes. */
  INFO
}
