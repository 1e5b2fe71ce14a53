package org.relay247.gateway.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.InnerMessage;

/**
 * The treaty rules of docs/treaty-rules.md (declarations, reservations, languages, pair status)
 * and the required fields of Art. 6.3, 7.3-7.4, 8.3, 9.3 and 10.1, as pure functions of
 * (message, sender, recipient, directory, date).
 *
 * <p>Run them when an operator drafts, when the node sends, and when the receiving node opens a
 * message (it answers a {@link #blocks blocking} result with a rejection receipt,
 * REJECTION_REASON_TREATY_RULE, carrying the first blocking finding's article). Findings advise;
 * legal determinations stay human acts (Art. 14.6).
 *
 * <p>Declarations and pair data apply as of the date given: only entries whose [effective_from,
 * effective_to) contains it count. The requested or notified Party's declarations apply (they are
 * not reciprocal, ER §314); the exceptions are the reservations 7.9.a and 8.13, which also bar the
 * reserving Party from issuing such orders (ER §122-123, 147), the federal clause (R-17, the
 * sending federal Party's), the 8.10.a designation (the sender's own) and 14.15 suspensions (both
 * directions).
 */
public final class TreatyRules {
  private static final TreatyRules STANDARD = new TreatyRules(standardRules());

  private final List<Rule> rules;

  /** A rule set; codes must be unique. */
  public TreatyRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    Set<String> codes = new HashSet<>();
    for (Rule r : this.rules) {
      if (!codes.add(r.code())) {
        throw new IllegalArgumentException("duplicate rule code " + r.code());
      }
    }
  }

  /** Every rule, in the order of docs/treaty-rules.md. */
  public static TreatyRules standard() {
    return STANDARD;
  }

  public List<Rule> rules() {
    return rules;
  }

  public Optional<Rule> rule(String code) {
    return rules.stream().filter(r -> r.code().equals(code)).findFirst();
  }

  /**
   * Every finding for a message from {@code sender} to {@code recipient}, judged against
   * {@code directory} as of {@code at}: blocking findings first, then warnings, each in rule order.
   * A Party missing from the directory makes the rules that need it silent; check addresses
   * against the directory before.
   */
  public List<Finding> evaluate(InnerMessage message, Address sender, Address recipient, Directory directory,
      Instant at) {
    return evaluate(RuleContext.of(message, sender, recipient, directory, at));
  }

  /** As above, the suspensions the node recorded from notices counting like the directory's (Art. 14.15). */
  public List<Finding> evaluate(InnerMessage message, Address sender, Address recipient, Directory directory,
      Instant at, List<KnownSuspension> recorded) {
    return evaluate(RuleContext.of(message, sender, recipient, directory, at, recorded));
  }

  public List<Finding> evaluate(RuleContext context) {
    Objects.requireNonNull(context, "context");
    List<Finding> out = new ArrayList<>();
    for (Rule rule : rules) {
      out.addAll(rule.evaluate(context));
    }
    out.sort(Comparator.comparing(Finding::severity));
    return List.copyOf(out);
  }

  /** Whether any finding blocks the message. */
  public static boolean blocks(List<Finding> findings) {
    return findings.stream().anyMatch(Finding::blocks);
  }

  /** The first blocking finding: what a rejection receipt reports (its article and {@link Finding#summary()}). */
  public static Optional<Finding> firstBlock(List<Finding> findings) {
    return findings.stream().filter(Finding::blocks).findFirst();
  }

  private static List<Rule> standardRules() {
    List<Rule> all = new ArrayList<>(List.of(
        // The pair of Parties.
        new PairRules.InForce(),
        new PairRules.Denounced(),
        new PairRules.Suspension(),
        new PairRules.SuspensionAnswer(),
        new PairRules.DataProtection(),
        // Across forms of cooperation.
        new PartyRules.Language(),
        new PartyRules.LanguageTranslation(),
        new PartyRules.LanguageUnstated(),
        new PartyRules.FederalClause(),
        new PartyRules.Territory(),
        // Art. 6.
        new DesignationRules.Art6Authority(),
        // Art. 7.
        new Art7Rules.Scope(),
        new Art7Rules.NotApplied(),
        new Art7Rules.AccessNumbers(),
        new Art7Rules.AccessNumbersIp(),
        new Art7Rules.Supervision(),
        new Art7Rules.NotificationContent(),
        new Art7Rules.NotificationRecipient(),
        // Art. 8.
        new Art8Rules.Scope(),
        new Art8Rules.TrafficReservation(),
        new Art8Rules.Art7First(),
        new Art8Rules.ExtraInformationRule(),
        new Art8Rules.Submitting(),
        new Art8Rules.Receiving(),
        new Art8Rules.CentralAuthorityOnly(),
        // Art. 9.
        new Art9Rules.Emergency(),
        new Art9Rules.SubscriberOnly(),
        new Art9Rules.StoredData(),
        new Art9Rules.FollowUp(),
        // Art. 10.
        new Art10Rules.Emergency(),
        new Art10Rules.Reachable(),
        new Art10Rules.RouteRecipient(),
        new Art10Rules.UndeclaredRoute(),
        new Art10Rules.CentralAuthorityCopy(),
        new Art10Rules.Treaty(),
        // Preservation (Convention Art. 29).
        new PreservationRules.MinimumPeriod(),
        // Art. 12 and Art. 14 control messages.
        new DesignationRules.JointInvestigationTeam(),
        new DesignationRules.IncidentRecipient(),
        new DesignationRules.OnwardTransferRecipient()));
    all.addAll(RequiredFields.all());
    return all;
  }
}
