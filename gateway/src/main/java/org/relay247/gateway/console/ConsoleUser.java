package org.relay247.gateway.console;

import java.time.Instant;
import java.util.Optional;

/** A console account as stored (never with its password; the hash stays in {@link ConsoleUsers}). */
public record ConsoleUser(String username, String displayName, ConsoleRole role, String language, boolean disabled,
    int failedAttempts, Optional<Instant> lockedUntil, Instant createdAt) {

  /** Whether the account is locked at {@code now} after too many failed sign-ins. */
  public boolean lockedAt(Instant now) {
    return lockedUntil.map(now::isBefore).orElse(false);
  }
}
