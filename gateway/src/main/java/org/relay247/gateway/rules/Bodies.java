package org.relay247.gateway.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relay247.protocol.v1.Art10Request;
import org.relay247.protocol.v1.Art6Consultation;
import org.relay247.protocol.v1.Art8Order;
import org.relay247.protocol.v1.Art9Request;
import org.relay247.protocol.v1.AssistanceMeasure;
import org.relay247.protocol.v1.Attachment;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.InnerMessage.BodyCase;
import org.relay247.protocol.v1.ServiceProvider;
import org.relay247.protocol.v1.SimultaneousNotification;

/** What kind of message a body is, and the parts of it several rules read. */
final class Bodies {
  /** Bodies that start or carry cooperation under the Protocol: disabled where it is not in force (Art. 16). */
  private static final Set<BodyCase> PROTOCOL_REQUESTS = Set.of(BodyCase.ART9_REQUEST, BodyCase.ORAL_REQUEST_RECORD,
      BodyCase.ART9_CONFIRMATION, BodyCase.ART10_REQUEST, BodyCase.CENTRAL_AUTHORITY_COPY, BodyCase.ART8_ORDER,
      BodyCase.SIMULTANEOUS_NOTIFICATION, BodyCase.ART6_CONSULTATION);

  /**
   * Bodies that stay allowed while transfers of personal data are suspended (Art. 14.15;
   * control.proto): Art. 14 control messages, consultations, determinations, receipts, pings.
   */
  private static final Set<BodyCase> CONTROL = Set.of(BodyCase.SECURITY_INCIDENT_NOTIFICATION,
      BodyCase.ONWARD_TRANSFER_AUTHORISATION_REQUEST, BodyCase.ONWARD_TRANSFER_DECISION, BodyCase.SUSPENSION_NOTICE,
      BodyCase.RECTIFICATION_NOTICE, BodyCase.CONFIDENTIALITY_REQUEST, BodyCase.RESTRICTION_LIFTED,
      BodyCase.TRANSFEROR_INQUIRY, BodyCase.PURGE_RECORD, BodyCase.CONSULTATION_MESSAGE, BodyCase.DETERMINATION,
      BodyCase.CONDITION_RESPONSE, BodyCase.EXECUTION_STATUS, BodyCase.USE_EXPLANATION_REQUEST, BodyCase.PING, BodyCase.PONG,
      BodyCase.RECEIPT, BodyCase.OPENED_NOTICE, BodyCase.REFERRAL, BodyCase.BODY_NOT_SET);

  private Bodies() {}

  static boolean isProtocolRequest(InnerMessage m) {
    return PROTOCOL_REQUESTS.contains(m.getBodyCase());
  }

  static boolean carriesPersonalData(InnerMessage m) {
    return !CONTROL.contains(m.getBodyCase());
  }

  /** The form of cooperation a body belongs to, when the body alone tells. */
  static Optional<CooperationType> cooperationType(InnerMessage m) {
    return Optional.ofNullable(switch (m.getBodyCase()) {
      case ART9_REQUEST, ORAL_REQUEST_RECORD, ART9_CONFIRMATION, ART9_FOLLOW_UP ->
          CooperationType.COOPERATION_TYPE_ART9;
      case ART10_REQUEST, CENTRAL_AUTHORITY_COPY -> CooperationType.COOPERATION_TYPE_ART10;
      case ART8_ORDER -> CooperationType.COOPERATION_TYPE_ART8;
      case SIMULTANEOUS_NOTIFICATION, NON_DISCLOSURE_INSTRUCTION -> CooperationType.COOPERATION_TYPE_ART7;
      case ART6_CONSULTATION -> CooperationType.COOPERATION_TYPE_ART6;
      case PRESERVATION_REQUEST, PRESERVATION_EXTENSION -> CooperationType.COOPERATION_TYPE_PRESERVATION;
      case CONSULTATION_MESSAGE -> CooperationType.COOPERATION_TYPE_POC;
      case ADDITIONAL_INFO_REQUEST -> byArticle(m.getAdditionalInfoRequest().getArticle());
      default -> null;
    });
  }

