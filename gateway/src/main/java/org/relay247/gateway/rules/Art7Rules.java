package org.relay247.gateway.rules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.relay247.protocol.v1.Art7Order;
import org.relay247.protocol.v1.AuthorityKind;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.NotificationRequirement;
import org.relay247.protocol.v1.ServiceProvider;
import org.relay247.protocol.v1.SimultaneousNotification;

/**
 * Art. 7 (direct disclosure of subscriber information): the gateway carries the Art. 7.5
 * simultaneous notification, which holds the order and its supplementary information, so the
 * Art. 7 declarations and reservations are checked on it.
 */
final class Art7Rules {
  private Art7Rules() {}

  private static final Text ART8_INSTEAD = Text.of(
      "Use Art. 8 (giving effect to the order through the requested Party's designated authority) or mutual"
          + " assistance instead.",
      "Utilisez plutôt l'art. 8 (exécution de l'injonction par l'autorité désignée de la Partie requise) ou"
          + " l'entraide.");

  /** The Parties where the order's providers are: their codes when in the directory, and the recipient's. */
  static Set<String> providerParties(RuleContext c, SimultaneousNotification n) {
    Set<String> out = new LinkedHashSet<>();
    out.add(c.recipientParty());
    for (ServiceProvider p : n.getOrder().getProvidersList()) {
      if (!Bodies.blank(p.getParty()) && c.directory().party(p.getParty()).isPresent()) {
        out.add(p.getParty());
      }
    }
    return out;
  }

  /** R-7.9.a: Art. 7 not applied by the provider's Party, nor usable by a Party that reserved it (ER §122-123). */
  static final class NotApplied extends BaseRule {
    NotApplied() {
      super("RES_7_9_A", "7.9.a", Severity.BLOCK,
          "An Art. 7 notification where the provider's Party (the recipient's, or a provider's) or the issuing"
              + " Party itself (ER §122-123) has a 7.9.a reservation in effect",
          "Use Art. 8 or mutual assistance instead");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      Optional<SimultaneousNotification> n = Bodies.art7(c.message());
      if (n.isEmpty()) {
        return List.of();
      }
      for (String party : providerParties(c, n.get())) {
        if (c.directory().hasDeclaration(party, DeclarationKind.DECLARATION_KIND_R_7_9_A)) {
          return one(Text.of(
                  "Party " + party + " reserved the right under Art. 7.9.a not to apply Art. 7: orders may not be"
                      + " sent directly to providers in its territory.",
                  "La Partie " + party + " s'est réservé le droit, en vertu de l'art. 7.9.a, de ne pas appliquer"
                      + " l'art. 7 : aucune injonction ne peut être adressée directement aux fournisseurs situés sur"
                      + " son territoire."),
              ART8_INSTEAD);
        }
      }
      String from = c.senderParty();
      if (c.directory().hasDeclaration(from, DeclarationKind.DECLARATION_KIND_R_7_9_A)) {
        return one(Text.of(
                "Party " + from + " (the issuing Party) reserved the right under Art. 7.9.a not to apply Art. 7, so"
                    + " it cannot issue Art. 7 orders itself (ER §122-123).",
                "La Partie " + from + " (Partie émettrice) s'est réservé le droit, en vertu de l'art. 7.9.a, de ne"
                    + " pas appliquer l'art. 7 ; elle ne peut donc pas émettre elle-même d'injonctions au titre de"
                    + " l'art. 7 (RE §122-123)."),
            ART8_INSTEAD);
      }
      return List.of();
    }
  }

  static List<String> excludedTypes(RuleContext c) {
    List<String> out = new ArrayList<>();
    for (Declaration d : c.directory().declarations(c.recipientParty(), DeclarationKind.DECLARATION_KIND_R_7_9_B)) {
      out.addAll(d.getAccessNumberExclusion().getTypesList());
    }
    return out;
  }

