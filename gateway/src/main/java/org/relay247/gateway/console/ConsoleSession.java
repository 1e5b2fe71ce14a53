package org.relay247.gateway.console;

import java.time.Instant;
import org.relay247.gateway.rules.Text;

/**
 * A signed-in person: who, with which role (from the account, never from a form), their CSRF
 * token, and when they last did something (for the idle timeout).
 */
public final class ConsoleSession {
  private final String id;
  private final ConsoleUser user;
  private final String csrfToken;
  private volatile Instant lastSeen;

  ConsoleSession(String id, ConsoleUser user, String csrfToken, Instant now) {
    this.id = id;
    this.user = user;
    this.csrfToken = csrfToken;
    this.lastSeen = now;
  }

  String id() {
    return id;
  }

  public ConsoleUser user() {
    return user;
  }

  public ConsoleRole role() {
    return user.role();
  }

  public String csrfToken() {
    return csrfToken;
  }

  public String language() {
    return user.language();
  }

  /** The text in this person's language. */
  public String t(String en, String fr) {
    return Text.of(en, fr).in(language());
  }

  public String t(Text text) {
    return text.in(language());
  }

  /** How this person appears in the audit log: their name and account. */
  public String actor() {
    String a = user.displayName() + " (console:" + user.username() + ", " + user.role().code() + ")";
    return a.length() <= org.relay247.gateway.audit.AuditEvent.MAX_ACTOR ? a
        : a.substring(0, org.relay247.gateway.audit.AuditEvent.MAX_ACTOR);
  }

  Instant lastSeen() {
    return lastSeen;
  }

  void touch(Instant now) {
    lastSeen = now;
  }
}
