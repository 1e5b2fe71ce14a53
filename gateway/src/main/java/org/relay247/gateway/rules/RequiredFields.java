package org.relay247.gateway.rules;

import java.util.List;
import org.relay247.protocol.v1.Art10Request;
import org.relay247.protocol.v1.Art6Consultation;
import org.relay247.protocol.v1.Art6Request;
import org.relay247.protocol.v1.Art8Order;
import org.relay247.protocol.v1.Art9Request;
import org.relay247.protocol.v1.AuthorityIdentity;
import org.relay247.protocol.v1.ContactDetails;
import org.relay247.protocol.v1.InnerMessage.BodyCase;
import org.relay247.protocol.v1.Offence;
import org.relay247.protocol.v1.PreservationReference;
import org.relay247.protocol.v1.ServiceProvider;
import org.relay247.protocol.v1.SimultaneousNotification;
import org.relay247.gateway.rules.RequiredFieldRule.Missing;
import org.relay247.gateway.rules.RequiredFieldRule.Part;

/**
 * The required fields of Art. 9.3, 10.1, 8.3, 7.3-7.4 and 6.3, one rule per paragraph item, as
 * the .proto comments map them. Conditional items the message cannot show (8.3.a.v and 7.3.e,
 * "the requesting authority, if not the issuing authority") are not checked; the prior
 * preservation items (8.3.b.vii, 7.4.e) are checked only for the preservations listed.
 */
final class RequiredFields {
  private RequiredFields() {}

  private static final Part<Art9Request> ART9 = new Part<>("An Art. 9 request (or 9.4 confirmation)", Bodies::art9,
      m -> m.getBodyCase() == BodyCase.ART9_CONFIRMATION ? "request." : "");
  private static final Part<Art10Request> ART10 = new Part<>("An Art. 10 request", Bodies::art10, m -> "");
  private static final Part<Art8Order> ART8 = new Part<>("An Art. 8 order", Bodies::art8, m -> "");
  private static final Part<SimultaneousNotification> ART7 = new Part<>("An Art. 7.5 notification", Bodies::art7,
      m -> "");
  private static final Part<Art6Consultation> ART6 = new Part<>("An Art. 6.5 consultation", Bodies::art6, m -> "");

  private static void offences(Missing m, String path, List<Offence> offences) {
    m.nonEmpty(path, offences).each(path, offences, (x, o) -> x.text("description", o.getDescription())
        .text("legal_provisions", o.getLegalProvisions()).text("penalties", o.getPenalties()));
  }

  private static void provisions(Missing m, String path, List<Offence> offences) {
    m.nonEmpty(path, offences).each(path, offences, (x, o) -> x.text("legal_provisions", o.getLegalProvisions())
        .text("penalties", o.getPenalties()));
  }

  private static void providers(Missing m, String path, List<ServiceProvider> providers) {
    m.nonEmpty(path, providers).each(path, providers, (x, p) -> x.text("name", p.getName())
        .text("address", p.getAddress()));
  }

  private static void preservations(Missing m, String path, List<PreservationReference> list) {
    m.each(path, list, (x, p) -> x.text("reference", p.getReference()).present("requested_at", p.hasRequestedAt()));
  }

  private static void contactable(Missing m, String path, AuthorityIdentity a) {
    ContactDetails c = a.getContact();
    if (Bodies.blank(c.getEmail()) && Bodies.blank(c.getPhone())) {
      m.present(path + ".contact (email or phone)", false);
    }
  }

  private static void strings(Missing m, String path, List<String> values) {
    m.present(path, values.stream().anyMatch(s -> !Bodies.blank(s)));
  }

