package org.relay247.gateway.expiry;

/** How close an item is to running out, against the node's thresholds. */
public enum ExpiryLevel {
  /** More than the warning threshold left. */
  OK,
  /** Within the warning threshold (60 days by default): plan the renewal. */
  WARNING,
  /** Within the critical threshold (7 days by default), or already run out: act now. */
  CRITICAL
}