  private static CooperationType byArticle(String article) {
    String a = article.trim();
    if (a.startsWith("10")) {
      return CooperationType.COOPERATION_TYPE_ART10;
    }
    if (a.startsWith("7")) {
      return CooperationType.COOPERATION_TYPE_ART7;
    }
    if (a.startsWith("8")) {
      return CooperationType.COOPERATION_TYPE_ART8;
    }
    if (a.startsWith("9")) {
      return CooperationType.COOPERATION_TYPE_ART9;
    }
    return null;
  }

  /** The Art. 9.3 request of an Art9Request or of an Art. 9.4 electronic confirmation. */
  static Optional<Art9Request> art9(InnerMessage m) {
    return switch (m.getBodyCase()) {
      case ART9_REQUEST -> Optional.of(m.getArt9Request());
      case ART9_CONFIRMATION -> Optional.of(m.getArt9Confirmation().getRequest());
      default -> Optional.empty();
    };
  }

  static Optional<Art10Request> art10(InnerMessage m) {
    return m.getBodyCase() == BodyCase.ART10_REQUEST ? Optional.of(m.getArt10Request()) : Optional.empty();
  }

  static Optional<Art8Order> art8(InnerMessage m) {
    return m.getBodyCase() == BodyCase.ART8_ORDER ? Optional.of(m.getArt8Order()) : Optional.empty();
  }

  static Optional<SimultaneousNotification> art7(InnerMessage m) {
    return m.getBodyCase() == BodyCase.SIMULTANEOUS_NOTIFICATION ? Optional.of(m.getSimultaneousNotification())
        : Optional.empty();
  }

  static Optional<Art6Consultation> art6(InnerMessage m) {
    return m.getBodyCase() == BodyCase.ART6_CONSULTATION ? Optional.of(m.getArt6Consultation()) : Optional.empty();
  }

  /** Providers and registrars a Protocol request names (9.3.c, 8.3.a.iii, 7.3.c, 6.5, Art. 10 measures). */
  static List<ServiceProvider> providers(InnerMessage m) {
    List<ServiceProvider> out = new ArrayList<>();
    art9(m).ifPresent(r -> out.addAll(r.getProvidersList()));
    art10(m).ifPresent(r -> r.getMeasuresList().stream().map(AssistanceMeasure::getProvidersList).forEach(out::addAll));
    if (m.getBodyCase() == BodyCase.CENTRAL_AUTHORITY_COPY) {
      m.getCentralAuthorityCopy().getRequest().getMeasuresList().stream().map(AssistanceMeasure::getProvidersList)
          .forEach(out::addAll);
    }
    art8(m).ifPresent(o -> out.addAll(o.getOrder().getProvidersList()));
    art7(m).ifPresent(n -> out.addAll(n.getOrder().getProvidersList()));
    art6(m).filter(Art6Consultation::hasRegistrar).ifPresent(c -> out.add(c.getRegistrar()));
    return out;
  }

  /** Attachments a body carries (where translations travel, Art. 4.1). */
  static List<Attachment> attachments(InnerMessage m) {
    List<Attachment> out = new ArrayList<>();
    art9(m).ifPresent(r -> out.addAll(r.getAttachmentsList()));
    art10(m).ifPresent(r -> out.addAll(r.getAttachmentsList()));
    art8(m).ifPresent(o -> {
      if (o.hasOrderDocument()) {
        out.add(o.getOrderDocument());
      }
      out.addAll(o.getSupportingDocumentsList());
    });
    art7(m).filter(SimultaneousNotification::hasOrderDocument).ifPresent(n -> out.add(n.getOrderDocument()));
    switch (m.getBodyCase()) {
      case ART9_FOLLOW_UP -> out.addAll(m.getArt9FollowUp().getAttachmentsList());
      case CONSULTATION_MESSAGE -> out.addAll(m.getConsultationMessage().getAttachmentsList());
      case ADDITIONAL_INFO_ANSWER -> out.addAll(m.getAdditionalInfoAnswer().getAttachmentsList());
      case CENTRAL_AUTHORITY_COPY -> out.addAll(m.getCentralAuthorityCopy().getRequest().getAttachmentsList());
      default -> { }
    }
    return out;
  }

