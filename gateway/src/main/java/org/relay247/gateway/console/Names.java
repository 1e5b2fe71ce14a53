package org.relay247.gateway.console;

import java.util.Locale;
import java.util.Map;
import org.relay247.gateway.rules.Text;

/**
 * What the console calls the protocol's codes (message types, priorities, roles) in English and
 * French. A code without a name here is shown as the code itself, in both languages.
 */
final class Names {
  private static final Map<String, Text> BODIES = Map.ofEntries(
      Map.entry("ART9_REQUEST", Text.of("Art. 9 request", "demande art. 9")),
      Map.entry("ORAL_REQUEST_RECORD", Text.of("record of an oral request", "procès-verbal de demande orale")),
      Map.entry("ART9_CONFIRMATION", Text.of("Art. 9 confirmation", "confirmation art. 9")),
      Map.entry("ART9_FOLLOW_UP", Text.of("Art. 9 follow-up", "suite art. 9")),
      Map.entry("USE_EXPLANATION_REQUEST", Text.of("request to explain a use", "demande d'explication d'usage")),
      Map.entry("USE_EXPLANATION_ANSWER", Text.of("explanation of a use", "explication d'usage")),
      Map.entry("ART10_REQUEST", Text.of("Art. 10 request", "demande art. 10")),
      Map.entry("ADDITIONAL_INFO_REQUEST", Text.of("request for more information", "demande d'informations")),
      Map.entry("ADDITIONAL_INFO_ANSWER", Text.of("more information", "informations complémentaires")),
      Map.entry("CENTRAL_AUTHORITY_COPY", Text.of("copy to the central authority", "copie à l'autorité centrale")),
      Map.entry("REFERRAL", Text.of("referral", "renvoi")),
      Map.entry("DETERMINATION", Text.of("determination", "décision")),
      Map.entry("CONDITION_RESPONSE", Text.of("answer to conditions", "réponse aux conditions")),
      Map.entry("EXECUTION_STATUS", Text.of("execution status", "état d'exécution")),
      Map.entry("EVIDENCE_MANIFEST", Text.of("results (manifest)", "résultats (manifeste)")),
      Map.entry("EVIDENCE_CHUNK", Text.of("results (chunk)", "résultats (fragment)")),
      Map.entry("ART8_ORDER", Text.of("Art. 8 order", "injonction art. 8")),
      Map.entry("SIMULTANEOUS_NOTIFICATION", Text.of("Art. 7 notification", "notification art. 7")),
      Map.entry("NON_DISCLOSURE_INSTRUCTION", Text.of("non-disclosure instruction", "instruction de non-divulgation")),
      Map.entry("ART6_CONSULTATION", Text.of("Art. 6 consultation", "consultation art. 6")),
      Map.entry("PRESERVATION_REQUEST", Text.of("preservation request", "demande de conservation")),
      Map.entry("PRESERVATION_EXTENSION", Text.of("preservation extension", "prolongation de conservation")),
      Map.entry("SECURITY_INCIDENT_NOTIFICATION", Text.of("security incident", "incident de sécurité")),
      Map.entry("ONWARD_TRANSFER_AUTHORISATION_REQUEST", Text.of("onward-transfer request",
          "demande de transfert ultérieur")),
      Map.entry("ONWARD_TRANSFER_DECISION", Text.of("onward-transfer decision", "décision de transfert ultérieur")),
      Map.entry("SUSPENSION_NOTICE", Text.of("suspension notice", "avis de suspension")),
      Map.entry("RECTIFICATION_NOTICE", Text.of("rectification notice", "avis de rectification")),
      Map.entry("CONFIDENTIALITY_REQUEST", Text.of("confidentiality request", "demande de confidentialité")),
      Map.entry("RESTRICTION_LIFTED", Text.of("restriction lifted", "restriction levée")),
      Map.entry("TRANSFEROR_INQUIRY", Text.of("inquiry of the transferor", "demande à l'État d'origine")),
      Map.entry("PURGE_RECORD", Text.of("purge record", "procès-verbal d'effacement")),
      Map.entry("CONSULTATION_MESSAGE", Text.of("consultation", "consultation")),
      Map.entry("PING", Text.of("ping", "ping")),
      Map.entry("PONG", Text.of("pong", "pong")),
      Map.entry("RECEIPT", Text.of("receipt", "accusé de réception")),
      Map.entry("OPENED_NOTICE", Text.of("opened notice", "avis de prise en charge")));

  private Names() {}

  /** A message type by its body case (e.g. ART9_REQUEST). */
  static Text body(String bodyCase) {
    Text name = BODIES.get(bodyCase);
    return name != null ? name : Text.of(bodyCase.toLowerCase(Locale.ROOT), bodyCase.toLowerCase(Locale.ROOT));
  }

  /** A priority by its rank (1 emergency, 2 urgent, else routine). */
  static Text priority(int rank) {
    return switch (rank) {
      case 1 -> Text.of("EMERGENCY", "URGENCE");
      case 2 -> Text.of("URGENT", "URGENT");
      default -> Text.of("ROUTINE", "ORDINAIRE");
    };
  }

  static Text role(ConsoleRole role) {
    return switch (role) {
      case OPERATOR -> Text.of("operator", "opérateur");
      case SUPERVISOR -> Text.of("supervisor", "superviseur");
      case AUDITOR -> Text.of("auditor", "auditeur");
    };
  }
}
