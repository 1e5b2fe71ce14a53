package org.relay247.gateway.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relay247.protocol.v1.Attachment;
import org.relay247.protocol.v1.Authority;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.PartyPair;
import org.relay247.protocol.v1.ServiceProvider;

/** Rules that apply across forms of cooperation: languages (L-4), federal clause, territories (D-18.2). */
final class PartyRules {
  private PartyRules() {}

  /** Languages accepted: the Party's list for the form, plus the pair treaty's for Art. 10 (ER §56). */
  static List<String> accepted(RuleContext c, CooperationType type) {
    Set<String> out = new LinkedHashSet<>(c.directory().languages(c.recipientParty(), type));
    if (type == CooperationType.COOPERATION_TYPE_ART10 || type == CooperationType.COOPERATION_TYPE_MLA) {
      c.directory().pair(c.senderParty(), c.recipientParty()).filter(PartyPair::hasTreaty)
          .ifPresent(p -> p.getTreaty().getLanguagesList().forEach(l -> out.add(Words.lower(l))));
    }
    return List.copyOf(out);
  }

  static String primary(String tag) {
    return Words.lower(tag.trim()).split("[-_]")[0];
  }

  static boolean isAccepted(String language, List<String> accepted) {
    String p = primary(language);
    return accepted.stream().anyMatch(a -> primary(a).equals(p));
  }

  static boolean isTranslation(Attachment a) {
    String text = Words.lower(a.getName() + " " + a.getDescription());
    return text.contains("translation") || text.contains("traduction") || text.contains("übersetzung")
        || text.contains("traducción") || text.contains("traduzione");
  }

  /** Which of the L-4 findings applies: none, LANG_4 (block) or LANG_4_TRANSLATION (warn). */
  private enum LanguageCase { OK, UNSTATED, NOT_ACCEPTED, TRANSLATED }

  private record LanguageCheck(LanguageCase kind, CooperationType type, List<String> accepted) {}

  private static LanguageCheck check(RuleContext c) {
    Optional<CooperationType> type = Bodies.cooperationType(c.message());
    if (type.isEmpty() || !c.directory().listsLanguages(c.recipientParty(), type.get())) {
      return new LanguageCheck(LanguageCase.OK, null, List.of());
    }
    List<String> accepted = accepted(c, type.get());
    String language = c.message().getLanguage();
    if (Bodies.blank(language)) {
      return new LanguageCheck(LanguageCase.UNSTATED, type.get(), accepted);
    }
    if (isAccepted(language, accepted)) {
      return new LanguageCheck(LanguageCase.OK, type.get(), accepted);
    }
    boolean translated = Bodies.attachments(c.message()).stream().anyMatch(PartyRules::isTranslation);
    return new LanguageCheck(translated ? LanguageCase.TRANSLATED : LanguageCase.NOT_ACCEPTED, type.get(), accepted);
  }

  private static boolean emergency(CooperationType type) {
    return type == CooperationType.COOPERATION_TYPE_ART9 || type == CooperationType.COOPERATION_TYPE_ART10;
  }

  /** L-4 (Art. 4.1): the language is one the requested Party accepts for this form, or a translation is attached. */
  static final class Language extends BaseRule {
    Language() {
      super("LANG_4", "4.1", Severity.BLOCK,
          "The message's language is not one the recipient's Party accepts for this form of cooperation (its L-4"
              + " list; for Art. 10 also the pair treaty's languages), and no attachment is a translation",
          "Write it in an accepted language (English for emergencies where accepted, ER §50) or attach a"
              + " translation");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      LanguageCheck check = check(c);
      if (check.kind() != LanguageCase.NOT_ACCEPTED) {
        return List.of();
      }
      String party = c.recipientParty();
      String list = Words.list(check.accepted());
      Text form = Bodies.name(check.type());
      boolean english = emergency(check.type()) && isAccepted("en", check.accepted());
      return one(Text.of(
              "Party " + party + " accepts messages for " + form.en() + " in " + list
                  + " (Art. 4.1); this message is in "
                  + c.message().getLanguage() + " and carries no translation.",
              "La Partie " + party + " accepte les messages relevant " + Words.of(form.fr())
                  + " dans les langues " + list
                  + " (art. 4.1) ; ce message est en "
                  + c.message().getLanguage() + " et ne comporte aucune traduction."),
          Text.of("Write it in " + Words.either(check.accepted(), "or") + " and set language accordingly, or"
                  + " attach a translation." + (english ? " English is accepted by " + party
                  + ": emergencies go fastest in English (ER §50)." : ""),
              "Rédigez-le en " + Words.either(check.accepted(), "ou") + " et renseignez language en conséquence,"
                  + " ou joignez une traduction." + (english ? " " + party + " accepte l'anglais : les urgences"
                  + " sont traitées plus vite en anglais (RE §50)." : "")));
    }
  }

