package org.relay247.gateway.cases;

import org.relay247.protocol.v1.ConditionKind;

/**
 * A condition imposed by a determination (9.6, 8.8, Conv. 28.2) and where it stands.
 *
 * @param trackId request message id of the track
 * @param determinationMessageId the determination that imposed it
 * @param conditionId its id within that determination, e.g. {@code c1}
 * @param kind confidentiality, use limitation or other
 * @param text the condition in plain words
 * @param article provision behind it
 * @param status IMPOSED (no answer yet), BINDING (accepted, 9.7.a / 8.9.a) or REFUSED (cannot comply)
 * @param destination for a condition of an onward-transfer authorisation (Art. 14.10): the destination
 *     whose export it travels with; empty for a determination's condition
 */
public record ConditionView(String trackId, String determinationMessageId, String conditionId, ConditionKind kind,
    String text, String article, Status status, String destination) {
  public ConditionView {
    destination = destination == null ? "" : destination;
  }

  /** A determination's condition (no destination). */
  public ConditionView(String trackId, String determinationMessageId, String conditionId, ConditionKind kind,
      String text, String article, Status status) {
    this(trackId, determinationMessageId, conditionId, kind, text, article, status, "");
  }

  /** Whether it is attached to an onward-transfer authorisation (Art. 14.10). */
  public boolean onwardTransfer() {
    return !destination.isEmpty();
  }

  /** Where a condition stands. */
  public enum Status { IMPOSED, BINDING, REFUSED }
}
