package org.relay247.gateway.rules;

import java.util.List;
import java.util.Optional;
import org.relay247.protocol.v1.AuthorityRole;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.InnerMessage.BodyCase;

/**
 * Authorities a Party designated or must involve: Art. 6.6 consultations (N-6.6), joint
 * investigation teams (D-12.3), Art. 14 control messages about Section 2 data (N-14.7.c,
 * N-14.10.b).
 */
final class DesignationRules {
  private DesignationRules() {}

  static Optional<String> designated(RuleContext c, DeclarationKind kind) {
    return c.directory().declaration(c.recipientParty(), kind)
        .map(Declaration::getAuthorityDesignation).map(a -> a.getAuthorityId())
        .filter(id -> !Bodies.blank(id))
        .map(id -> c.recipientParty() + "/" + id);
  }

  /** Section 2 of the Protocol: data obtained under Art. 6 or 7. */
  static boolean section2(CooperationType origin) {
    return origin == CooperationType.COOPERATION_TYPE_ART6 || origin == CooperationType.COOPERATION_TYPE_ART7;
  }

  /** N-6.6: an Art. 6.5 consultation goes to the authority the registrar's Party designated under 6.6. */
  static final class Art6Authority extends BaseRule {
    Art6Authority() {
      super("NOTIF_6_6", "6.6", Severity.BLOCK,
          "An Art. 6.5 consultation addressed to another authority than the one the requested Party designated"
              + " under Art. 6.6",
          "Address it to the designated Art. 6.6 authority");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      if (c.message().getBodyCase() != BodyCase.ART6_CONSULTATION) {
        return List.of();
      }
      Optional<String> designated = designated(c, DeclarationKind.DECLARATION_KIND_N_6_6);
      if (designated.isEmpty() || designated.get().equals(c.recipient().toString())) {
        return List.of();
      }
      return one(Text.of(
              "Party " + c.recipientParty() + " designated " + designated.get() + " under Art. 6.6 for consultations"
                  + " on Art. 6 requests a registrar did not answer; this one is addressed to " + c.recipient() + ".",
              "La Partie " + c.recipientParty() + " a désigné " + designated.get() + " en vertu de l'art. 6.6 pour les"
                  + " consultations sur les demandes au titre de l'art. 6 restées sans réponse d'un bureau"
                  + " d'enregistrement ; celle-ci est adressée à " + c.recipient() + "."),
          Text.of("Address it to " + designated.get() + ".", "Adressez-la à " + designated.get() + "."));
    }
  }

  /** Whether a consultation is framed by Art. 12 (joint investigation teams). */
  static boolean aboutJointInvestigationTeam(InnerMessage m) {
    if (m.getBodyCase() != BodyCase.CONSULTATION_MESSAGE) {
      return false;
    }
    String article = m.getConsultationMessage().getArticle().trim().replaceFirst("(?i)^art\\.?\\s*", "");
    return article.equals("12") || article.startsWith("12.");
  }

  /** D-12.3: the central authority of the declaring Party signs joint investigation team agreements. */
  static final class JointInvestigationTeam extends BaseRule {
    JointInvestigationTeam() {
      super("DECL_12_3", "12.3", Severity.WARN,
          "A consultation framed by Art. 12 (ConsultationMessage.article 12 or 12.x: joint investigation teams)"
              + " with a Party that declared under Art. 12.3 that its central authority signs such agreements",
          "Have that Party's central authority sign the agreement; send the draft agreement to it");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      String party = c.recipientParty();
      if (!aboutJointInvestigationTeam(c.message())
          || !c.directory().hasDeclaration(party, DeclarationKind.DECLARATION_KIND_D_12_3)) {
        return List.of();
      }
      List<String> cas = c.directory().authorities(party, AuthorityRole.AUTHORITY_ROLE_CENTRAL_AUTHORITY).stream()
          .map(a -> party + "/" + a.getId()).toList();
      String ca = cas.isEmpty() ? "" : " (" + Words.either(cas, "or") + ")";
      String caFr = cas.isEmpty() ? "" : " (" + Words.either(cas, "ou") + ")";
      return one(Text.of(
              "Party " + party + " declared under Art. 12.3 that its central authority must sign joint investigation"
                  + " team agreements.",
              "La Partie " + party + " a déclaré en vertu de l'art. 12.3 que son autorité centrale doit signer les"
                  + " accords relatifs aux équipes communes d'enquête."),
          Text.of("Have " + party + "'s central authority" + ca + " sign the agreement; send it the draft.",
              "Faites signer l'accord par l'autorité centrale de " + party + caFr + " ; adressez-lui le projet."));
    }
  }

