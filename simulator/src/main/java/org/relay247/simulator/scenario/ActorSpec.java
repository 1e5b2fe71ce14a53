package org.relay247.simulator.scenario;

import java.time.Duration;

/**
 * What one desk of a Party does when a message of a kind arrives for it: a policy, run through the
 * node's national API as a national case system would.
 *
 * @param desk the authority id, e.g. {@code poc}
 * @param on the body kind it reacts to, e.g. {@code art9-request}, or {@code any}
 * @param within the virtual time it takes to act
 * @param resultsBytes for {@link Action#ANSWER}: results of this size follow the determination (0: none)
 * @param grounds for {@link Action#REFUSE} and {@link Action#CONDITIONS}: the text sent
 */
public record ActorSpec(String desk, String on, Action action, Duration within, long resultsBytes, String grounds,
    Location at) {

  /** The policies a desk can follow. */
  public enum Action {
    /** Opens the request and determines "will provide" (and sends results when sized). */
    ANSWER,
    /** Opens it and refuses with grounds. */
    REFUSE,
    /** Opens it and will provide subject to conditions. */
    CONDITIONS,
    /** Opens it and asks for more information. */
    ASK_INFO,
    /** Does nothing at all (not even opening it): timers and escalations run. */
    SILENT;

    static Action parse(String token) {
      return switch (token) {
        case "answer" -> ANSWER;
        case "refuse" -> REFUSE;
        case "conditions" -> CONDITIONS;
        case "ask-info" -> ASK_INFO;
        case "silent" -> SILENT;
        default -> null;
      };
    }

    static final String TOKENS = "answer, refuse, conditions, ask-info, silent";
  }
}
