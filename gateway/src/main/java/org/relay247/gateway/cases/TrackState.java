package org.relay247.gateway.cases;

/**
 * States of request tracks. Names are the same on both nodes of a track (neither "sent" nor
 * "received"), so the two Parties can compare; which states a kind uses is in docs/cases.md.
 */
public enum TrackState {
  /** Oral request recorded, electronic confirmation awaited (Art. 9.4). */
  RECORDED,
  /** Request made, awaiting the requested Party's determination or action. */
  OPEN,
  /** The requested Party asked for more information (10.3, 8.4, 7.5.d.i, ER §164). */
  AWAITING_INFORMATION,
  /** Execution postponed (Conv. 27.5, 8.8). */
  POSTPONED,
  /** Determination imposed conditions; the requesting Party's answer is awaited (9.7.a, 8.9.a). */
  CONDITIONS_PENDING,
  /** The requesting Party accepted the conditions and is bound by them. */
  CONDITIONS_ACCEPTED,
  /** The requesting Party cannot comply; the requested Party decides whether to provide anyway. */
  CONDITIONS_REFUSED,
  /** The requested Party will provide (9.6, 10.4, 8.6). */
  DETERMINED,
  /** Art. 10.4 (ER §176): served on the provider; its delays are not the requested Party's. */
  AWAITING_PROVIDER,
  /** Refused, or not an emergency (terminal for the track). */
  REFUSED,
  /** A preliminary copy of the results came by the alternate channel (10.6). */
  PRELIMINARY_RESULTS,
  /** Results (official copy) delivered. */
  RESULTS_DELIVERED,
  /** Art. 7: the notified Party instructed the provider not to disclose (7.5.c). */
  NON_DISCLOSURE,
  /** Art. 7: converted into an Art. 8 order (7.7); the Art. 8 track continues. */
  CONVERTED,
  /** Art. 6: the consulted authority answered. */
  ANSWERED,
  /** Preservation in place. */
  PRESERVED,
  /** Preservation followed by a request for the data (7.4.e, 8.3.b.vii). */
  FOLLOWED_UP;

  /** Whether no further transition is expected. */
  public boolean terminal() {
    return this == REFUSED || this == CONVERTED || this == NON_DISCLOSURE;
  }
}
