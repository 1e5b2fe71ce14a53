package org.relay247.gateway.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side sessions, in memory: a restart signs everyone out, which is the safe failure. Ids
 * and CSRF tokens are 256 random bits. Every sign-in creates a new id (no session fixation); a
 * session idle longer than the timeout is gone at its next use.
 */
final class ConsoleSessions {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration idleTimeout;

  ConsoleSessions(Clock clock, Duration idleTimeout) {
    this.clock = clock;
    this.idleTimeout = idleTimeout;
  }

  /** A new session for {@code user}; {@code previous} (the id the browser had) is dropped. */
  ConsoleSession create(ConsoleUser user, String previous) {
    if (previous != null) {
      sessions.remove(previous);
    }
    ConsoleSession s = new ConsoleSession(token(), user, token(), clock.instant());
    sessions.put(s.id(), s);
    return s;
  }

  /** The live session with this id, touched; empty if unknown or idle too long (then removed). */
  Optional<ConsoleSession> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    ConsoleSession s = sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    var now = clock.instant();
    if (s.lastSeen().plus(idleTimeout).isBefore(now)) {
      sessions.remove(id);
      return Optional.empty();
    }
    s.touch(now);
    return Optional.of(s);
  }

  void remove(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** Signs out every session of an account (disabled, password changed). */
  void removeUser(String username) {
    sessions.values().removeIf(s -> s.user().username().equals(username));
  }

  static String token() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
