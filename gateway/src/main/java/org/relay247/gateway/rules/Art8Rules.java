package org.relay247.gateway.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.Art8Order;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.ExtraInformationField;

/** Art. 8 (giving effect to production orders): scope, R-8.13, D-7.8, D-8.4, N-8.10, D-8.11. */
final class Art8Rules {
  private Art8Rules() {}

  static Set<DataCategory> categories(Art8Order order) {
    return Art9Rules.categories(order.getOrder().getData());
  }

  /** Art. 8.1: subscriber information and traffic data only. */
  static final class Scope extends BaseRule {
    Scope() {
      super("SCOPE_8_1", "8.1", Severity.BLOCK,
          "An Art. 8 order whose data categories include content data or domain registration data (Art. 8 covers"
              + " subscriber information and traffic data only)",
          "Seek content data by mutual assistance (Art. 9 or 10 in an emergency); keep subscriber and traffic"
              + " data in the order");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      Optional<Art8Order> order = Bodies.art8(c.message());
      if (order.isEmpty()) {
        return List.of();
      }
      Set<DataCategory> categories = categories(order.get());
      List<String> en = new ArrayList<>();
      List<String> fr = new ArrayList<>();
      if (categories.contains(DataCategory.DATA_CATEGORY_CONTENT)) {
        en.add("content data");
        fr.add("des données relatives au contenu");
      }
      if (categories.contains(DataCategory.DATA_CATEGORY_DOMAIN_REGISTRATION)) {
        en.add("domain registration data");
        fr.add("des données d'enregistrement de noms de domaine");
      }
      if (en.isEmpty()) {
        return List.of();
      }
      return one(Text.of(
              "Art. 8 covers subscriber information and traffic data only (Art. 8.1); this order also asks for "
                  + Words.either(en, "and") + ".",
              "L'art. 8 ne vise que les informations relatives aux abonnés et les données relatives au trafic"
                  + " (art. 8.1) ; cette injonction demande aussi " + Words.either(fr, "et") + "."),
          Text.of("Remove them from the order: seek content data by mutual assistance (Art. 9 or Art. 10 in an"
                  + " emergency) and domain registration data under Art. 6.",
              "Retirez-les de l'injonction : recherchez les données relatives au contenu par l'entraide (art. 9 ou"
                  + " art. 10 en cas d'urgence) et les données d'enregistrement au titre de l'art. 6."));
    }
  }

  /** Art. 8 not applied to traffic data; binds the reserving Party both ways (ER §147). */
  static final class TrafficReservation extends BaseRule {
    TrafficReservation() {
      super("RES_8_13", "8.13", Severity.BLOCK,
          "An Art. 8 order for traffic data while the requested Party, or the requesting Party itself (ER §147),"
              + " has an 8.13 reservation in effect",
          "Remove the traffic data and seek them by mutual assistance (ER §125); subscriber information may stay");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      Optional<Art8Order> order = Bodies.art8(c.message());
      if (order.isEmpty() || !categories(order.get()).contains(DataCategory.DATA_CATEGORY_TRAFFIC)) {
        return List.of();
      }
      Text advice = Text.of("Remove traffic data from the order and seek them by mutual assistance (ER §125);"
              + " subscriber information may stay.",
          "Retirez les données relatives au trafic de l'injonction et recherchez-les par l'entraide (RE §125) ;"
              + " les informations relatives aux abonnés peuvent y rester.");
      String to = c.recipientParty();
      if (c.directory().hasDeclaration(to, DeclarationKind.DECLARATION_KIND_R_8_13)) {
        return one(Text.of("Party " + to + " reserved the right under Art. 8.13 not to apply Art. 8 to traffic data.",
            "La Partie " + to + " s'est réservé le droit, en vertu de l'art. 8.13, de ne pas appliquer l'art. 8 aux"
                + " données relatives au trafic."), advice);
      }
      String from = c.senderParty();
      if (c.directory().hasDeclaration(from, DeclarationKind.DECLARATION_KIND_R_8_13)) {
        return one(Text.of("Party " + from + " (the requesting Party) reserved the right under Art. 8.13 not to apply"
                + " Art. 8 to traffic data, so it cannot seek them under Art. 8 either (ER §147).",
            "La Partie " + from + " (Partie requérante) s'est réservé le droit, en vertu de l'art. 8.13, de ne pas"
                + " appliquer l'art. 8 aux données relatives au trafic ; elle ne peut donc pas non plus les"
                + " demander au titre de l'art. 8 (RE §147)."), advice);
      }
      return List.of();
    }
  }