  static List<Rule> all() {
    return List.of(
        // Art. 9.3 -------------------------------------------------------------------------------
        new RequiredFieldRule<>("REQ_9_3_A", "9.3.a", Severity.BLOCK, ART9,
            Text.of("the competent authority seeking the data and the date of the request",
                "l'autorité compétente qui demande les données et la date de la demande"),
            "competent_authority.name, issued_at",
            (m, r) -> m.text("competent_authority.name", r.getCompetentAuthority().getName())
                .present("issued_at", r.hasIssuedAt())),
        new RequiredFieldRule<>("REQ_9_3_B", "9.3.b", Severity.BLOCK, ART9,
            Text.of("a statement that the request is issued pursuant to the Protocol",
                "une déclaration indiquant que la demande est émise en application du Protocole"),
            "issued_under_protocol: true",
            (m, r) -> m.isTrue("issued_under_protocol", r.getIssuedUnderProtocol())),
        new RequiredFieldRule<>("REQ_9_3_C", "9.3.c", Severity.BLOCK, ART9,
            Text.of("the name and address of the service provider(s) possessing or controlling the data",
                "le nom et l'adresse du ou des fournisseurs de services qui détiennent ou contrôlent les données"),
            "providers[].name, providers[].address",
            (m, r) -> providers(m, "providers", r.getProvidersList())),
        new RequiredFieldRule<>("REQ_9_3_D", "9.3.d", Severity.BLOCK, ART9,
            Text.of("the offence(s), the legal provisions and the applicable penalties",
                "la ou les infractions, les dispositions légales et les peines applicables"),
            "offences[].description, legal_provisions, penalties",
            (m, r) -> offences(m, "offences", r.getOffencesList())),
        new RequiredFieldRule<>("REQ_9_3_E", "9.3.e", Severity.BLOCK, ART9,
            Text.of("the facts showing there is an emergency and how the data sought relate to it",
                "les faits démontrant l'urgence et le lien entre les données recherchées et celle-ci"),
            "emergency_facts, relation_to_emergency",
            (m, r) -> m.text("emergency_facts", r.getEmergencyFacts())
                .text("relation_to_emergency", r.getRelationToEmergency())),
        new RequiredFieldRule<>("REQ_9_3_F", "9.3.f", Severity.BLOCK, ART9,
            Text.of("a detailed description of the data sought, with their categories (subscriber, traffic, content)",
                "une description détaillée des données recherchées, avec leurs catégories (abonné, trafic, contenu)"),
            "data.categories, data.description",
            (m, r) -> m.present("data.categories", !Art9Rules.categories(r.getData()).isEmpty())
                .text("data.description", r.getData().getDescription())),
        new RequiredFieldRule<>("REQ_9_3_G", "9.3.g", Severity.WARN, ART9,
            Text.of("any special procedural instructions (at least whether the provider must not inform the account"
                    + " holder)",
                "les éventuelles instructions procédurales spéciales (au moins si le fournisseur doit s'abstenir"
                    + " d'informer le titulaire du compte)"),
            "special_instructions",
            (m, r) -> m.present("special_instructions", r.hasSpecialInstructions())),
        new RequiredFieldRule<>("REQ_9_3_H", "9.3.h", Severity.WARN, ART9,
            Text.of("any other information that may help obtain the data (e.g. how to reach you at any hour)",
                "toute autre information pouvant aider à obtenir les données (par exemple comment vous joindre à"
                    + " toute heure)"),
            "other_information",
            (m, r) -> m.text("other_information", r.getOtherInformation())),

        // Art. 10.1 ------------------------------------------------------------------------------
        new RequiredFieldRule<>("REQ_10_1_AUTHORITY", "10.1", Severity.BLOCK, ART10,
            Text.of("the requesting authority and the date of the request",
                "l'autorité requérante et la date de la demande"),
            "requesting_authority.name, issued_at",
            (m, r) -> m.text("requesting_authority.name", r.getRequestingAuthority().getName())
                .present("issued_at", r.hasIssuedAt())),
        new RequiredFieldRule<>("REQ_10_1_PROTOCOL", "10.1", Severity.BLOCK, ART10,
            Text.of("a statement that the request is made under Art. 10 of the Protocol",
                "une déclaration indiquant que la demande est faite en application de l'art. 10 du Protocole"),
            "issued_under_protocol: true",
            (m, r) -> m.isTrue("issued_under_protocol", r.getIssuedUnderProtocol())),
        new RequiredFieldRule<>("REQ_10_1_EMERGENCY", "10.1", Severity.BLOCK, ART10,
            Text.of("the facts showing there is an emergency and how the assistance sought relates to it",
                "les faits démontrant l'urgence et le lien entre l'entraide demandée et celle-ci"),
            "emergency_facts, relation_to_emergency",
            (m, r) -> m.text("emergency_facts", r.getEmergencyFacts())
                .text("relation_to_emergency", r.getRelationToEmergency())),
        new RequiredFieldRule<>("REQ_10_1_OFFENCES", "10.1", Severity.BLOCK, ART10,
            Text.of("the offence(s) with their legal provisions and penalties, as the applicable treaty or the"
                    + " requested Party's law requires",
                "la ou les infractions avec leurs dispositions légales et peines, comme l'exigent le traité"
                    + " applicable ou le droit de la Partie requise"),
            "offences[].description, legal_provisions, penalties",
            (m, r) -> offences(m, "offences", r.getOffencesList())),
        new RequiredFieldRule<>("REQ_10_1_FACTS", "10.1", Severity.BLOCK, ART10,
            Text.of("a summary of the facts of the investigation", "un résumé des faits de l'enquête"),
            "summary_of_facts",
            (m, r) -> m.text("summary_of_facts", r.getSummaryOfFacts())),
        new RequiredFieldRule<>("REQ_10_1_MEASURES", "10.1", Severity.BLOCK, ART10,
            Text.of("the measures of assistance sought", "les mesures d'entraide demandées"),
            "measures[].description",
            (m, r) -> m.nonEmpty("measures", r.getMeasuresList())
                .each("measures", r.getMeasuresList(), (x, a) -> x.text("description", a.getDescription()))),

        // Art. 8.3.a: the order -----------------------------------------------------------------
        new RequiredFieldRule<Art8Order>("REQ_8_3_A_I", "8.3.a.i", Severity.BLOCK, ART8,
            Text.of("the issuing authority and the date of issue of the order",
                "l'autorité émettrice et la date d'émission de l'injonction"),
            "order.issuing_authority.name, order.issued_at",
            (m, o) -> m.text("order.issuing_authority.name", o.getOrder().getIssuingAuthority().getName())
                .present("order.issued_at", o.getOrder().hasIssuedAt())),
        new RequiredFieldRule<Art8Order>("REQ_8_3_A_II", "8.3.a.ii", Severity.BLOCK, ART8,
            Text.of("a statement that the order is issued pursuant to the Protocol",
                "une déclaration indiquant que l'injonction est émise en application du Protocole"),
            "order.issued_under_protocol: true",
            (m, o) -> m.isTrue("order.issued_under_protocol", o.getOrder().getIssuedUnderProtocol())),
        new RequiredFieldRule<Art8Order>("REQ_8_3_A_III", "8.3.a.iii", Severity.BLOCK, ART8,
            Text.of("the name and address of the service provider(s) to be served",
                "le nom et l'adresse du ou des fournisseurs de services destinataires"),
            "order.providers[].name, order.providers[].address",
            (m, o) -> providers(m, "order.providers", o.getOrder().getProvidersList())),
        new RequiredFieldRule<Art8Order>("REQ_8_3_A_IV", "8.3.a.iv", Severity.BLOCK, ART8,
            Text.of("the offence(s) that are the subject of the investigation or proceeding",
                "la ou les infractions faisant l'objet de l'enquête ou de la procédure"),
            "order.offences",
            (m, o) -> strings(m, "order.offences", o.getOrder().getOffencesList())),
        new RequiredFieldRule<Art8Order>("REQ_8_3_A_VI", "8.3.a.vi", Severity.BLOCK, ART8,
            Text.of("a detailed description of the data sought, with their categories (subscriber, traffic)",
                "une description détaillée des données recherchées, avec leurs catégories (abonné, trafic)"),
            "order.data.categories, order.data.description",
            (m, o) -> m.present("order.data.categories", !Art9Rules.categories(o.getOrder().getData()).isEmpty())
                .text("order.data.description", o.getOrder().getData().getDescription())),

        // Art. 8.3.b: supporting information ----------------------------------------------------
        new RequiredFieldRule<Art8Order>("REQ_8_3_B_I", "8.3.b.i", Severity.BLOCK, ART8,
            Text.of("the domestic legal basis that empowers the authority to issue the order",
                "la base juridique interne habilitant l'autorité à émettre l'injonction"),
            "supporting_information.domestic_legal_basis",
            (m, o) -> m.text("supporting_information.domestic_legal_basis",
                o.getSupportingInformation().getDomesticLegalBasis())),
        new RequiredFieldRule<Art8Order>("REQ_8_3_B_II", "8.3.b.ii", Severity.BLOCK, ART8,
            Text.of("the legal provisions and applicable penalties for the offence(s)",
                "les dispositions légales et les peines applicables à la ou aux infractions"),
            "supporting_information.offences[].legal_provisions, penalties",
            (m, o) -> provisions(m, "supporting_information.offences", o.getSupportingInformation().getOffencesList())),
        new RequiredFieldRule<Art8Order>("REQ_8_3_B_III", "8.3.b.iii", Severity.BLOCK, ART8,
            Text.of("the reason why the provider is believed to possess or control the data",
                "la raison pour laquelle le fournisseur est présumé détenir ou contrôler les données"),
            "supporting_information.provider_possession_grounds",
            (m, o) -> m.text("supporting_information.provider_possession_grounds",
                o.getSupportingInformation().getProviderPossessionGrounds())),
        new RequiredFieldRule<Art8Order>("REQ_8_3_B_IV", "8.3.b.iv", Severity.BLOCK, ART8,
            Text.of("a summary of the facts related to the investigation or proceeding",
                "un résumé des faits relatifs à l'enquête ou à la procédure"),
            "supporting_information.summary_of_facts",
            (m, o) -> m.text("supporting_information.summary_of_facts",
                o.getSupportingInformation().getSummaryOfFacts())),
        new RequiredFieldRule<Art8Order>("REQ_8_3_B_V", "8.3.b.v", Severity.BLOCK, ART8,
            Text.of("the relevance of the data to the investigation or proceeding",
                "la pertinence des données pour l'enquête ou la procédure"),
            "supporting_information.relevance",
            (m, o) -> m.text("supporting_information.relevance", o.getSupportingInformation().getRelevance())),
        new RequiredFieldRule<Art8Order>("REQ_8_3_B_VI", "8.3.b.vi", Severity.BLOCK, ART8,
            Text.of("contact information of an authority or authorities that may provide further information",
                "les coordonnées d'une ou de plusieurs autorités pouvant fournir des informations complémentaires"),
            "supporting_information.contacts[] with email or phone",
            (m, o) -> {
              List<ContactDetails> contacts = o.getSupportingInformation().getContactsList();
              m.present("supporting_information.contacts (email or phone)",
                  contacts.stream().anyMatch(c -> !Bodies.blank(c.getEmail()) || !Bodies.blank(c.getPhone())));
            }),
        new RequiredFieldRule<Art8Order>("REQ_8_3_B_VII", "8.3.b.vii", Severity.BLOCK, ART8,
            Text.of("the date and reference of each prior preservation request listed",
                "la date et la référence de chaque demande de conservation antérieure mentionnée"),
            "supporting_information.preservations[].reference, requested_at",
            (m, o) -> preservations(m, "supporting_information.preservations",
                o.getSupportingInformation().getPreservationsList())),
        new RequiredFieldRule<Art8Order>("REQ_8_3_B_VIII", "8.3.b.viii", Severity.BLOCK, ART8,
            Text.of("a statement of whether the data have already been sought by other means and, if so, how",
                "l'indication que les données ont ou non déjà été recherchées par d'autres moyens et, le cas"
                    + " échéant, lesquels"),
            "supporting_information.other_means",
            (m, o) -> m.text("supporting_information.other_means", o.getSupportingInformation().getOtherMeans())),

        // Art. 7.3: the order, as notified ------------------------------------------------------
        new RequiredFieldRule<SimultaneousNotification>("REQ_7_3_A", "7.3.a", Severity.BLOCK, ART7,
            Text.of("the issuing authority and the date of issue of the order",
                "l'autorité émettrice et la date d'émission de l'injonction"),
            "order.issuing_authority.name, order.issued_at",
            (m, n) -> m.text("order.issuing_authority.name", n.getOrder().getIssuingAuthority().getName())
                .present("order.issued_at", n.getOrder().hasIssuedAt())),
        new RequiredFieldRule<SimultaneousNotification>("REQ_7_3_B", "7.3.b", Severity.BLOCK, ART7,
            Text.of("a statement that the order is issued pursuant to the Protocol",
                "une déclaration indiquant que l'injonction est émise en application du Protocole"),
            "order.issued_under_protocol: true",
            (m, n) -> m.isTrue("order.issued_under_protocol", n.getOrder().getIssuedUnderProtocol())),
        new RequiredFieldRule<SimultaneousNotification>("REQ_7_3_C", "7.3.c", Severity.BLOCK, ART7,
            Text.of("the name and address of the service provider(s) to be served",
                "le nom et l'adresse du ou des fournisseurs de services destinataires"),
            "order.providers[].name, order.providers[].address",
            (m, n) -> providers(m, "order.providers", n.getOrder().getProvidersList())),
        new RequiredFieldRule<SimultaneousNotification>("REQ_7_3_D", "7.3.d", Severity.BLOCK, ART7,
            Text.of("the offence(s) that are the subject of the investigation or proceeding",
                "la ou les infractions faisant l'objet de l'enquête ou de la procédure"),
            "order.offences",
            (m, n) -> strings(m, "order.offences", n.getOrder().getOffencesList())),
        new RequiredFieldRule<SimultaneousNotification>("REQ_7_3_F", "7.3.f", Severity.BLOCK, ART7,
            Text.of("a detailed description of the specific subscriber information sought",
                "une description détaillée des informations spécifiques relatives aux abonnés recherchées"),
            "order.subscriber_information.description",
            (m, n) -> m.text("order.subscriber_information.description",
                n.getOrder().getSubscriberInformation().getDescription())),

        // Art. 7.4: supplementary information ---------------------------------------------------
        new RequiredFieldRule<SimultaneousNotification>("REQ_7_4_A", "7.4.a", Severity.BLOCK, ART7,
            Text.of("the domestic legal basis that empowers the authority to issue the order",
                "la base juridique interne habilitant l'autorité à émettre l'injonction"),
            "supplementary_information.domestic_legal_basis",
            (m, n) -> m.text("supplementary_information.domestic_legal_basis",
                n.getSupplementaryInformation().getDomesticLegalBasis())),
        new RequiredFieldRule<SimultaneousNotification>("REQ_7_4_B", "7.4.b", Severity.BLOCK, ART7,
            Text.of("the legal provisions and applicable penalties for the offence(s)",
                "les dispositions légales et les peines applicables à la ou aux infractions"),
            "supplementary_information.offences[].legal_provisions, penalties",
            (m, n) -> provisions(m, "supplementary_information.offences",
                n.getSupplementaryInformation().getOffencesList())),
        new RequiredFieldRule<SimultaneousNotification>("REQ_7_4_C", "7.4.c", Severity.BLOCK, ART7,
            Text.of("the contact of the authority that receives the data and answers the provider's questions",
                "les coordonnées de l'autorité qui reçoit les données et répond aux questions du fournisseur"),
            "supplementary_information.contact_authority.name, .contact.email or .phone",
            (m, n) -> {
              AuthorityIdentity a = n.getSupplementaryInformation().getContactAuthority();
              m.text("supplementary_information.contact_authority.name", a.getName());
              contactable(m, "supplementary_information.contact_authority", a);
            }),
        new RequiredFieldRule<SimultaneousNotification>("REQ_7_4_D", "7.4.d", Severity.BLOCK, ART7,
            Text.of("the time and manner in which to produce the subscriber information",
                "le délai et les modalités de production des informations relatives aux abonnés"),
            "supplementary_information.production_deadline, production_manner",
            (m, n) -> m.present("supplementary_information.production_deadline",
                    n.getSupplementaryInformation().hasProductionDeadline())
                .text("supplementary_information.production_manner", n.getSupplementaryInformation()
                    .getProductionManner())),
        new RequiredFieldRule<SimultaneousNotification>("REQ_7_4_E", "7.4.e", Severity.BLOCK, ART7,
            Text.of("the date and reference of each prior preservation request listed",
                "la date et la référence de chaque demande de conservation antérieure mentionnée"),
            "supplementary_information.preservations[].reference, requested_at",
            (m, n) -> preservations(m, "supplementary_information.preservations",
                n.getSupplementaryInformation().getPreservationsList())),
        new RequiredFieldRule<SimultaneousNotification>("REQ_7_4_G", "7.4.g", Severity.BLOCK, ART7,
            Text.of("a statement that simultaneous notification has been made under Art. 7.5",
                "une déclaration indiquant que la notification simultanée a été faite en application de l'art. 7.5"),
            "supplementary_information.simultaneous_notification_made: true",
            (m, n) -> m.isTrue("supplementary_information.simultaneous_notification_made",
                n.getSupplementaryInformation().getSimultaneousNotificationMade())),

        // Art. 6.3: the request to the registrar, as consulted ---------------------------------
        new RequiredFieldRule<Art6Consultation>("REQ_6_3_A", "6.3.a", Severity.BLOCK, ART6,
            Text.of("the date of issue and the identity and contact details of the issuing authority",
                "la date d'émission ainsi que l'identité et les coordonnées de l'autorité émettrice"),
            "request.issuing_authority.name, .contact.email or .phone, request.issued_at",
            (m, c) -> {
              Art6Request r = c.getRequest();
              m.text("request.issuing_authority.name", r.getIssuingAuthority().getName());
              contactable(m, "request.issuing_authority", r.getIssuingAuthority());
              m.present("request.issued_at", r.hasIssuedAt());
            }),
        new RequiredFieldRule<Art6Consultation>("REQ_6_3_B", "6.3.b", Severity.BLOCK, ART6,
            Text.of("the domain name and a detailed description of the registration data sought",
                "le nom de domaine et une description détaillée des données d'enregistrement recherchées"),
            "request.domain_name, request.data_elements",
            (m, c) -> {
              m.text("request.domain_name", c.getRequest().getDomainName());
              strings(m, "request.data_elements", c.getRequest().getDataElementsList());
            }),
        new RequiredFieldRule<Art6Consultation>("REQ_6_3_C", "6.3.c", Severity.BLOCK, ART6,
            Text.of("a statement that the request is issued pursuant to the Protocol, that the information is needed"
                    + " for a specific investigation and will be used only for it",
                "une déclaration indiquant que la demande est émise en application du Protocole, que les"
                    + " informations sont nécessaires à une enquête spécifique et ne seront utilisées que pour"
                    + " celle-ci"),
            "request.issued_under_protocol: true",
            (m, c) -> m.isTrue("request.issued_under_protocol", c.getRequest().getIssuedUnderProtocol())),
        new RequiredFieldRule<Art6Consultation>("REQ_6_3_D", "6.3.d", Severity.BLOCK, ART6,
            Text.of("the time and manner of disclosure and any special procedural instructions",
                "le délai et les modalités de divulgation ainsi que les éventuelles instructions procédurales"
                    + " spéciales"),
            "request.deadline, request.instructions",
            (m, c) -> m.present("request.deadline", c.getRequest().hasDeadline())
                .text("request.instructions", c.getRequest().getInstructions())));
  }
}
