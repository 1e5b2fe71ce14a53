package org.relay247.simulator.scenario;

/** The faults a scenario can inject. */
public enum FaultKind {
  LATENCY("latency"),
  BANDWIDTH("bandwidth"),
  STALL("stall"),
  RESET("reset"),
  PARTITION("partition"),
  REVOKED_CERTIFICATE("revoke-certificate"),
  EXPIRED_CERTIFICATE("expire-certificate"),
  CLOCK_SKEW("clock-skew"),
  TAMPERED_ENVELOPE("tamper"),
  REPLAYED_ENVELOPE("replay");

  private final String token;

  FaultKind(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }

  /** Network faults run in the proxy; the others act on the PKI or on the wire once. */
  public boolean network() {
    return this == LATENCY || this == BANDWIDTH || this == STALL || this == RESET || this == PARTITION;
  }

  static FaultKind parse(String token) {
    for (FaultKind k : values()) {
      if (k.token.equals(token)) {
        return k;
      }
    }
    return null;
  }

  static String tokens() {
    return String.join(", ", java.util.Arrays.stream(values()).map(FaultKind::token).toList());
  }
}