  /** D-7.8: subscriber information to be sought under Art. 7 first, unless explained (ER §121). */
  static final class Art7First extends BaseRule {
    Art7First() {
      super("DECL_7_8", "7.8", Severity.BLOCK,
          "An Art. 8 order for subscriber information to a Party with a 7.8 declaration in effect, with neither"
              + " prior_art7_message_id nor art7_explanation; exempt when either Party reserved Art. 7 (7.9.a) or"
              + " the order also seeks traffic data the requested Party gives under Art. 8 (ER §121)",
          "Give the earlier Art. 7 attempt (prior_art7_message_id) or explain why Art. 7 was not tried"
              + " (art7_explanation)");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      Optional<Art8Order> order = Bodies.art8(c.message());
      String to = c.recipientParty();
      DirectoryAsOf d = c.directory();
      if (order.isEmpty() || !d.hasDeclaration(to, DeclarationKind.DECLARATION_KIND_D_7_8)) {
        return List.of();
      }
      Set<DataCategory> categories = categories(order.get());
      if (!categories.contains(DataCategory.DATA_CATEGORY_SUBSCRIBER)) {
        return List.of();
      }
      if (!Bodies.blank(order.get().getPriorArt7MessageId()) || !Bodies.blank(order.get().getArt7Explanation())) {
        return List.of();
      }
      if (d.hasDeclaration(c.senderParty(), DeclarationKind.DECLARATION_KIND_R_7_9_A)
          || d.hasDeclaration(to, DeclarationKind.DECLARATION_KIND_R_7_9_A)) {
        return List.of();
      }
      if (categories.contains(DataCategory.DATA_CATEGORY_TRAFFIC)
          && !d.hasDeclaration(to, DeclarationKind.DECLARATION_KIND_R_8_13)) {
        return List.of();
      }
      return one(Text.of(
              "Party " + to + " declared under Art. 7.8 that subscriber information must first be sought directly"
                  + " from the provider under Art. 7, unless a reasonable explanation is given.",
              "La Partie " + to + " a déclaré en vertu de l'art. 7.8 que les informations relatives aux abonnés"
                  + " doivent d'abord être demandées directement au fournisseur au titre de l'art. 7, sauf"
                  + " explication raisonnable."),
          Text.of("Give the message id of the earlier Art. 7 notification (prior_art7_message_id), or explain why"
                  + " Art. 7 was not tried (art7_explanation).",
              "Indiquez l'identifiant de la notification antérieure au titre de l'art. 7 (prior_art7_message_id),"
                  + " ou expliquez pourquoi l'art. 7 n'a pas été utilisé (art7_explanation)."));
    }
  }

  /** D-8.4: additional supporting information the requested Party requires; the 8.6 clock waits for it. */
  static final class ExtraInformationRule extends BaseRule {
    ExtraInformationRule() {
      super("DECL_8_4", "8.4", Severity.WARN,
          "An Art. 8 order to a Party with an 8.4 declaration in effect that lacks an extra_information item the"
              + " declaration requires for the order's data categories",
          "Add the missing extra_information items; the Art. 8.6 periods start only when they arrive");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      Optional<Art8Order> order = Bodies.art8(c.message());
      String to = c.recipientParty();
      if (order.isEmpty()) {
        return List.of();
      }
      Set<DataCategory> categories = categories(order.get());
      Map<String, String> missing = new LinkedHashMap<>();
      for (Declaration d : c.directory().declarations(to, DeclarationKind.DECLARATION_KIND_D_8_4)) {
        for (ExtraInformationField field : d.getExtraInformationRequirement().getFieldsList()) {
          boolean applies = field.getCategoriesList().isEmpty()
              || field.getCategoriesList().stream().anyMatch(categories::contains);
          boolean given = order.get().getExtraInformationList().stream()
              .anyMatch(e -> e.getKey().equals(field.getKey()) && !Bodies.blank(e.getValue()));
          if (applies && !given) {
            missing.putIfAbsent(field.getKey(), Bodies.blank(field.getDescription()) ? field.getKey()
                : field.getKey() + " (" + field.getDescription() + ")");
          }
        }
      }
      if (missing.isEmpty()) {
        return List.of();
      }
      List<String> described = List.copyOf(missing.values());
      List<String> keys = List.copyOf(missing.keySet());
      return one(Text.of(
              "Party " + to + " declared under Art. 8.4 that it requires additional information to give effect to"
                  + " orders; missing: " + Words.list(described) + ". The periods of Art. 8.6 start only when it"
                  + " arrives.",
              "La Partie " + to + " a déclaré en vertu de l'art. 8.4 exiger des informations complémentaires pour"
                  + " donner effet aux injonctions ; manquent : " + Words.list(described) + ". Les délais de"
                  + " l'art. 8.6 ne courent qu'à leur réception."),
          Text.of("Add extra_information entries with keys " + Words.list(keys) + ".",
              "Ajoutez des entrées extra_information avec les clés " + Words.list(keys) + "."));
    }
  }

  static List<String> designated(RuleContext c, String party, boolean submitting) {
    List<String> ids = new ArrayList<>();
    for (Declaration d : c.directory().declarations(party, DeclarationKind.DECLARATION_KIND_N_8_10)) {
      ids.addAll(submitting ? d.getArt8Authorities().getSubmittingAuthorityIdsList()
          : d.getArt8Authorities().getReceivingAuthorityIdsList());
    }
    return ids;
  }

