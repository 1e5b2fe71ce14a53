package org.relay247.gateway.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.DataProtectionRegime;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.PairSuspension;
import org.relay247.protocol.v1.Party;
import org.relay247.protocol.v1.PartyPair;
import org.relay247.protocol.v1.PartyStatus;

/**
 * Rules on the pair of Parties: is the Protocol in force between them (P-16/24), are transfers
 * suspended (P-14.15), is a data-protection regime recorded (P-14.1).
 */
final class PairRules {
  private PairRules() {}

  /** Where the Protocol stands between two Parties at the date. */
  record Standing(Kind kind, Text detail) {
    enum Kind { IN_FORCE, NOT_YET, DENOUNCED }
  }

  static Standing standing(DirectoryAsOf d, String a, String b) {
    Instant at = d.at();
    for (String code : List.of(a, b)) {
      Optional<PartyStatus> status = d.party(code).filter(Party::hasStatus).map(Party::getStatus);
      if (status.isPresent() && status.get().hasProtocolDenouncedFrom()
          && !at.isBefore(DirectoryAsOf.instant(status.get().getProtocolDenouncedFrom()))) {
        String since = Words.date(status.get().getProtocolDenouncedFrom());
        return new Standing(Standing.Kind.DENOUNCED, Text.of(
            "Party " + code + " denounced the Protocol with effect from " + since + " (Art. 24)",
            "la Partie " + code + " a dénoncé le Protocole avec effet au " + since + " (art. 24)"));
      }
    }
    Optional<PartyPair> pair = d.pair(a, b);
    if (pair.isPresent()) {
      PartyPair p = pair.get();
      if (p.hasProtocolInForceTo() && !at.isBefore(DirectoryAsOf.instant(p.getProtocolInForceTo()))) {
        String since = Words.date(p.getProtocolInForceTo());
        return new Standing(Standing.Kind.DENOUNCED, Text.of(
            "the Protocol ceased to be in force between " + a + " and " + b + " on " + since + " (Art. 24)",
            "le Protocole a cessé d'être en vigueur entre " + a + " et " + b + " le " + since + " (art. 24)"));
      }
      if (!p.hasProtocolInForceFrom()) {
        return new Standing(Standing.Kind.NOT_YET, Text.of(
            "the directory records no date from which the Protocol is in force between " + a + " and " + b,
            "l'annuaire n'indique aucune date d'entrée en vigueur du Protocole entre " + a + " et " + b));
      }
      if (at.isBefore(DirectoryAsOf.instant(p.getProtocolInForceFrom()))) {
        String from = Words.date(p.getProtocolInForceFrom());
        return new Standing(Standing.Kind.NOT_YET, Text.of(
            "the Protocol enters into force between " + a + " and " + b + " only on " + from,
            "le Protocole n'entre en vigueur entre " + a + " et " + b + " que le " + from));
      }
      return new Standing(Standing.Kind.IN_FORCE, Text.of("", ""));
    }
    // No pair entry: the later of the two Parties' own in-force dates.
    Instant later = null;
    for (String code : List.of(a, b)) {
      Optional<PartyStatus> status = d.party(code).filter(Party::hasStatus).map(Party::getStatus);
      if (status.isEmpty() || !status.get().hasProtocolInForceFrom()) {
        return new Standing(Standing.Kind.NOT_YET, Text.of(
            "the Protocol is not in force for Party " + code,
            "le Protocole n'est pas en vigueur pour la Partie " + code));
      }
      Instant from = DirectoryAsOf.instant(status.get().getProtocolInForceFrom());
      later = later == null || from.isAfter(later) ? from : later;
    }
    if (at.isBefore(later)) {
      return new Standing(Standing.Kind.NOT_YET, Text.of(
          "the Protocol enters into force between " + a + " and " + b + " only on " + Words.date(later),
          "le Protocole n'entre en vigueur entre " + a + " et " + b + " que le " + Words.date(later)));
    }
    return new Standing(Standing.Kind.IN_FORCE, Text.of("", ""));
  }

  private static final Text CONVENTION_ROUTES = Text.of(
      "Use the Convention's channels instead: expedited preservation (Conv. Art. 29) through the 24/7 network,"
          + " then mutual assistance, urgent if need be (Conv. Art. 25.3).",
      "Utilisez plutôt les voies de la Convention : conservation rapide (art. 29 de la Convention) par le réseau"
          + " 24/7, puis entraide, urgente au besoin (art. 25.3 de la Convention).");

