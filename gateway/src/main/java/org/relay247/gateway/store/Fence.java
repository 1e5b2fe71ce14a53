package org.relay247.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The check that guards a write done as work of a cluster lease (delivery to a Party, the
 * retention review): {@link #check} runs first inside the transaction of the write it guards and
 * throws when this member no longer holds the lease (taken over or released), so the whole write
 * rolls back and the member stops that work. {@link #NONE} checks nothing: a single node, or work
 * no lease guards.
 */
@FunctionalInterface
public interface Fence {
  /** Checks nothing; never refuses a write. */
  Fence NONE = new Fence() {
    @Override
    public void check(Connection c) {
      // Nothing to check: no lease guards this write.
    }

    @Override
    public boolean canRefuse() {
      return false;
    }

    @Override
    public String toString() {
      return "Fence.NONE";
    }
  };

  /**
   * Inside the transaction of the guarded write, before it: returns when this member still holds
   * the lease, throws (an unchecked exception naming the lease) when it does not.
   */
  void check(Connection c) throws SQLException;

  /** Whether {@link #check} may refuse a write: false only for {@link #NONE}. */
  default boolean canRefuse() {
    return true;
  }
}