  /** L-4: the message does not say which language it is in, so Art. 4.1 cannot be checked. */
  static final class LanguageUnstated extends BaseRule {
    LanguageUnstated() {
      super("LANG_4_UNSTATED", "4.1", Severity.WARN,
          "The message does not state its language (InnerMessage.language) while the recipient's Party lists the"
              + " languages it accepts for this form of cooperation",
          "Set language to the language of the free text, one the recipient's Party accepts");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      LanguageCheck check = check(c);
      if (check.kind() != LanguageCase.UNSTATED) {
        return List.of();
      }
      String party = c.recipientParty();
      String list = Words.list(check.accepted());
      Text form = Bodies.name(check.type());
      return one(Text.of(
              "This message does not state its language (field language); Party " + party + " accepts messages for "
                  + form.en() + " in " + list + " (Art. 4.1).",
              "Ce message n'indique pas sa langue (champ language) ; la Partie " + party + " accepte les messages"
                  + " relevant " + Words.of(form.fr()) + " dans les langues " + list + " (art. 4.1)."),
          Text.of("Set language to the language of the free text: " + Words.either(check.accepted(), "or") + ".",
              "Renseignez language avec la langue du texte libre : " + Words.either(check.accepted(), "ou") + "."));
    }
  }

  /** L-4: a translation is attached while the message is in another language; check the translation's language. */
  static final class LanguageTranslation extends BaseRule {
    LanguageTranslation() {
      super("LANG_4_TRANSLATION", "4.1", Severity.WARN,
          "The message's language is not one the recipient's Party accepts for this form of cooperation, but an"
              + " attachment is described as a translation",
          "Make sure the translation is into one of the accepted languages");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      LanguageCheck check = check(c);
      if (check.kind() != LanguageCase.TRANSLATED) {
        return List.of();
      }
      String party = c.recipientParty();
      String list = Words.list(check.accepted());
      Text form = Bodies.name(check.type());
      return one(Text.of(
              "Party " + party + " accepts messages for " + form.en() + " in " + list
                  + " (Art. 4.1); this message is in "
                  + c.message().getLanguage() + " with an attachment described as a translation.",
              "La Partie " + party + " accepte les messages relevant " + Words.of(form.fr())
                  + " dans les langues " + list
                  + " (art. 4.1) ; ce message est en "
                  + c.message().getLanguage() + " avec une pièce jointe décrite comme une traduction."),
          Text.of("Make sure the translation is into " + Words.either(check.accepted(), "or")
                  + " and covers the whole request.",
              "Assurez-vous que la traduction est en " + Words.either(check.accepted(), "ou")
                  + " et couvre toute la demande."));
    }
  }