  /** N-8.10.a: the sender is an authority its Party designated to submit Art. 8 orders (ER §146). */
  static final class Submitting extends BaseRule {
    Submitting() {
      super("NOTIF_8_10_A", "8.10.a", Severity.BLOCK,
          "An Art. 8 order from an authority its own Party did not designate under Art. 8.10.a (when it"
              + " designated any), unless it is the central authority and the requested Party declared 8.11",
          "Send it from one of your designated submitting authorities");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      if (Bodies.art8(c.message()).isEmpty()) {
        return List.of();
      }
      String from = c.senderParty();
      List<String> ids = designated(c, from, true);
      if (ids.isEmpty() || ids.contains(c.sender().authority())) {
        return List.of();
      }
      if (c.directory().hasDeclaration(c.recipientParty(), DeclarationKind.DECLARATION_KIND_D_8_11)
          && c.directory().isCentralAuthority(c.sender(), c.recipientParty())) {
        return List.of();
      }
      List<String> addresses = PartyRules.addresses(from, ids);
      return one(Text.of(
              "Party " + from + " designated " + Words.list(addresses) + " under Art. 8.10.a to submit Art. 8 orders;"
                  + " " + c.sender() + " is not one of them, and the requested Party relies on the designation to"
                  + " verify authenticity (ER §146).",
              "La Partie " + from + " a désigné " + Words.list(addresses) + " en vertu de l'art. 8.10.a pour"
                  + " transmettre les injonctions au titre de l'art. 8 ; " + c.sender() + " n'en fait pas partie, et"
                  + " la Partie requise s'appuie sur cette désignation pour vérifier l'authenticité (RE §146)."),
          Text.of("Send it from " + Words.either(addresses, "or") + ".",
              "Envoyez-la depuis " + Words.either(addresses, "ou") + "."));
    }
  }

  /** N-8.10.b: the recipient is an authority its Party designated to receive Art. 8 orders. */
  static final class Receiving extends BaseRule {
    Receiving() {
      super("NOTIF_8_10_B", "8.10.b", Severity.BLOCK,
          "An Art. 8 order to an authority the requested Party did not designate under Art. 8.10.b (when it"
              + " designated any)",
          "Address it to one of the requested Party's designated receiving authorities");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      if (Bodies.art8(c.message()).isEmpty()) {
        return List.of();
      }
      String to = c.recipientParty();
      List<String> ids = designated(c, to, false);
      if (ids.isEmpty() || ids.contains(c.recipient().authority())) {
        return List.of();
      }
      List<String> addresses = PartyRules.addresses(to, ids);
      return one(Text.of(
              "Party " + to + " designated " + Words.list(addresses) + " under Art. 8.10.b to receive Art. 8 orders;"
                  + " " + c.recipient() + " is not one of them.",
              "La Partie " + to + " a désigné " + Words.list(addresses) + " en vertu de l'art. 8.10.b pour recevoir"
                  + " les injonctions au titre de l'art. 8 ; " + c.recipient() + " n'en fait pas partie."),
          Text.of("Address it to " + Words.either(addresses, "or") + ".",
              "Adressez-la à " + Words.either(addresses, "ou") + "."));
    }
  }

  /** D-8.11: Art. 8 orders only through the requesting Party's central authority. */
  static final class CentralAuthorityOnly extends BaseRule {
    CentralAuthorityOnly() {
      super("DECL_8_11", "8.11", Severity.BLOCK,
          "An Art. 8 order to a Party with an 8.11 declaration in effect, sent by an authority that is not a"
              + " central authority of the requesting Party (the pair treaty's, or one with that role)",
          "Send it through your central authority");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      String to = c.recipientParty();
      if (Bodies.art8(c.message()).isEmpty()
          || !c.directory().hasDeclaration(to, DeclarationKind.DECLARATION_KIND_D_8_11)
          || c.directory().isCentralAuthority(c.sender(), to)) {
        return List.of();
      }
      List<String> cas = c.directory().centralAuthorities(c.senderParty(), to).stream().map(Address::toString)
          .toList();
      String via = cas.isEmpty() ? "your central authority" : Words.either(cas, "or");
      String viaFr = cas.isEmpty() ? "votre autorité centrale" : Words.either(cas, "ou");
      return one(Text.of(
              "Party " + to + " declared under Art. 8.11 that it accepts Art. 8 orders only through the central"
                  + " authority of the requesting Party; " + c.sender() + " is not " + c.senderParty()
                  + "'s central authority.",
              "La Partie " + to + " a déclaré en vertu de l'art. 8.11 n'accepter les injonctions au titre de"
                  + " l'art. 8 que par l'autorité centrale de la Partie requérante ; " + c.sender()
                  + " n'est pas l'autorité centrale de " + c.senderParty() + "."),
          Text.of("Send it through " + via + ".", "Transmettez-la par " + viaFr + "."));
    }
  }
}