  /** "Art. 9" / "art. 9", "preservation (Conv. Art. 29)" ...: a form of cooperation in words. */
  static Text name(CooperationType type) {
    return switch (type) {
      case COOPERATION_TYPE_ART6 -> Text.of("Art. 6 (domain name registration information)",
          "l'art. 6 (informations sur l'enregistrement de noms de domaine)");
      case COOPERATION_TYPE_ART7 -> Text.of("Art. 7 (subscriber information from providers)",
          "l'art. 7 (informations relatives aux abonnés détenues par les fournisseurs)");
      case COOPERATION_TYPE_ART8 -> Text.of("Art. 8 (giving effect to production orders)",
          "l'art. 8 (exécution des injonctions de produire)");
      case COOPERATION_TYPE_ART9 -> Text.of("Art. 9 (expedited disclosure in an emergency)",
          "l'art. 9 (divulgation accélérée en situation d'urgence)");
      case COOPERATION_TYPE_ART10 -> Text.of("Art. 10 (emergency mutual assistance)",
          "l'art. 10 (entraide d'urgence)");
      case COOPERATION_TYPE_PRESERVATION -> Text.of("expedited preservation (Conv. Art. 29)",
          "la conservation rapide (art. 29 de la Convention)");
      case COOPERATION_TYPE_MLA -> Text.of("mutual assistance", "l'entraide");
      case COOPERATION_TYPE_POC -> Text.of("consultations between 24/7 points of contact (Conv. Art. 35)",
          "les consultations entre points de contact 24/7 (art. 35 de la Convention)");
      default -> Text.of("this form of cooperation", "cette forme de coopération");
    };
  }

  /** "this Art. 9 request" / "cette demande au titre de l'art. 9" for the body of {@code m}. */
  static Text label(InnerMessage m) {
    return switch (m.getBodyCase()) {
      case ART9_REQUEST -> Text.of("this Art. 9 request", "cette demande au titre de l'art. 9");
      case ART9_CONFIRMATION -> Text.of("this Art. 9.4 confirmation", "cette confirmation au titre de l'art. 9.4");
      case ART10_REQUEST -> Text.of("this Art. 10 request", "cette demande au titre de l'art. 10");
      case ART8_ORDER -> Text.of("this Art. 8 order", "cette injonction au titre de l'art. 8");
      case SIMULTANEOUS_NOTIFICATION -> Text.of("this Art. 7.5 notification",
          "cette notification au titre de l'art. 7.5");
      case ART6_CONSULTATION -> Text.of("this Art. 6.5 consultation", "cette consultation au titre de l'art. 6.5");
      default -> Text.of("this message", "ce message");
    };
  }

  /** "traffic data" / "données relatives au trafic". */
  static Text category(DataCategory category) {
    return switch (category) {
      case DATA_CATEGORY_SUBSCRIBER -> Text.of("subscriber information", "informations relatives aux abonnés");
      case DATA_CATEGORY_TRAFFIC -> Text.of("traffic data", "données relatives au trafic");
      case DATA_CATEGORY_CONTENT -> Text.of("content data", "données relatives au contenu");
      case DATA_CATEGORY_DOMAIN_REGISTRATION -> Text.of("domain registration data",
          "données d'enregistrement de noms de domaine");
      default -> Text.of("unspecified data", "données non précisées");
    };
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
