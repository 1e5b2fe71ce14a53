package org.relay247.gateway.rules;

import java.util.List;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;

/**
 * A rule of a channel that exists only for emergencies, a serious and imminent risk to the life or
 * safety of a person (Art. 3.2.c): Art. 9 and Art. 10. A message of the channel sent with priority
 * URGENT or ROUTINE is refused, with the channel's alternative as advice; an unset priority is
 * EMERGENCY (the node sets it).
 */
abstract class EmergencyOnly extends BaseRule {
  private final String channel;
  private final Text instead;

  /**
   * @param channel the article number of the channel ("9", "10"), as the finding names it
   * @param instead what to do when there is no emergency
   */
  EmergencyOnly(String code, String article, String condition, String advice, String channel, Text instead) {
    super(code, article, Severity.BLOCK, condition, advice);
    this.channel = channel;
    this.instead = instead;
  }

  /** Whether {@code message} travels on this channel. */
  abstract boolean onChannel(InnerMessage message);

  @Override
  public final List<Finding> evaluate(RuleContext c) {
    Priority p = c.message().getRouting().getPriority();
    if (!onChannel(c.message()) || (p != Priority.PRIORITY_URGENT && p != Priority.PRIORITY_ROUTINE)) {
      return List.of();
    }
    String token = Words.token(p, "PRIORITY_");
    return one(Text.of(
            "Art. " + channel + " applies only in an emergency, a serious and imminent risk to the life or safety of"
                + " a person (Art. 3.2.c): priority: " + token + " (expected: EMERGENCY for Art. " + channel + ").",
            "L'art. " + channel + " ne s'applique qu'en situation d'urgence, un risque grave et imminent pour la vie"
                + " ou la sécurité d'une personne (art. 3.2.c) : priority : " + token + " (attendu : EMERGENCY pour"
                + " l'art. " + channel + ")."),
        instead);
  }
}
