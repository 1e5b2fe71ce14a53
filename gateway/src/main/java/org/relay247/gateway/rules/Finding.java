package org.relay247.gateway.rules;

import java.util.Objects;

/**
 * One result of a treaty rule: how much it weighs, a stable code ({@code DECL_9_1_B}), the article
 * and paragraph behind it ({@code 9.1.b}), what is wrong and what to do instead, in English and
 * French.
 *
 * <p>Explanations and advice name Parties, authorities, articles and field names, never the
 * content of the message (no personal data), so a finding may go into a rejection receipt's
 * detail and into logs.
 */
public record Finding(Severity severity, String code, String article, Text explanation, Text advice) {

  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(article, "article");
    Objects.requireNonNull(explanation, "explanation");
    Objects.requireNonNull(advice, "advice");
  }

  public boolean blocks() {
    return severity == Severity.BLOCK;
  }

  /**
   * One line in English, e.g. for a rejection receipt's detail: {@code "DECL_9_1_B (Art. 9.1.b):
   * Party DE declared ... Use Art. 7 or Art. 8 ..."}.
   */
  public String summary() {
    return code + " (" + (article.startsWith("Conv.") ? article : "Art. " + article) + "): " + explanation.en() + " "
        + advice.en();
  }
}