  /** P-16: Protocol requests only where the Protocol is in force between the two Parties. */
  static final class InForce extends BaseRule {
    InForce() {
      super("INFORCE_16", "16", Severity.BLOCK,
          "A Protocol request or notification (Art. 6 to 10) between two Parties for which the Protocol is not"
              + " yet in force at the date (pair entry, else the later of the two Parties' dates)",
          "Use the Convention's channels: preservation (Conv. Art. 29), mutual assistance (Conv. Art. 25.3)");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      if (!Bodies.isProtocolRequest(c.message())) {
        return List.of();
      }
      Standing s = standing(c.directory(), c.senderParty(), c.recipientParty());
      if (s.kind() != Standing.Kind.NOT_YET) {
        return List.of();
      }
      return one(Text.of(
              "Protocol messages need the Protocol in force between the two Parties (Art. 16), and "
                  + s.detail().en() + ".",
              "Les messages du Protocole supposent qu'il soit en vigueur entre les deux Parties (art. 16), et "
                  + s.detail().fr() + "."),
          CONVENTION_ROUTES);
    }
  }

  /** P-24: no Protocol requests after a denunciation takes effect. */
  static final class Denounced extends BaseRule {
    Denounced() {
      super("DENOUNCED_24", "24", Severity.BLOCK,
          "A Protocol request or notification (Art. 6 to 10) after either Party's denunciation, or the pair's"
              + " end date, took effect",
          "Use the Convention's channels: preservation (Conv. Art. 29), mutual assistance (Conv. Art. 25.3)");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      if (!Bodies.isProtocolRequest(c.message())) {
        return List.of();
      }
      Standing s = standing(c.directory(), c.senderParty(), c.recipientParty());
      if (s.kind() != Standing.Kind.DENOUNCED) {
        return List.of();
      }
      return one(Text.of("The Protocol no longer applies: " + s.detail().en() + ".",
          "Le Protocole ne s'applique plus : " + s.detail().fr() + "."), CONVENTION_ROUTES);
    }
  }

  static Text scope(PairSuspension s) {
    if (s.getScopeList().isEmpty()) {
      return Text.of("all transfers of personal data", "tous les transferts de données à caractère personnel");
    }
    List<String> en = new ArrayList<>();
    List<String> fr = new ArrayList<>();
    for (CooperationType t : s.getScopeList()) {
      en.add(Bodies.name(t).en());
      fr.add(Bodies.name(t).fr());
    }
    return Text.of("transfers under " + Words.either(en, "and"),
        "les transferts au titre " + Words.of(Words.either(fr, "et")));
  }

  static Text kind(PairSuspension s) {
    return switch (s.getKind()) {
      case SUSPENSION_KIND_PROVISIONAL -> Text.of("a provisional suspension", "une suspension provisoire");
      case SUSPENSION_KIND_COUNTER -> Text.of("a counter-suspension", "une contre-suspension");
      default -> Text.of("a suspension", "une suspension");
    };
  }

  /** Whether a suspension covers this message: no scope covers all; a scope needs the body's type in it. */
  static boolean covers(PairSuspension s, InnerMessage m) {
    if (s.getScopeList().isEmpty()) {
      return true;
    }
    return Bodies.cooperationType(m).map(s.getScopeList()::contains).orElse(false);
  }

  /** P-14.15: the sender's Party suspended transfers of personal data to the recipient's Party. */
  static final class Suspension extends BaseRule {
    Suspension() {
      super("SUSP_14_15", "14.15", Severity.BLOCK,
          "A message carrying personal data (anything but Art. 14 control messages, consultations,"
              + " determinations, receipts and pings) while the sender's Party suspends transfers to the"
              + " recipient's Party, for all transfers or for this form of cooperation (evidence and answers,"
              + " whose form the body does not tell, only under a suspension of all transfers)",
          "Send no personal data while the suspension lasts; control messages and consultations may go");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      if (!Bodies.carriesPersonalData(c.message())) {
        return List.of();
      }
      List<Finding> out = new ArrayList<>();
      for (PairSuspension s : c.directory().suspensionsBy(c.senderParty(), c.recipientParty())) {
        if (!covers(s, c.message())) {
          continue;
        }
        String since = Words.date(s.getEffectiveFrom()) + (s.getNoticeMessageId().isEmpty() ? ""
            : ", notice " + s.getNoticeMessageId());
        out.add(finding(Text.of(
                "Party " + c.senderParty() + " has suspended " + scope(s).en() + " to " + c.recipientParty()
                    + " under Art. 14.15 (" + kind(s).en() + " since " + since + ").",
                "La Partie " + c.senderParty() + " a suspendu " + scope(s).fr() + " vers " + c.recipientParty()
                    + " en vertu de l'art. 14.15 (" + kind(s).fr() + " depuis le " + since + ")."),
            Text.of("Do not send personal data to " + c.recipientParty() + " while the suspension lasts; only"
                    + " Art. 14 control messages and consultations may go. Ask your authority in charge of the"
                    + " suspension whether it is to be lifted.",
                "N'envoyez pas de données à caractère personnel à " + c.recipientParty() + " tant que dure la"
                    + " suspension ; seuls les messages de contrôle de l'art. 14 et les consultations peuvent"
                    + " partir. Demandez à l'autorité chargée de la suspension si elle doit être levée.")));
        break;
      }
      return out;
    }
  }

