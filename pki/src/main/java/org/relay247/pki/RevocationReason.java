package org.relay247.pki;

import java.util.Locale;

/** RFC 5280 CRL reason codes an operator may give; the ordinal-independent code is written. */
public enum RevocationReason {
  UNSPECIFIED(0),
  KEY_COMPROMISE(1),
  CA_COMPROMISE(2),
  AFFILIATION_CHANGED(3),
  SUPERSEDED(4),
  CESSATION_OF_OPERATION(5),
  PRIVILEGE_WITHDRAWN(9);

  private final int code;

  RevocationReason(int code) {
    this.code = code;
  }

  /** The RFC 5280 {@code CRLReason} value. */
  public int code() {
    return code;
  }

  /** Parses {@code key-compromise}, {@code KEY_COMPROMISE} or {@code keyCompromise}. */
  public static RevocationReason parse(String text) {
    String norm = text.trim().replace('-', '_').replaceAll("([a-z])([A-Z])", "$1_$2")
        .toUpperCase(Locale.ROOT);
    for (RevocationReason r : values()) {
      if (r.name().equals(norm)) {
        return r;
      }
    }
    throw new IllegalArgumentException("reason: \"" + text + "\" (expected one of: "
        + "unspecified, key-compromise, ca-compromise, affiliation-changed, superseded, "
        + "cessation-of-operation, privilege-withdrawn)");
  }
}
