package org.relay247.gateway.cases;

import org.relay247.protocol.v1.InnerMessage;

/**
 * The kind of request a track follows; each kind has its own state machine (docs/cases.md). A
 * track is opened by exactly one body type, listed here.
 */
public enum TrackKind {
  /** Art. 9 expedited disclosure in an emergency, opened by an Art9Request. */
  ART9,
  /** Art. 9.4 oral request, opened by an OralRequestRecord, then confirmed electronically. */
  ORAL_ART9,
  /** Art. 10 emergency mutual assistance, opened by an Art10Request. */
  ART10,
  /** Art. 8 production order, opened by an Art8Order. */
  ART8,
  /** Art. 7 direct subscriber order, opened by its SimultaneousNotification (7.5.a). */
  ART7,
  /** Art. 6.5 consultation with the 6.6 authority, opened by an Art6Consultation. */
  ART6,
  /** Conv. Art. 29 preservation, opened by a PreservationRequest. */
  PRESERVATION;

  /** The kind of track this body opens, or null when the body opens none (it answers one, or is control). */
  public static TrackKind openedBy(InnerMessage.BodyCase body) {
    return switch (body) {
      case ART9_REQUEST -> ART9;
      case ORAL_REQUEST_RECORD -> ORAL_ART9;
      case ART10_REQUEST -> ART10;
      case ART8_ORDER -> ART8;
      case SIMULTANEOUS_NOTIFICATION -> ART7;
      case ART6_CONSULTATION -> ART6;
      case PRESERVATION_REQUEST -> PRESERVATION;
      default -> null;
    };
  }
}