  /** P-14.15: the recipient's Party suspended transfers to the sender's Party: no data will come back. */
  static final class SuspensionAnswer extends BaseRule {
    SuspensionAnswer() {
      super("SUSP_14_15_ANSWER", "14.15", Severity.WARN,
          "A request (Protocol request or preservation) to a Party that suspends transfers of personal data"
              + " to the sender's Party, for all transfers or for this form of cooperation",
          "Expect no data in return while the suspension lasts; consult, or use a form of cooperation it"
              + " does not cover");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      InnerMessage m = c.message();
      if (!Bodies.isProtocolRequest(m) && m.getBodyCase() != InnerMessage.BodyCase.PRESERVATION_REQUEST) {
        return List.of();
      }
      for (PairSuspension s : c.directory().suspensionsBy(c.recipientParty(), c.senderParty())) {
        if (!covers(s, m)) {
          continue;
        }
        String since = Words.date(s.getEffectiveFrom());
        return one(Text.of(
                "Party " + c.recipientParty() + " has suspended " + scope(s).en() + " to " + c.senderParty()
                    + " under Art. 14.15 (" + kind(s).en() + " since " + since + "): it will not send personal"
                    + " data in answer while the suspension lasts.",
                "La Partie " + c.recipientParty() + " a suspendu " + scope(s).fr() + " vers " + c.senderParty()
                    + " en vertu de l'art. 14.15 (" + kind(s).fr() + " depuis le " + since + ") : elle"
                    + " n'enverra pas de données à caractère personnel en réponse tant que dure la suspension."),
            Text.of("Consult " + c.recipientParty() + " (Art. 14.15 consultation) or use a form of cooperation"
                    + " the suspension does not cover.",
                "Consultez " + c.recipientParty() + " (consultation prévue à l'art. 14.15) ou utilisez une forme"
                    + " de coopération que la suspension ne couvre pas."));
      }
      return List.of();
    }
  }

  /** P-14.1: a data-protection regime is recorded for the pair. */
  static final class DataProtection extends BaseRule {
    DataProtection() {
      super("PAIR_14_1", "14.1", Severity.WARN,
          "A message carrying personal data between two Parties bound by the Protocol whose pair entry records"
              + " no data-protection regime (Art. 14 itself, 14.1.b agreement or 14.1.c arrangement)",
          "Check which safeguards apply before transferring; have the directory completed");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      if (!Bodies.carriesPersonalData(c.message())) {
        return List.of();
      }
      if (standing(c.directory(), c.senderParty(), c.recipientParty()).kind() != Standing.Kind.IN_FORCE) {
        return List.of();
      }
      DataProtectionRegime regime = c.directory().pair(c.senderParty(), c.recipientParty())
          .map(PartyPair::getDataProtectionRegime).orElse(DataProtectionRegime.DATA_PROTECTION_REGIME_UNSPECIFIED);
      if (regime != DataProtectionRegime.DATA_PROTECTION_REGIME_UNSPECIFIED
          && regime != DataProtectionRegime.UNRECOGNIZED) {
        return List.of();
      }
      String pair = c.senderParty() + "-" + c.recipientParty();
      return one(Text.of(
              "The directory records no data-protection regime for " + pair + " (Art. 14.1: Art. 14 itself, an"
                  + " agreement under 14.1.b or an arrangement under 14.1.c).",
              "L'annuaire n'indique aucun régime de protection des données pour " + pair + " (art. 14.1 : l'art. 14"
                  + " lui-même, un accord au titre du 14.1.b ou un arrangement au titre du 14.1.c)."),
          Text.of("Check with your data-protection officer which safeguards apply before transferring personal"
                  + " data, and ask the directory's issuer to record the regime.",
              "Vérifiez auprès de votre délégué à la protection des données quelles garanties s'appliquent avant"
                  + " tout transfert, et demandez à l'émetteur de l'annuaire d'y inscrire le régime."));
    }
  }
}
