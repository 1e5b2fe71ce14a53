package org.relay247.gateway.expiry;

import java.time.Duration;

/** One item as judged at one instant: time left (negative once run out) and level. */
public record ExpiryStatus(ExpiryItem item, Duration left, ExpiryLevel level) {

  /** "in 59 days", "in 5 hours", "3 days ago". */
  public String leftInWords() {
    Duration abs = left.abs();
    String amount = abs.toDays() >= 2 ? abs.toDays() + " days" : abs.toHours() >= 2 ? abs.toHours() + " hours"
        : abs.toMinutes() + " minutes";
    return left.isNegative() ? amount + " ago" : "in " + amount;
  }
}
