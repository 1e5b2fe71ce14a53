package org.relay247.gateway.console;

import org.relay247.gateway.rules.Text;

/**
 * A request the console refuses, explained in English and French (the field and what was
 * expected, or why the act is not possible now): the officer reads it in their language; the
 * exception's message, for the log, is the English one. 400, or back to the page with the
 * reason; {@link ConsoleServer.Forbidden} (the account's role does not allow it) is 403.
 */
class Refusal extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient Text text;

  Refusal(String en, String fr) {
    super(en);
    this.text = Text.of(en, fr);
  }

  Text text() {
    return text;
  }

  /** What to tell {@code s} about a failed request: the refusal in their language, else the message as it is. */
  static String explain(RuntimeException e, ConsoleSession s) {
    return e instanceof Refusal r && s != null ? s.t(r.text()) : String.valueOf(e.getMessage());
  }
}
