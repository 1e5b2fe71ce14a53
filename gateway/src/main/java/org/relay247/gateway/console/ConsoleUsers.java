package org.relay247.gateway.console;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.store.Database;

/**
 * The console's accounts in the node's database (table console_user, V7): Argon2id hashes,
 * roles, language, disabled flag, the failed-sign-in count behind the lockout, and the
 * fingerprint of a client certificate bound for certificate sign-in (V10). Account
 * changes are written to the audit log in the same transaction, under who made them.
 */
public final class ConsoleUsers {
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
  private static final String COLUMNS = "username, display_name, role, language, disabled, failed_attempts,"
      + " locked_until, created_at";

  private final Database db;
  private final AuditLog audit;
  private final Clock clock;

  public ConsoleUsers(Database db, AuditLog audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  /** The outcome of a sign-in attempt; only {@link #OK} signs in. */
  public enum SignIn { OK, WRONG, LOCKED, DISABLED }

  /**
   * Adds an account.
   *
   * @throws IllegalArgumentException for a bad name, role, language or short password, or a
   *     name already taken
   */
  public ConsoleUser add(String username, String displayName, ConsoleRole role, String language, char[] password,
      String actor) {
    requireUsername(username);
    if (displayName == null || displayName.isBlank() || displayName.length() > 128) {
      throw new IllegalArgumentException("name: \"" + displayName + "\" (expected: the person's name, 1 to 128"
          + " characters; it signs their determinations)");
    }
    String lang = language(language);
    String hash = PasswordHasher.hash(password);
    Instant now = clock.instant();
    if (find(username).isPresent()) {
      throw new IllegalArgumentException("user " + username + ": already exists (expected: a new name; use passwd"
          + " to change a password)");
    }
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO console_user (username, display_name, role,"
          + " language, password_hash, disabled, failed_attempts, locked_until, created_at, updated_at)"
          + " VALUES (?, ?, ?, ?, ?, 0, 0, NULL, ?, ?)")) {
        ps.setString(1, username);
        ps.setString(2, displayName.strip());
        ps.setString(3, role.code());
        ps.setString(4, lang);
        ps.setString(5, hash);
        ps.setLong(6, now.toEpochMilli());
        ps.setLong(7, now.toEpochMilli());
        ps.executeUpdate();
      }
      return audit.append(c, new AuditEvent(actor(actor), AuditAction.ACCOUNT_CHANGED, null, null,
          "console account " + username + " added, role " + role.code()));
    });
    return find(username).orElseThrow();
  }

  /** Sets a new password (and clears a lockout). */
  public void setPassword(String username, char[] password, String actor) {
    String hash = PasswordHasher.hash(password);
    update(username, "password_hash = ?, failed_attempts = 0, locked_until = NULL", actor, "password changed",
        ps -> {
          ps.setString(1, hash);
          return 1;
        });
  }

  /**
   * Binds a client certificate to an account (replacing any bound before), for certificate
   * sign-in. The caller has validated the certificate against the Party's CA.
   *
   * @throws IllegalArgumentException for an unknown account, or a certificate bound to another one
   */
  public void bindCertificate(String username, CertificateFingerprint fingerprint, String actor) {
    requireUnbound(fingerprint, username);
    update(username, "certificate_sha256 = ?", actor, "bound to client certificate SHA-256 " + fingerprint.hex(),
        ps -> {
          ps.setString(1, fingerprint.hex());
          return 1;
        });
  }

  /** @throws IllegalArgumentException if {@code fingerprint} is bound to an account other than {@code username} */
  void requireUnbound(CertificateFingerprint fingerprint, String username) {
    findByCertificate(fingerprint).filter(u -> !u.username().equals(username)).ifPresent(u -> {
      throw new IllegalArgumentException("certificate " + fingerprint.hex() + ": already bound to account "
          + u.username() + " (expected: a certificate of this person only)");
    });
  }

  /** The account a client certificate is bound to, if any (disabled accounts included: the caller refuses them). */
  public Optional<ConsoleUser> findByCertificate(CertificateFingerprint fingerprint) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
          + " FROM console_user WHERE certificate_sha256 = ?")) {
        ps.setString(1, fingerprint.hex());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
      }
    });
  }

  /** Disables an account: it can no longer sign in; its history stays. */
  public void disable(String username, String actor) {
    update(username, "disabled = 1", actor, "disabled", ps -> 0);
  }

  public Optional<ConsoleUser> find(String username) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM console_user WHERE username = ?")) {
        ps.setString(1, username);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
      }
    });
  }

  public List<ConsoleUser> list() {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM console_user ORDER BY username");
           ResultSet rs = ps.executeQuery()) {
        List<ConsoleUser> out = new ArrayList<>();
        while (rs.next()) {
          out.add(read(rs));
        }
        return out;
      }
    });
  }

  /**
   * Checks a password. A wrong one counts a failure; the {@code maxFailures}-th in a row locks the
   * account for {@code lockout}. A locked or disabled account is refused before its password is
   * checked, but the same Argon2id work is done for every attempt (and for unknown names), so the
   * answer time does not tell which case it was.
   */
  public SignIn signIn(String username, char[] password, int maxFailures, Duration lockout) {
    Instant now = clock.instant();
    Optional<ConsoleUser> user = find(username);
    String hash = user.isEmpty() ? PasswordHasher.decoy() : storedHash(username);
    boolean matches = PasswordHasher.verify(password, hash);
    if (user.isEmpty()) {
      return SignIn.WRONG;
    }
    ConsoleUser u = user.get();
    if (u.disabled()) {
      return SignIn.DISABLED;
    }
    if (u.lockedAt(now)) {
      return SignIn.LOCKED;
    }
    if (matches) {
      if (u.failedAttempts() > 0 || u.lockedUntil().isPresent()) {
        db.inTransaction(c -> {
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE console_user SET failed_attempts = 0, locked_until = NULL WHERE username = ?")) {
            ps.setString(1, username);
            return ps.executeUpdate();
          }
        });
      }
      return SignIn.OK;
    }
    int failures = u.failedAttempts() + 1;
    boolean lock = failures >= maxFailures;
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE console_user SET failed_attempts = ?, locked_until = ? WHERE username = ?")) {
        ps.setInt(1, lock ? 0 : failures);
        if (lock) {
          ps.setLong(2, now.plus(lockout).toEpochMilli());
        } else {
          ps.setNull(2, java.sql.Types.BIGINT);
        }
        ps.setString(3, username);
        ps.executeUpdate();
      }
      if (lock) {
        audit.append(c, new AuditEvent(AuditEvent.NODE, AuditAction.ACCOUNT_CHANGED, null, null,
            "console account " + username + " locked until " + now.plus(lockout) + " after " + failures
                + " failed sign-ins"));
      }
      return null;
    });
    return lock ? SignIn.LOCKED : SignIn.WRONG;
  }

  private String storedHash(String username) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM console_user WHERE username = ?")) {
        ps.setString(1, username);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : PasswordHasher.decoy();
        }
      }
    });
  }

  /** Binds the SET clause's parameters and returns how many it bound (the user name comes next). */
  private interface Binder {
    int bind(PreparedStatement ps) throws SQLException;
  }

  private void update(String username, String set, String actor, String what, Binder binder) {
    requireUsername(username);
    long now = clock.millis();
    int changed = db.inTransaction(c -> {
      int n;
      try (PreparedStatement ps = c.prepareStatement("UPDATE console_user SET " + set + ", updated_at = "
          + now + " WHERE username = ?")) {
        ps.setString(binder.bind(ps) + 1, username);
        n = ps.executeUpdate();
      }
      if (n == 1) {
        audit.append(c, new AuditEvent(actor(actor), AuditAction.ACCOUNT_CHANGED, null, null,
            "console account " + username + " " + what));
      }
      return n;
    });
    if (changed == 0) {
      throw new IllegalArgumentException("user " + username + ": no such account (expected: a name from"
          + " relay247 user list)");
    }
  }

  private static ConsoleUser read(ResultSet rs) throws SQLException {
    long locked = rs.getLong(7);
    Optional<Instant> lockedUntil = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(locked));
    return new ConsoleUser(rs.getString(1), rs.getString(2), ConsoleRole.parse(rs.getString(3)), rs.getString(4),
        rs.getInt(5) != 0, rs.getInt(6), lockedUntil, Instant.ofEpochMilli(rs.getLong(8)));
  }

  static void requireUsername(String username) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new IllegalArgumentException("user name: \"" + username + "\" (expected: 2 to 64 of a-z 0-9 . _ -,"
          + " starting with a letter or digit)");
    }
  }

  private static String language(String language) {
    String l = language == null ? "en" : language.strip().toLowerCase(java.util.Locale.ROOT);
    if (!l.equals("en") && !l.equals("fr")) {
      throw new IllegalArgumentException("language: \"" + language + "\" (expected: en or fr)");
    }
    return l;
  }

  private static String actor(String actor) {
    return actor.length() <= AuditEvent.MAX_ACTOR ? actor : actor.substring(0, AuditEvent.MAX_ACTOR);
  }
}