  /**
   * R-17 (Art. 17.2-17.3): a sender acting for a constituent State of a federal Party that made the
   * federal-clause reservation and did not notify that State under 17.2 may be refused, unless the
   * request goes through the central government.
   */
  static final class FederalClause extends BaseRule {
    FederalClause() {
      super("RES_17", "17", Severity.WARN,
          "The sender is an authority of a constituent State of its Party (Authority.constituent), that Party"
              + " made the federal-clause reservation (R-17) and has not notified the constituent State under"
              + " Art. 17.2",
          "Send it through the federal Party's central government (its 24/7 point of contact or central"
              + " authority), which must be accepted (Art. 17.3)");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      String federal = c.senderParty();
      Optional<Declaration> reservation = c.directory().declaration(federal, DeclarationKind.DECLARATION_KIND_R_17);
      if (reservation.isEmpty()) {
        return List.of();
      }
      Optional<Authority> sender = c.directory().authority(c.sender());
      if (sender.isEmpty() || Bodies.blank(sender.get().getConstituent())) {
        return List.of();
      }
      String state = sender.get().getConstituent();
      if (reservation.get().getFederalClause().getNotifiedConstituentsList().contains(state)) {
        return List.of();
      }
      List<String> central = new ArrayList<>();
      for (Authority a : c.directory().authorities(federal)) {
        if (Bodies.blank(a.getConstituent()) && (a.getRolesList().contains(
            org.relay247.protocol.v1.AuthorityRole.AUTHORITY_ROLE_POINT_OF_CONTACT)
            || a.getRolesList().contains(org.relay247.protocol.v1.AuthorityRole.AUTHORITY_ROLE_CENTRAL_AUTHORITY))) {
          central.add(federal + "/" + a.getId());
        }
      }
      String via = central.isEmpty() ? federal + "'s central government"
          : federal + "'s central government (" + Words.either(central, "or") + ")";
      String viaFr = central.isEmpty() ? "le gouvernement central de " + federal
          : "le gouvernement central de " + federal + " (" + Words.either(central, "ou") + ")";
      return one(Text.of(
              "Party " + federal + " made the federal-clause reservation (Art. 17) and has not notified " + state
                  + " under Art. 17.2; " + c.sender() + " acts for that constituent State, so "
                  + c.recipientParty() + " may refuse to cooperate on what it sends directly.",
              "La Partie " + federal + " a formulé la réserve de la clause fédérale (art. 17) sans notifier " + state
                  + " au titre de l'art. 17.2 ; " + c.sender() + " agit pour cet État constituant, de sorte que "
                  + c.recipientParty() + " peut refuser de coopérer sur ce qu'il envoie directement."),
          Text.of("Send it through " + via + ", which " + c.recipientParty() + " must accept (Art. 17.3).",
              "Envoyez-le par " + viaFr + ", ce que " + c.recipientParty() + " doit accepter (art. 17.3)."));
    }
  }

  /** D-18.2: the Protocol does not apply to territories a Party excluded; providers located there are out of reach. */
  static final class Territory extends BaseRule {
    Territory() {
      super("DECL_18_2", "18.2", Severity.BLOCK,
          "A Protocol request or notification names a provider or registrar located in a territory its Party"
              + " excluded under Art. 18.2 (ServiceProvider.territory, or a provider Party code that is an excluded"
              + " territory)",
          "Use the Convention's channels for data held there: preservation (Conv. Art. 29), mutual assistance");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      if (!Bodies.isProtocolRequest(c.message())) {
        return List.of();
      }
      List<ServiceProvider> providers = Bodies.providers(c.message());
      for (int i = 0; i < providers.size(); i++) {
        ServiceProvider p = providers.get(i);
        String party = !Bodies.blank(p.getParty()) && c.directory().party(p.getParty()).isPresent()
            ? p.getParty() : c.recipientParty();
        for (Declaration d : c.directory().declarations(party, DeclarationKind.DECLARATION_KIND_D_18_2)) {
          for (String territory : d.getTerritorialExclusion().getTerritoriesList()) {
            if (same(territory, p.getTerritory()) || (!party.equals(p.getParty()) && same(territory, p.getParty()))) {
              return one(Text.of(
                      "Party " + party + " declared under Art. 18.2 that the Protocol does not apply to " + territory
                          + "; provider " + (i + 1) + " of this message is located there.",
                      "La Partie " + party + " a déclaré en vertu de l'art. 18.2 que le Protocole ne s'applique pas à "
                          + territory + " ; le fournisseur " + (i + 1) + " de ce message y est situé."),
                  Text.of("Seek data held in " + territory + " through the Convention's channels: expedited"
                          + " preservation (Conv. Art. 29) and mutual assistance; ask " + party
                          + "'s 24/7 point of contact how.",
                      "Recherchez les données détenues à " + territory + " par les voies de la Convention :"
                          + " conservation rapide (art. 29 de la Convention) et entraide ; demandez la marche à"
                          + " suivre au point de contact 24/7 de " + party + "."));
            }
          }
        }
      }
      return List.of();
    }

    private static boolean same(String territory, String value) {
      return !Bodies.blank(value) && territory.trim().equalsIgnoreCase(value.trim());
    }
  }

  /** Addresses of a Party as text, "DE/ca, DE/poc". */
  static List<String> addresses(String party, List<String> ids) {
    return ids.stream().map(id -> party + "/" + id).toList();
  }
}