  /** N-14.7.c: incident notifications about Section 2 data go to the designated authority. */
  static final class IncidentRecipient extends BaseRule {
    IncidentRecipient() {
      super("NOTIF_14_7_C", "14.7.c", Severity.BLOCK,
          "A security incident notification about data received under Art. 6 or 7 (data_origin) addressed to"
              + " another authority than the one the transferring Party designated under Art. 14.7.c",
          "Address it to the designated Art. 14.7.c authority");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      if (c.message().getBodyCase() != BodyCase.SECURITY_INCIDENT_NOTIFICATION
          || !section2(c.message().getSecurityIncidentNotification().getDataOrigin())) {
        return List.of();
      }
      Optional<String> designated = designated(c, DeclarationKind.DECLARATION_KIND_N_14_7_C);
      if (designated.isEmpty() || designated.get().equals(c.recipient().toString())) {
        return List.of();
      }
      return one(Text.of(
              "Party " + c.recipientParty() + " designated " + designated.get() + " under Art. 14.7.c to receive"
                  + " notifications of security incidents about data it transferred under Art. 6 or 7; this one is"
                  + " addressed to " + c.recipient() + ".",
              "La Partie " + c.recipientParty() + " a désigné " + designated.get() + " en vertu de l'art. 14.7.c pour"
                  + " recevoir les notifications d'incidents de sécurité concernant des données transférées au titre"
                  + " des art. 6 ou 7 ; celle-ci est adressée à " + c.recipient() + "."),
          Text.of("Address it to " + designated.get() + ".", "Adressez-la à " + designated.get() + "."));
    }
  }

  /** N-14.10.b: onward-transfer authorisations for Section 2 data come from the designated authority. */
  static final class OnwardTransferRecipient extends BaseRule {
    OnwardTransferRecipient() {
      super("NOTIF_14_10_B", "14.10.b", Severity.BLOCK,
          "An onward-transfer authorisation request about data received under Art. 6 or 7 (data_origin) addressed"
              + " to another authority than the one the transferring Party designated under Art. 14.10.b",
          "Address it to the designated Art. 14.10.b authority");
    }

    @Override
    public List<Finding> evaluate(RuleContext c) {
      if (c.message().getBodyCase() != BodyCase.ONWARD_TRANSFER_AUTHORISATION_REQUEST
          || !section2(c.message().getOnwardTransferAuthorisationRequest().getDataOrigin())) {
        return List.of();
      }
      Optional<String> designated = designated(c, DeclarationKind.DECLARATION_KIND_N_14_10_B);
      if (designated.isEmpty() || designated.get().equals(c.recipient().toString())) {
        return List.of();
      }
      return one(Text.of(
              "Party " + c.recipientParty() + " designated " + designated.get() + " under Art. 14.10.b to authorise"
                  + " onward transfers of data it transferred under Art. 6 or 7; this request is addressed to "
                  + c.recipient() + ".",
              "La Partie " + c.recipientParty() + " a désigné " + designated.get() + " en vertu de l'art. 14.10.b pour"
                  + " autoriser les transferts ultérieurs de données transférées au titre des art. 6 ou 7 ; cette"
                  + " demande est adressée à " + c.recipient() + "."),
          Text.of("Address it to " + designated.get() + ".", "Adressez-la à " + designated.get() + "."));
    }
  }
}
