package org.relay247.gateway.audit;

import java.util.Objects;

/**
 * One action to record: who did what, on which case and message. The log adds the time, the
 * sequence number and the hashes ({@link AuditLog#append(AuditEvent)}).
 *
 * <p>Art. 14.8 asks for records of access, use and disclosure, not for the data itself: an event
 * never carries message content, and {@code details} is a short, single-line note (a receipt
 * status, a rejection reason, the recipient of an export), never personal data beyond what the
 * record needs.
 *
 * @param actor who acted: a person's login or name, a role ({@code "duty officer"}), a national
 *     system's TLS identity, or {@link #NODE} for the node's own automatic actions; 1 to 128
 *     characters, no control characters
 * @param action what was done
 * @param caseId the case, or null when the action concerns no case; 1 to 64 characters without
 *     spaces or control characters
 * @param messageId the message, or null when the action concerns no single message; same form as
 *     {@code caseId}
 * @param details a short note, empty if there is nothing to add; at most 1000 characters, no
 *     control characters (so no line breaks)
 */
public record AuditEvent(String actor, AuditAction action, String caseId, String messageId, String details) {
  /** The actor of actions the node takes by itself (receiving, delivering, escalating). */
  public static final String NODE = "node";

  public static final int MAX_ACTOR = 128;

  /** {@code who} cut to {@link #MAX_ACTOR} characters: a long name or certificate subject still records who acted. */
  public static String actor(String who) {
    return who.length() <= MAX_ACTOR ? who : who.substring(0, MAX_ACTOR);
  }
  public static final int MAX_ID = 64;
  public static final int MAX_DETAILS = 1000;

  /**
   * Validates every field.
   *
   * @throws NullPointerException if {@code actor}, {@code action} or {@code details} is null
   * @throws IllegalArgumentException if a field is too long, blank where it must not be, or holds
   *     control characters or unpaired surrogates
   */
  public AuditEvent {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(details, "details");
    text("actor", actor, 1, MAX_ACTOR);
    if (actor.isBlank()) {
      throw new IllegalArgumentException("actor: blank (expected: who acted, or \"node\")");
    }
    if (caseId != null) {
      id("caseId", caseId);
    }
    if (messageId != null) {
      id("messageId", messageId);
    }
    text("details", details, 0, MAX_DETAILS);
  }

  /** An action the node took by itself ({@code actor} is {@link #NODE}). */
  public static AuditEvent byNode(AuditAction action, String caseId, String messageId, String details) {
    return new AuditEvent(NODE, action, caseId, messageId, details);
  }

  private static void id(String field, String value) {
    text(field, value, 1, MAX_ID);
    if (value.codePoints().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(field + ": contains spaces: \"" + value + "\"");
    }
  }

  private static void text(String field, String value, int min, int max) {
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (Character.isISOControl(ch)) {
        throw new IllegalArgumentException(field + ": contains a control character at index " + i);
      }
      if (Character.isHighSurrogate(ch) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(ch)) {
        throw new IllegalArgumentException(field + ": contains an unpaired surrogate at index " + i);
      }
    }
    int length = value.codePointCount(0, value.length());
    if (length < min || length > max) {
      throw new IllegalArgumentException(field + ": " + length + " characters (expected: " + min + " to " + max + ")");
    }
  }
}