  static Optional<String> namedType(RuleContext c, Art7Order order) {
    String text = Words.lower(order.getSubscriberInformation().getDescription());
    for (String type : excludedTypes(c)) {
      if (!Bodies.blank(type) && text.contains(Words.lower(type.trim()))) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** R-7.9.b: access-number types excluded from Art. 7, named in the order's description. */
  static final class AccessNumbers extends BaseRule {
    AccessNumbers() {
      super("RES_7_9_B", "7.9.b", Severity.BLOCK,
          "An Art. 7 notification whose subscriber_information.description names an access-number type the"
              + " provider's Party excluded under Art. 7.9.b",
          "Seek those access numbers through Art. 8 or mutual assistance");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      Optional<SimultaneousNotification> n = Bodies.art7(c.message());
      if (n.isEmpty()) {
        return List.of();
      }
      Optional<String> type = namedType(c, n.get().getOrder());
      if (type.isEmpty()) {
        return List.of();
      }
      String party = c.recipientParty();
      return one(Text.of(
              "Party " + party + " made a reservation under Art. 7.9.b: Art. 7 does not apply to " + type.get()
                  + "; this order's description names them.",
              "La Partie " + party + " a formulé une réserve en vertu de l'art. 7.9.b : l'art. 7 ne s'applique pas"
                  + " aux « " + type.get() + " » ; la description de cette injonction les mentionne."),
          Text.of("Seek these access numbers through Art. 8 or mutual assistance.",
              "Recherchez ces numéros d'accès par l'art. 8 ou l'entraide."));
    }
  }

  private static final Pattern IPV4 = Pattern.compile("\\b(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\b");
  /** At least three colons: times (10:00:00) have two. */
  private static final Pattern IPV6 =
      Pattern.compile("(?i)(^|[^0-9a-z:])[0-9a-f]{0,4}(:[0-9a-f]{0,4}){3,7}($|[^0-9a-z:])");

  static boolean looksLikeIpAddress(String identifier) {
    return !identifier.contains("@") && (IPV4.matcher(identifier).find() || IPV6.matcher(identifier).find());
  }

  /** R-7.9.b heuristic: an IP-related type is excluded and an identifier is an IP address. */
  static final class AccessNumbersIp extends BaseRule {
    AccessNumbersIp() {
      super("RES_7_9_B_IP", "7.9.b", Severity.WARN,
          "An Art. 7 notification with an identifier that is an IP address while the provider's Party excluded"
              + " an IP-related access-number type under Art. 7.9.b (and the description names no excluded type)",
          "If the order seeks who used that IP address, use Art. 8 or mutual assistance");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      Optional<SimultaneousNotification> n = Bodies.art7(c.message());
      if (n.isEmpty() || namedType(c, n.get().getOrder()).isPresent()) {
        return List.of();
      }
      List<String> ipTypes = excludedTypes(c).stream().filter(t -> Pattern.compile("(?i)\\bIP\\b").matcher(t).find())
          .toList();
      List<String> ids = n.get().getOrder().getSubscriberInformation().getIdentifiersList();
      int index = -1;
      for (int i = 0; i < ids.size(); i++) {
        if (looksLikeIpAddress(ids.get(i))) {
          index = i;
          break;
        }
      }
      if (ipTypes.isEmpty() || index < 0) {
        return List.of();
      }
      String party = c.recipientParty();
      return one(Text.of(
              "Party " + party + " made a reservation under Art. 7.9.b: Art. 7 does not apply to "
                  + Words.either(ipTypes, "or") + "; identifier " + (index + 1) + " of this order is an IP address.",
              "La Partie " + party + " a formulé une réserve en vertu de l'art. 7.9.b : l'art. 7 ne s'applique pas"
                  + " aux « " + Words.either(ipTypes, "ou") + " » ; l'identifiant " + (index + 1)
                  + " de cette injonction est une adresse IP."),
          Text.of("If the order seeks who used that IP address, use Art. 8 or mutual assistance instead.",
              "Si l'injonction vise l'utilisateur de cette adresse IP, utilisez plutôt l'art. 8 ou l'entraide."));
    }
  }

  private static final Set<AuthorityKind> SUPERVISING = EnumSet.of(AuthorityKind.AUTHORITY_KIND_PROSECUTOR,
      AuthorityKind.AUTHORITY_KIND_JUDICIAL, AuthorityKind.AUTHORITY_KIND_INDEPENDENT);

  /** D-7.2.b: orders issued by, or under the supervision of, a prosecutor, judge or independent authority. */
  static final class Supervision extends BaseRule {
    Supervision() {
      super("DECL_7_2_B", "7.2.b", Severity.BLOCK,
          "An Art. 7 notification to a Party with a 7.2.b declaration in effect, whose issuing authority is"
              + " neither a prosecutor nor judicial, and whose order.supervision is not prosecutor, judicial or"
              + " independent",
          "Have the order issued or supervised by a prosecutor, judge or independent authority, and say so in"
              + " order.supervision");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      Optional<SimultaneousNotification> n = Bodies.art7(c.message());
      String party = c.recipientParty();
      if (n.isEmpty() || !c.directory().hasDeclaration(party, DeclarationKind.DECLARATION_KIND_D_7_2_B)) {
        return List.of();
      }
      Art7Order order = n.get().getOrder();
      AuthorityKind issuer = order.getIssuingAuthority().getKind();
      if (issuer == AuthorityKind.AUTHORITY_KIND_PROSECUTOR || issuer == AuthorityKind.AUTHORITY_KIND_JUDICIAL
          || SUPERVISING.contains(order.getSupervision())) {
        return List.of();
      }
      String kind = Words.token(issuer, "AUTHORITY_KIND_");
      return one(Text.of(
              "Party " + party + " declared under Art. 7.2.b that Art. 7 orders must be issued by, or under the"
                  + " supervision of, a prosecutor, judicial or other independent authority; the issuing authority"
                  + " is " + kind + " and order.supervision names none.",
              "La Partie " + party + " a déclaré en vertu de l'art. 7.2.b que les injonctions au titre de l'art. 7"
                  + " doivent être émises par un procureur, une autorité judiciaire ou une autre autorité"
                  + " indépendante, ou sous leur contrôle ; l'autorité émettrice est " + kind
                  + " et order.supervision n'en indique aucune."),
          Text.of("Have the order issued or reviewed by a prosecutor, judge or independent authority, and state it"
                  + " in order.supervision.",
              "Faites émettre ou contrôler l'injonction par un procureur, un juge ou une autorité indépendante, et"
                  + " indiquez-le dans order.supervision."));
    }
  }

  static Optional<NotificationRequirement> requirement(RuleContext c) {
    return c.directory().declaration(c.recipientParty(), DeclarationKind.DECLARATION_KIND_D_7_5_A)
        .map(Declaration::getNotificationRequirement);
  }

  /** D-7.5.a: the notification carries the order, the supplementary information and a summary of the facts. */
  static final class NotificationContent extends BaseRule {
    NotificationContent() {
      super("DECL_7_5_A", "7.5.a", Severity.BLOCK,
          "An Art. 7 notification to a Party with a 7.5.a declaration in effect that lacks the order, the"
              + " supplementary information or the summary of the facts",
          "Add the order, the Art. 7.4 supplementary information and a summary of the facts");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      Optional<SimultaneousNotification> n = Bodies.art7(c.message());
      if (n.isEmpty() || requirement(c).isEmpty()) {
        return List.of();
      }
      List<String> missing = new ArrayList<>();
      if (!n.get().hasOrder()) {
        missing.add("order");
      }
      if (!n.get().hasSupplementaryInformation()) {
        missing.add("supplementary_information");
      }
      if (Bodies.blank(n.get().getSummaryOfFacts())) {
        missing.add("summary_of_facts");
      }
      if (missing.isEmpty()) {
        return List.of();
      }
      String party = c.recipientParty();
      return one(Text.of(
              "Party " + party + " requires simultaneous notification of Art. 7 orders with the order, the"
                  + " supplementary information and a summary of the facts (Art. 7.5.a); missing: "
                  + Words.list(missing) + ".",
              "La Partie " + party + " exige la notification simultanée des injonctions au titre de l'art. 7 avec"
                  + " l'injonction, les informations complémentaires et un résumé des faits (art. 7.5.a) ;"
                  + " manquent : " + Words.list(missing) + "."),
          Text.of("Add " + Words.list(missing) + "; the summary of the facts is for " + party
                  + "'s authority only, never for the provider (ER §104).",
              "Ajoutez " + Words.list(missing) + " ; le résumé des faits est destiné à l'autorité de " + party
                  + " seulement, jamais au fournisseur (RE §104)."));
    }
  }

  /** D-7.5.e: the notification goes to the single authority the Party designated. */
  static final class NotificationRecipient extends BaseRule {
    NotificationRecipient() {
      super("DECL_7_5_E", "7.5.e", Severity.BLOCK,
          "An Art. 7 notification to a Party with a 7.5.a declaration in effect, addressed to another authority"
              + " than the one it designated under Art. 7.5.e",
          "Address it to the designated authority");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      Optional<SimultaneousNotification> n = Bodies.art7(c.message());
      Optional<NotificationRequirement> r = requirement(c);
      if (n.isEmpty() || r.isEmpty() || Bodies.blank(r.get().getAuthorityId())
          || r.get().getAuthorityId().equals(c.recipient().authority())) {
        return List.of();
      }
      String designated = c.recipientParty() + "/" + r.get().getAuthorityId();
      return one(Text.of(
              "Party " + c.recipientParty() + " designated " + designated + " under Art. 7.5.e to receive"
                  + " notifications of Art. 7 orders; this one is addressed to " + c.recipient() + ".",
              "La Partie " + c.recipientParty() + " a désigné " + designated + " en vertu de l'art. 7.5.e pour"
                  + " recevoir les notifications des injonctions au titre de l'art. 7 ; celle-ci est adressée à "
                  + c.recipient() + "."),
          Text.of("Address it to " + designated + ".", "Adressez-la à " + designated + "."));
    }
  }

  /** Art. 7.1: subscriber information only. */
  static final class Scope extends BaseRule {
    Scope() {
      super("SCOPE_7_1", "7.1", Severity.BLOCK,
          "An Art. 7 notification whose order's data categories include anything but subscriber information",
          "Seek traffic data under Art. 8 and content data by mutual assistance");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      Optional<SimultaneousNotification> n = Bodies.art7(c.message());
      if (n.isEmpty()) {
        return List.of();
      }
      Set<DataCategory> others = Art9Rules.categories(n.get().getOrder().getSubscriberInformation());
      others.remove(DataCategory.DATA_CATEGORY_SUBSCRIBER);
      if (others.isEmpty()) {
        return List.of();
      }
      List<String> en = others.stream().map(x -> Bodies.category(x).en()).toList();
      List<String> fr = others.stream().map(x -> Bodies.category(x).fr()).toList();
      return one(Text.of(
              "Art. 7 covers subscriber information only (Art. 7.1); this order also asks for "
                  + Words.either(en, "and") + ".",
              "L'art. 7 ne vise que les informations relatives aux abonnés (art. 7.1) ; cette injonction demande"
                  + " aussi des " + Words.either(fr, "et des") + "."),
          Text.of("Keep the Art. 7 order to subscriber information; seek traffic data under Art. 8 and content data"
                  + " by mutual assistance.",
              "Limitez l'injonction au titre de l'art. 7 aux informations relatives aux abonnés ; demandez les"
                  + " données relatives au trafic au titre de l'art. 8 et celles relatives au contenu par"
                  + " l'entraide."));
    }
  }
}
