package org.relay247.gateway.rules;

import java.util.Optional;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.InnerMessage;

/**
 * The rules' classification of bodies, for the other parts of the node that must agree with it
 * (the Art. 14 controls in {@code gateway.protection}): one definition of "carries personal
 * data" for the rules and for a suspension recorded from a notice.
 */
public final class MessageKinds {
  private MessageKinds() {}

  /**
   * Whether the body may carry personal data: everything but Art. 14 control messages,
   * consultations, determinations, receipts, opened notices and pings (Art. 14.15).
   */
  public static boolean carriesPersonalData(InnerMessage m) {
    return Bodies.carriesPersonalData(m);
  }

  /** The form of cooperation a body belongs to, when the body alone tells. */
  public static Optional<CooperationType> cooperationType(InnerMessage m) {
    return Bodies.cooperationType(m);
  }

  /** "Art. 9 (expedited disclosure in an emergency)": a form of cooperation in words. */
  public static Text name(CooperationType type) {
    return Bodies.name(type);
  }
}
