package org.relay247.gateway.console;

import java.util.Locale;

/**
 * What a console account may do, enforced on the server for every request (docs/console.md):
 * an operator reads, sends, answers and acknowledges; a supervisor does that and the legal acts
 * (determinations, conditions, refusals); an auditor only reads, and reads the audit log.
 */
public enum ConsoleRole {
  OPERATOR, SUPERVISOR, AUDITOR;

  /** Whether this role may send, answer, acknowledge and upload results. */
  public boolean mayAct() {
    return this != AUDITOR;
  }

  /** Whether this role may record determinations (Art. 9.6, 10.7, 8.8) and conditions. */
  public boolean mayDetermine() {
    return this == SUPERVISOR;
  }

  /** The role as stored and as typed on the command line: operator, supervisor, auditor. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ConsoleRole parse(String s) {
    for (ConsoleRole r : values()) {
      if (r.code().equals(s.strip().toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw new IllegalArgumentException("role: \"" + s + "\" (expected: operator, supervisor or auditor)");
  }
}
