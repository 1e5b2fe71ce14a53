package org.relay247.gateway.rules;

import java.util.List;

/**
 * Writes docs/treaty-rules.md from a rule set: a short introduction and one table row per rule
 * (code, article, condition, severity, advice). The file is generated, never edited by hand;
 * TreatyRulesDocumentationTest fails when it differs from what this class produces.
 */
public final class TreatyRulesDocumentation {
  private TreatyRulesDocumentation() {}

  private static final List<String> INTRO = List.of(
      "# Treaty rules",
      "",
      "<!-- Generated from org.relay247.gateway.rules.TreatyRules by TreatyRulesDocumentation. Do not edit:",
      "     change the rules, then run",
      "     ./mvnw -pl gateway test -Dtest=TreatyRulesDocumentationTest -Drelay247.writeDocs=true",
      "     TreatyRulesDocumentationTest fails whenever this file and the code differ. -->",
      "",
      "Relay247 checks every message against the treaty before it leaves and when it arrives: the",
      "declarations, reservations and notifications the Parties made under the Second Additional",
      "Protocol (CETS 224, Art. 19) as the network directory records them, the languages each Party",
      "accepts (Art. 4), whether the Protocol is in force between the two Parties (Art. 16, 24),",
      "suspensions of transfers (Art. 14.15), the reachability of central authorities (Art. 10.5), the",
      "federal clause (Art. 17), and the fields Art. 6.3, 7.3-7.4, 8.3, 9.3 and 10.1 require.",
      "",
      "Each rule is a pure function of the message, its sender, its recipient, the network directory and",
      "a date; it returns findings. A finding has a severity, a stable code, the article and paragraph, a",
      "plain explanation in English and French naming the Party and the article, and what to do instead.",
      "Findings name Parties, authorities, articles and field names, never the content of the message.",
      "",
      "- **BLOCK**: the message does not go as it stands (the receiver rejects it with",
      "  `REJECTION_REASON_TREATY_RULE` and the article).",
      "- **WARN**: something to check or to do; the message may go.",
      "- **INFO**: something worth knowing (an obligation the message opens); the message goes.",
      "",
      "**Findings reach people.** `relay247 send` and the `relay247 case` actions print every finding",
      "after the message id (the national API returns them in `SubmitDraftResponse.findings`). Both",
      "nodes record the findings of their own rules on the case as flags under the rule's code: the",
      "sender's at submit, the receiver's on arrival (`relay247 case show`).",
      "",
      "**Overrides.** A BLOCK is final, except for the rules whose finding rests on a fact or a",
      "judgement the directory cannot settle: " + String.join(", ", new java.util.TreeSet<>(Overrides.OVERRIDABLE))
          + " (a language the requested",
      "Party accepted case by case, a central authority reached by phone, an access-number type read",
      "from free text). For those, `relay247 send --override REASON` (national API",
      "`SubmitDraftRequest.override_reason`) sends the message anyway: the audit log records",
      "`RULE_OVERRIDDEN` with the codes and the reason, the message carries the overrides",
      "(`InnerMessage.rule_overrides`), and the receiving node does not reject it for those rules but",
      "flags the case. Any other blocking finding refuses the override; security checks (certificates,",
      "signatures, TLS peer) are not rules and are never overridden.",
      "",
      "**Findings advise; people decide.** No decision with legal effect is taken by the rules (Art. 14.6):",
      "whether there is an emergency, whether to refuse, postpone or impose conditions are determinations",
      "a named person makes. An operator who disagrees with a finding corrects the message or settles the",
      "matter with the other Party by consultation.",
      "",
      "**Dates.** Declarations, reservations, designations, authorities, accepted languages, suspensions",
      "and pair data count only on [effective_from, effective_to) at the date checked (`relay247 check",
      "--at`, or the message's creation). Both nodes judge a message by the directory in force when it",
      "was created (`routing.created_at`): the sender at submit, the receiver on arrival, never earlier than",
      "24 hours (the in-flight grace, `JudgedAt.IN_FLIGHT_GRACE`) before it arrived and never after; so a",
      "directory that changes keeps ended entries with their `effective_to`. Declarations are not",
      "reciprocal (ER §314): the requested or notified Party's apply. The exceptions: the reservations",
      "7.9.a and 8.13 also bar the reserving Party from issuing such orders (ER §122-123, 147); the federal",
      "clause is the sending Party's; the 8.10.a designation is the sender's own.",
      "",
      "**Suspensions (Art. 14.15)** have one meaning: the suspending Party suspends the transfer of personal",
      "data to the other. The directory's `PartyPair.suspensions` and those a node recorded from",
      "SuspensionNotice messages count alike: SUSP_14_15 blocks what the suspending Party sends, and",
      "SUSP_14_15_ANSWER warns the other Party's requests (docs/data-protection.md).",
      "",
      "**Not checked.** Items that depend on facts the message cannot show: 8.3.a.v and 7.3.e (the",
      "requesting authority, if not the issuing one), the circumstances of a 7.5.a declaration made",
      "\"in set circumstances\", and suspensions limited to some forms of cooperation for evidence and",
      "answers (the case knows their form, the body does not). Art. 9.3.g and 9.3.h are optional content:",
      "their rules only warn.",
      "",
      "Try a message without sending it:",
      "",
      "    relay247 check --network DIR --from FR/poc --to DE/poc --type art9 --body request.json",
      "",
      "It prints the findings and exits 0 when nothing blocks, 1 when something does.",
      "",
      "## Rules",
      "");

  /** The whole of docs/treaty-rules.md for this rule set. */
  public static String markdown(TreatyRules rules) {
    StringBuilder out = new StringBuilder();
    for (String line : INTRO) {
      out.append(line).append('\n');
    }
    out.append("| Code | Article | Condition | Severity | Advice |\n");
    out.append("|---|---|---|---|---|\n");
    for (Rule r : rules.rules()) {
      out.append("| `").append(r.code()).append("` | ").append(cell(r.article())).append(" | ")
          .append(cell(r.condition())).append(" | ").append(r.severity()).append(" | ")
          .append(cell(r.advice())).append(" |\n");
    }
    out.append('\n').append(rules.rules().size()).append(" rules.\n");
    return out.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
