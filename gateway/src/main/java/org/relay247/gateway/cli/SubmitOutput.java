package org.relay247.gateway.cli;

import java.io.PrintWriter;
import org.relay247.protocol.v1.RuleFinding;
import org.relay247.protocol.v1.RuleSeverity;
import org.relay247.protocol.v1.SubmitDraftResponse;

/**
 * What a submission prints: the new message's id on the first line (scripts read it), then one
 * line per treaty-rule finding the node made on it (warnings, information, and blocking findings
 * a person overrode with {@code --override}), so that they reach the person who sends.
 */
final class SubmitOutput {
  private SubmitOutput() {}

  static void print(PrintWriter out, SubmitDraftResponse sent) {
    out.println(sent.getMessageId());
    for (RuleFinding f : sent.getFindingsList()) {
      out.println(label(f.getSeverity()) + " " + f.getCode() + " (" + org.relay247.gateway.cases.Articles.label(
          f.getArticle()) + "): "
          + f.getExplanationEn() + " Instead: " + f.getAdviceEn());
    }
  }

  private static String label(RuleSeverity s) {
    return switch (s) {
      case RULE_SEVERITY_BLOCK -> "OVERRIDDEN";
      case RULE_SEVERITY_INFO -> "INFO";
      default -> "WARN";
    };
  }
}
