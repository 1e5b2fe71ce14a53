package org.relay247.gateway.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.Fence;

/**
 * Leases on named work, kept in the Party's database, the one source of truth of a cluster (its
 * membership layer has no consensus of its own: docs/deployment.md, "Cluster").
 *
 * <p>A holder names one run of one member (e.g. {@code "fr-node-2/3f1c..."}): a restarted member is
 * a new holder and takes a new epoch. {@link #acquire} gives a free or expired lease to the caller
 * with the next epoch and renews one the caller holds; {@link #takeOver} takes a lease from a holder
 * the membership layer reports dead, without waiting for the expiry. Every write that belongs to the
 * work runs {@link #checkHeld} in its own transaction: once another member has taken the lease, the
 * old holder's writes are refused ({@link FencedOut}) and rolled back, however late it wakes up.
 * Expiry times come from the caller's clock and only decide when a takeover is allowed; a skewed
 * clock can cause an early takeover (the old holder is then fenced), never a lost or doubled write.
 */
public final class LeaseStore {
  private final Database db;
  private final Clock clock;

  public LeaseStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Takes lease {@code name} for {@code holder} for {@code ttl} if nobody holds it or its holder let
   * it expire (the epoch increases), or renews it if {@code holder} holds it (the epoch stays).
   * Empty when another holder's lease has not expired.
   */
  public Optional<Lease> acquire(String name, String holder, Duration ttl) {
    return change(name, holder, ttl, current -> current.holder().equals(holder) || !current.expiresAt().isAfter(clock.instant()));
  }

  /**
   * Takes lease {@code name} for {@code holder} from {@code deadHolder} (reported dead by the
   * membership layer) before it expires, with the next epoch. Empty when the lease is held by
   * neither of them with an unexpired term (someone else took it first).
   */
  public Optional<Lease> takeOver(String name, String holder, String deadHolder, Duration ttl) {
    return change(name, holder, ttl, current -> current.holder().equals(deadHolder)
        || current.holder().equals(holder) || !current.expiresAt().isAfter(clock.instant()));
  }

  private Optional<Lease> change(String name, String holder, Duration ttl, java.util.function.Predicate<Lease> allowed) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("lease ttl: " + ttl + " (expected: more than zero)");
    }
    Instant now = clock.instant();
    Instant until = now.plus(ttl);
    Lease.requireValid(name, holder);
    return db.inTransaction(c -> {
      Optional<Lease> current = find(c, name, db.forUpdate());
      if (current.isEmpty()) {
        // ON CONFLICT: a member acquiring concurrently on PostgreSQL inserted first; it holds the lease.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO lease (name, holder, epoch, acquired_at, expires_at)"
            + " VALUES (?, ?, 1, ?, ?) ON CONFLICT (name) DO NOTHING")) {
          ps.setString(1, name);
          ps.setString(2, holder);
          ps.setLong(3, now.toEpochMilli());
          ps.setLong(4, until.toEpochMilli());
          return ps.executeUpdate() == 1 ? Optional.of(new Lease(name, holder, 1, until)) : Optional.<Lease>empty();
        }
      }
      Lease held = current.get();
      if (!allowed.test(held)) {
        return Optional.<Lease>empty();
      }
      long epoch = held.holder().equals(holder) ? held.epoch() : held.epoch() + 1;
      try (PreparedStatement ps = c.prepareStatement("UPDATE lease SET holder = ?, epoch = ?, expires_at = ?,"
          + " acquired_at = CASE WHEN epoch = ? THEN acquired_at ELSE ? END WHERE name = ? AND epoch = ?")) {
        ps.setString(1, holder);
        ps.setLong(2, epoch);
        ps.setLong(3, until.toEpochMilli());
        ps.setLong(4, epoch);
        ps.setLong(5, now.toEpochMilli());
        ps.setString(6, name);
        ps.setLong(7, held.epoch());
        return ps.executeUpdate() == 1 ? Optional.of(new Lease(name, holder, epoch, until)) : Optional.<Lease>empty();
      }
    });
  }

  /**
   * Extends a lease the caller holds by {@code ttl} from now. Renewal after the expiry is allowed as
   * long as nobody took the lease over (the epoch is unchanged, so nobody did the work meanwhile).
   *
   * @throws FencedOut when another holder took the lease (or it was released)
   */
  public Lease renew(Lease lease, Duration ttl) {
    Instant until = clock.instant().plus(ttl);
    int n = db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE lease SET expires_at = ? WHERE name = ? AND holder = ? AND epoch = ? AND expires_at > 0")) {
        ps.setLong(1, until.toEpochMilli());
        ps.setString(2, lease.name());
        ps.setString(3, lease.holder());
        ps.setLong(4, lease.epoch());
        return ps.executeUpdate();
      }
    });
    if (n == 0) {
      throw fencedOut(lease, find(lease.name()));
    }
    return new Lease(lease.name(), lease.holder(), lease.epoch(), until);
  }

  /**
   * Inside the transaction of a write that belongs to {@code lease}'s work: refuses the write unless
   * the lease still names this holder and epoch. On PostgreSQL the row is read {@code FOR SHARE}, so
   * a takeover waits for this transaction and the write is either before it or refused.
   *
   * @throws FencedOut when the lease was taken over or released
   */
  public void checkHeld(Connection c, Lease lease) throws SQLException {
    Optional<Lease> current = find(c, lease.name(), db.vendor() == Database.Vendor.POSTGRESQL ? " FOR SHARE" : "");
    if (current.isEmpty() || current.get().epoch() != lease.epoch() || !current.get().holder().equals(lease.holder())
        || current.get().expiresAt().toEpochMilli() == 0) {
      throw fencedOut(lease, current);
    }
  }

  /** The fence of {@code lease}'s work: {@link #checkHeld} inside each of its write transactions. */
  public Fence fence(Lease lease) {
    return c -> checkHeld(c, lease);
  }

  /**
   * Gives the lease up (a member stopping cleanly): another member may take it at once. The row
   * stays, with its epoch, so the epoch is never handed out again. Releasing a lease no longer held
   * does nothing.
   */
  public void release(Lease lease) {
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE lease SET expires_at = 0 WHERE name = ? AND holder = ? AND epoch = ?")) {
        ps.setString(1, lease.name());
        ps.setString(2, lease.holder());
        ps.setLong(3, lease.epoch());
        return ps.executeUpdate();
      }
    });
  }

  /** The lease named {@code name} as stored (released ones have an expiry of the epoch 0). */
  public Optional<Lease> find(String name) {
    return db.read(c -> find(c, name, ""));
  }

  /** Every lease, by name: who owns what, for {@code relay247 node status}. */
  public List<Lease> all() {
    return db.read(c -> {
      List<Lease> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT name, holder, epoch, expires_at FROM lease ORDER BY name");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    });
  }

  private static Optional<Lease> find(Connection c, String name, String lock) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT name, holder, epoch, expires_at FROM lease WHERE name = ?" + lock)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private static Lease read(ResultSet rs) throws SQLException {
    return new Lease(rs.getString(1), rs.getString(2), rs.getLong(3), Instant.ofEpochMilli(rs.getLong(4)));
  }

  private static FencedOut fencedOut(Lease mine, Optional<Lease> current) {
    return new FencedOut("lease " + mine.name() + ": epoch " + mine.epoch() + " of " + mine.holder() + " is over ("
        + current.map(l -> l.expiresAt().toEpochMilli() == 0 && l.epoch() == mine.epoch() ? "released"
            : "now epoch " + l.epoch() + " of " + l.holder()).orElse("no such lease")
        + "): its work was taken over and this write is refused");
  }
}
