package org.relay247.gateway.delivery;

import java.util.List;
import java.util.stream.Collectors;
import org.relay247.gateway.rules.Finding;
import org.relay247.gateway.rules.Severity;

/**
 * A draft was not sent because a treaty rule blocks it. The message lists the blocking findings
 * (code, article, what to do instead); {@link #findings()} has them all, warnings included.
 */
public final class TreatyRuleViolation extends IllegalArgumentException {
  private final transient List<Finding> findings;

  public TreatyRuleViolation(List<Finding> findings) {
    super(findings.stream().filter(f -> f.severity() == Severity.BLOCK).map(Finding::summary)
        .collect(Collectors.joining(" | ")));
    this.findings = List.copyOf(findings);
  }

  /** As above, with a sentence saying why an override did not apply, after the findings. */
  public TreatyRuleViolation(List<Finding> findings, String why) {
    super(findings.stream().filter(f -> f.severity() == Severity.BLOCK).map(Finding::summary)
        .collect(Collectors.joining(" | ")) + " | " + why);
    this.findings = List.copyOf(findings);
  }

  public List<Finding> findings() {
    return findings;
  }
}
