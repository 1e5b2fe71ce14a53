package org.relay247.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.rules.Fixtures.art10;
import static org.relay247.gateway.rules.Fixtures.art6;
import static org.relay247.gateway.rules.Fixtures.art7;
import static org.relay247.gateway.rules.Fixtures.art8;
import static org.relay247.gateway.rules.Fixtures.art9;
import static org.relay247.gateway.rules.Fixtures.fires;
import static org.relay247.gateway.rules.Fixtures.quiet;
import static org.relay247.gateway.rules.Fixtures.run;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.relay247.protocol.v1.Art9Confirmation;
import org.relay247.protocol.v1.InnerMessage;

/**
 * The required fields of Art. 9.3, 10.1, 8.3, 7.3-7.4 and 6.3: for each rule, the complete example of
 * docs/examples passes and the example without the field fails, naming the field and the article.
 */
class RequiredFieldsTest {

  private static void missing(String code, InnerMessage m, String from, String to, String... fields) {
    Finding f = fires(run(code, m, from, to));
    assertThat(f.explanation().en()).startsWith("Art. " + f.article() + " ").contains(fields);
    assertThat(f.explanation().fr()).startsWith("L'art. " + f.article() + " ");
    assertThat(f.advice().en()).startsWith("Add ");
    assertThat(f.advice().fr()).startsWith("Ajoutez ");
  }

  /** Art. 9.3 a-h (art9_request, art9_confirmation). */
  @Nested
  class Art9_3 {
    @Test
    void req9_3e_electronicConfirmationWithoutEmergencyFacts_isBlocked() {
      InnerMessage request = art9(r -> r.clearEmergencyFacts());
      InnerMessage confirmation = request.toBuilder().setArt9Confirmation(Art9Confirmation.newBuilder()
          .setOralRequestRecordId("019aa430-9a40-7593-9e3f-13c7dd8924e6").setRequest(request.getArt9Request()))
          .build();
      Finding f = fires(run("REQ_9_3_E", confirmation, "FR/poc", "DE/poc"));
      assertThat(f.explanation().en()).contains("this Art. 9.4 confirmation lacks: request.emergency_facts.");
    }

    @Test
    void req9_3a_competentAuthorityAndDateMissing_isBlocked() {
      missing("REQ_9_3_A", art9(r -> r.clearIssuedAt().getCompetentAuthorityBuilder().clearName()), "FR/poc", "DE/poc", "competent_authority.name, issued_at");
    }

    @Test
    void req9_3a_competentAuthorityAndDatePresent_passes() {
      quiet(run("REQ_9_3_A", art9(x -> { }), "FR/poc", "DE/poc"));
    }

    @Test
    void req9_3b_protocolStatementMissing_isBlocked() {
      missing("REQ_9_3_B", art9(r -> r.setIssuedUnderProtocol(false)), "FR/poc", "DE/poc", "issued_under_protocol (must be true)");
    }

    @Test
    void req9_3b_protocolStatementPresent_passes() {
      quiet(run("REQ_9_3_B", art9(x -> { }), "FR/poc", "DE/poc"));
    }

    @Test
    void req9_3c_providerNameAndAddressMissing_isBlocked() {
      missing("REQ_9_3_C", art9(r -> r.getProvidersBuilder(0).clearAddress()), "FR/poc", "DE/poc", "providers[0].address");
    }

    @Test
    void req9_3c_providerNameAndAddressPresent_passes() {
      quiet(run("REQ_9_3_C", art9(x -> { }), "FR/poc", "DE/poc"));
    }

    @Test
    void req9_3d_offencesProvisionsPenaltiesMissing_isBlocked() {
      missing("REQ_9_3_D", art9(r -> r.getOffencesBuilder(0).clearPenalties()), "FR/poc", "DE/poc", "offences[0].penalties");
    }

    @Test
    void req9_3d_offencesProvisionsPenaltiesPresent_passes() {
      quiet(run("REQ_9_3_D", art9(x -> { }), "FR/poc", "DE/poc"));
    }

    @Test
    void req9_3e_emergencyFactsAndRelationMissing_isBlocked() {
      missing("REQ_9_3_E", art9(r -> r.clearRelationToEmergency()), "FR/poc", "DE/poc", "relation_to_emergency");
    }

    @Test
    void req9_3e_emergencyFactsAndRelationPresent_passes() {
      quiet(run("REQ_9_3_E", art9(x -> { }), "FR/poc", "DE/poc"));
    }

    @Test
    void req9_3f_dataDescribedAndTaggedMissing_isBlocked() {
      missing("REQ_9_3_F", art9(r -> r.getDataBuilder().clearCategories()), "FR/poc", "DE/poc", "data.categories");
    }

    @Test
    void req9_3f_dataDescribedAndTaggedPresent_passes() {
      quiet(run("REQ_9_3_F", art9(x -> { }), "FR/poc", "DE/poc"));
    }

    @Test
    void req9_3g_specialInstructionsMissing_warns() {
      missing("REQ_9_3_G", art9(r -> r.clearSpecialInstructions()), "FR/poc", "DE/poc", "special_instructions");
    }

    @Test
    void req9_3g_specialInstructionsPresent_passes() {
      quiet(run("REQ_9_3_G", art9(x -> { }), "FR/poc", "DE/poc"));
    }

    @Test
    void req9_3h_otherInformationMissing_warns() {
      missing("REQ_9_3_H", art9(r -> r.clearOtherInformation()), "FR/poc", "DE/poc", "other_information");
    }

    @Test
    void req9_3h_otherInformationPresent_passes() {
      quiet(run("REQ_9_3_H", art9(x -> { }), "FR/poc", "DE/poc"));
    }
  }

  /** Art. 10.1 (art10_request). */
  @Nested
  class Art10_1 {
    @Test
    void req10_1authority_requestingAuthorityAndDateMissing_isBlocked() {
      missing("REQ_10_1_AUTHORITY", art10(r -> r.clearRequestingAuthority()), "FR/ca", "DE/ca", "requesting_authority.name");
    }

    @Test
    void req10_1authority_requestingAuthorityAndDatePresent_passes() {
      quiet(run("REQ_10_1_AUTHORITY", art10(x -> { }), "FR/ca", "DE/ca"));
    }

    @Test
    void req10_1protocol_protocolStatementMissing_isBlocked() {
      missing("REQ_10_1_PROTOCOL", art10(r -> r.clearIssuedUnderProtocol()), "FR/ca", "DE/ca", "issued_under_protocol (must be true)");
    }

    @Test
    void req10_1protocol_protocolStatementPresent_passes() {
      quiet(run("REQ_10_1_PROTOCOL", art10(x -> { }), "FR/ca", "DE/ca"));
    }

    @Test
    void req10_1emergency_emergencyFactsMissing_isBlocked() {
      missing("REQ_10_1_EMERGENCY", art10(r -> r.clearEmergencyFacts()), "FR/ca", "DE/ca", "emergency_facts");
    }

    @Test
    void req10_1emergency_emergencyFactsPresent_passes() {
      quiet(run("REQ_10_1_EMERGENCY", art10(x -> { }), "FR/ca", "DE/ca"));
    }

    @Test
    void req10_1offences_offencesMissing_isBlocked() {
      missing("REQ_10_1_OFFENCES", art10(r -> r.clearOffences()), "FR/ca", "DE/ca", "offences");
    }

    @Test
    void req10_1offences_offencesPresent_passes() {
      quiet(run("REQ_10_1_OFFENCES", art10(x -> { }), "FR/ca", "DE/ca"));
    }

    @Test
    void req10_1facts_summaryOfFactsMissing_isBlocked() {
      missing("REQ_10_1_FACTS", art10(r -> r.clearSummaryOfFacts()), "FR/ca", "DE/ca", "summary_of_facts");
    }

    @Test
    void req10_1facts_summaryOfFactsPresent_passes() {
      quiet(run("REQ_10_1_FACTS", art10(x -> { }), "FR/ca", "DE/ca"));
    }

    @Test
    void req10_1measures_measuresMissing_isBlocked() {
      missing("REQ_10_1_MEASURES", art10(r -> r.getMeasuresBuilder(0).clearDescription()), "FR/ca", "DE/ca", "measures[0].description");
    }

    @Test
    void req10_1measures_measuresPresent_passes() {
      quiet(run("REQ_10_1_MEASURES", art10(x -> { }), "FR/ca", "DE/ca"));
    }
  }

  /** Art. 8.3.a: the order (art8_order). */
  @Nested
  class Art8_3_a {
    @Test
    void req8_3ai_issuingAuthorityAndDateMissing_isBlocked() {
      missing("REQ_8_3_A_I", art8(o -> o.getOrderBuilder().clearIssuedAt()), "FR/ca", "DE/ca", "order.issued_at");
    }

    @Test
    void req8_3ai_issuingAuthorityAndDatePresent_passes() {
      quiet(run("REQ_8_3_A_I", art8(x -> { }), "FR/ca", "DE/ca"));
    }

    @Test
    void req8_3aii_protocolStatementMissing_isBlocked() {
      missing("REQ_8_3_A_II", art8(o -> o.getOrderBuilder().setIssuedUnderProtocol(false)), "FR/ca", "DE/ca", "order.issued_under_protocol (must be true)");
    }

    @Test
    void req8_3aii_protocolStatementPresent_passes() {
      quiet(run("REQ_8_3_A_II", art8(x -> { }), "FR/ca", "DE/ca"));
    }

    @Test
    void req8_3aiii_providersMissing_isBlocked() {
      missing("REQ_8_3_A_III", art8(o -> o.getOrderBuilder().clearProviders()), "FR/ca", "DE/ca", "order.providers");
    }

    @Test
    void req8_3aiii_providersPresent_passes() {
      quiet(run("REQ_8_3_A_III", art8(x -> { }), "FR/ca", "DE/ca"));
    }

    @Test
    void req8_3aiv_offencesMissing_isBlocked() {
      missing("REQ_8_3_A_IV", art8(o -> o.getOrderBuilder().clearOffences().addOffences(" ")), "FR/ca", "DE/ca", "order.offences");
    }

    @Test
    void req8_3aiv_offencesPresent_passes() {
      quiet(run("REQ_8_3_A_IV", art8(x -> { }), "FR/ca", "DE/ca"));
    }

    @Test
    void req8_3avi_dataDescriptionMissing_isBlocked() {
      missing("REQ_8_3_A_VI", art8(o -> o.getOrderBuilder().getDataBuilder().clearDescription()), "FR/ca", "DE/ca", "order.data.description");
    }

    @Test
    void req8_3avi_dataDescriptionPresent_passes() {
      quiet(run("REQ_8_3_A_VI", art8(x -> { }), "FR/ca", "DE/ca"));
    }
  }

  /** Art. 8.3.b: supporting information (art8_order). */
  @Nested
  class Art8_3_b {
    @Test
    void req8_3bi_domesticLegalBasisMissing_isBlocked() {
      missing("REQ_8_3_B_I", art8(o -> o.getSupportingInformationBuilder().clearDomesticLegalBasis()), "FR/ca", "DE/ca", "supporting_information.domestic_legal_basis");
    }

    @Test
    void req8_3bi_domesticLegalBasisPresent_passes() {
      quiet(run("REQ_8_3_B_I", art8(x -> { }), "FR/ca", "DE/ca"));
    }

    @Test
    void req8_3bii_provisionsAndPenaltiesMissing_isBlocked() {
      missing("REQ_8_3_B_II", art8(o -> o.getSupportingInformationBuilder().getOffencesBuilder(0).clearLegalProvisions()), "FR/ca", "DE/ca", "supporting_information.offences[0].legal_provisions");
    }

    @Test
    void req8_3bii_provisionsAndPenaltiesPresent_passes() {
      quiet(run("REQ_8_3_B_II", art8(x -> { }), "FR/ca", "DE/ca"));
    }

    @Test
    void req8_3biii_possessionGroundsMissing_isBlocked() {
      missing("REQ_8_3_B_III", art8(o -> o.getSupportingInformationBuilder().clearProviderPossessionGrounds()), "FR/ca", "DE/ca", "supporting_information.provider_possession_grounds");
    }

    @Test
    void req8_3biii_possessionGroundsPresent_passes() {
      quiet(run("REQ_8_3_B_III", art8(x -> { }), "FR/ca", "DE/ca"));
    }

    @Test
    void req8_3biv_summaryOfFactsMissing_isBlocked() {
      missing("REQ_8_3_B_IV", art8(o -> o.getSupportingInformationBuilder().clearSummaryOfFacts()), "FR/ca", "DE/ca", "supporting_information.summary_of_facts");
    }

    @Test
    void req8_3biv_summaryOfFactsPresent_passes() {
      quiet(run("REQ_8_3_B_IV", art8(x -> { }), "FR/ca", "DE/ca"));
    }

    @Test
    void req8_3bv_relevanceMissing_isBlocked() {
      missing("REQ_8_3_B_V", art8(o -> o.getSupportingInformationBuilder().clearRelevance()), "FR/ca", "DE/ca", "supporting_information.relevance");
    }

    @Test
    void req8_3bv_relevancePresent_passes() {
      quiet(run("REQ_8_3_B_V", art8(x -> { }), "FR/ca", "DE/ca"));
    }

    @Test
    void req8_3bvi_contactsMissing_isBlocked() {
      missing("REQ_8_3_B_VI", art8(o -> o.getSupportingInformationBuilder().getContactsBuilder(0).clearEmail().clearPhone()), "FR/ca", "DE/ca", "supporting_information.contacts (email or phone)");
    }

    @Test
    void req8_3bvi_contactsPresent_passes() {
      quiet(run("REQ_8_3_B_VI", art8(x -> { }), "FR/ca", "DE/ca"));
    }

    @Test
    void req8_3bvii_preservationDateAndReferenceMissing_isBlocked() {
      missing("REQ_8_3_B_VII", art8(o -> o.getSupportingInformationBuilder().getPreservationsBuilder(0).clearRequestedAt()), "FR/ca", "DE/ca", "supporting_information.preservations[0].requested_at");
    }

    @Test
    void req8_3bvii_preservationDateAndReferencePresent_passes() {
      quiet(run("REQ_8_3_B_VII", art8(o -> o.getSupportingInformationBuilder().clearPreservations()), "FR/ca", "DE/ca"));
      quiet(run("REQ_8_3_B_VII", art8(x -> { }), "FR/ca", "DE/ca"));
    }

    @Test
    void req8_3bviii_otherMeansMissing_isBlocked() {
      missing("REQ_8_3_B_VIII", art8(o -> o.getSupportingInformationBuilder().clearOtherMeans()), "FR/ca", "DE/ca", "supporting_information.other_means");
    }

    @Test
    void req8_3bviii_otherMeansPresent_passes() {
      quiet(run("REQ_8_3_B_VIII", art8(x -> { }), "FR/ca", "DE/ca"));
    }
  }

  /** Art. 7.3: the order (simultaneous_notification). */
  @Nested
  class Art7_3 {
    @Test
    void req7_3a_issuingAuthorityAndDateMissing_isBlocked() {
      missing("REQ_7_3_A", art7(n -> n.getOrderBuilder().clearIssuingAuthority()), "FR/tj-paris-j3", "DE/gsta-berlin", "order.issuing_authority.name");
    }

    @Test
    void req7_3a_issuingAuthorityAndDatePresent_passes() {
      quiet(run("REQ_7_3_A", art7(x -> { }), "FR/tj-paris-j3", "DE/gsta-berlin"));
    }

    @Test
    void req7_3b_protocolStatementMissing_isBlocked() {
      missing("REQ_7_3_B", art7(n -> n.getOrderBuilder().setIssuedUnderProtocol(false)), "FR/tj-paris-j3", "DE/gsta-berlin", "order.issued_under_protocol (must be true)");
    }

    @Test
    void req7_3b_protocolStatementPresent_passes() {
      quiet(run("REQ_7_3_B", art7(x -> { }), "FR/tj-paris-j3", "DE/gsta-berlin"));
    }

    @Test
    void req7_3c_providerMissing_isBlocked() {
      missing("REQ_7_3_C", art7(n -> n.getOrderBuilder().getProvidersBuilder(0).clearName()), "FR/tj-paris-j3", "DE/gsta-berlin", "order.providers[0].name");
    }

    @Test
    void req7_3c_providerPresent_passes() {
      quiet(run("REQ_7_3_C", art7(x -> { }), "FR/tj-paris-j3", "DE/gsta-berlin"));
    }

    @Test
    void req7_3d_offencesMissing_isBlocked() {
      missing("REQ_7_3_D", art7(n -> n.getOrderBuilder().clearOffences()), "FR/tj-paris-j3", "DE/gsta-berlin", "order.offences");
    }

    @Test
    void req7_3d_offencesPresent_passes() {
      quiet(run("REQ_7_3_D", art7(x -> { }), "FR/tj-paris-j3", "DE/gsta-berlin"));
    }

    @Test
    void req7_3f_subscriberInformationDescribedMissing_isBlocked() {
      missing("REQ_7_3_F", art7(n -> n.getOrderBuilder().getSubscriberInformationBuilder().clearDescription()), "FR/tj-paris-j3", "DE/gsta-berlin", "order.subscriber_information.description");
    }

    @Test
    void req7_3f_subscriberInformationDescribedPresent_passes() {
      quiet(run("REQ_7_3_F", art7(x -> { }), "FR/tj-paris-j3", "DE/gsta-berlin"));
    }
  }

  /** Art. 7.4: supplementary information (simultaneous_notification). */
  @Nested
  class Art7_4 {
    @Test
    void req7_4a_domesticLegalBasisMissing_isBlocked() {
      missing("REQ_7_4_A", art7(n -> n.getSupplementaryInformationBuilder().clearDomesticLegalBasis()), "FR/tj-paris-j3", "DE/gsta-berlin", "supplementary_information.domestic_legal_basis");
    }

    @Test
    void req7_4a_domesticLegalBasisPresent_passes() {
      quiet(run("REQ_7_4_A", art7(x -> { }), "FR/tj-paris-j3", "DE/gsta-berlin"));
    }

    @Test
    void req7_4b_provisionsAndPenaltiesMissing_isBlocked() {
      missing("REQ_7_4_B", art7(n -> n.getSupplementaryInformationBuilder().clearOffences()), "FR/tj-paris-j3", "DE/gsta-berlin", "supplementary_information.offences");
    }

    @Test
    void req7_4b_provisionsAndPenaltiesPresent_passes() {
      quiet(run("REQ_7_4_B", art7(x -> { }), "FR/tj-paris-j3", "DE/gsta-berlin"));
    }

    @Test
    void req7_4c_contactAuthorityMissing_isBlocked() {
      missing("REQ_7_4_C", art7(n -> n.getSupplementaryInformationBuilder().getContactAuthorityBuilder().clearContact()), "FR/tj-paris-j3", "DE/gsta-berlin", "supplementary_information.contact_authority.contact (email or phone)");
    }

    @Test
    void req7_4c_contactAuthorityPresent_passes() {
      quiet(run("REQ_7_4_C", art7(x -> { }), "FR/tj-paris-j3", "DE/gsta-berlin"));
    }

    @Test
    void req7_4d_deadlineAndMannerMissing_isBlocked() {
      missing("REQ_7_4_D", art7(n -> n.getSupplementaryInformationBuilder().clearProductionDeadline()), "FR/tj-paris-j3", "DE/gsta-berlin", "supplementary_information.production_deadline");
    }

    @Test
    void req7_4d_deadlineAndMannerPresent_passes() {
      quiet(run("REQ_7_4_D", art7(x -> { }), "FR/tj-paris-j3", "DE/gsta-berlin"));
    }

    @Test
    void req7_4e_preservationDateAndReferenceMissing_isBlocked() {
      missing("REQ_7_4_E", art7(n -> n.getSupplementaryInformationBuilder().getPreservationsBuilder(0).clearReference()), "FR/tj-paris-j3", "DE/gsta-berlin", "supplementary_information.preservations[0].reference");
    }

    @Test
    void req7_4e_preservationDateAndReferencePresent_passes() {
      quiet(run("REQ_7_4_E", art7(n -> n.getSupplementaryInformationBuilder().clearPreservations()), "FR/tj-paris-j3", "DE/gsta-berlin"));
      quiet(run("REQ_7_4_E", art7(x -> { }), "FR/tj-paris-j3", "DE/gsta-berlin"));
    }

    @Test
    void req7_4g_notificationStatementMissing_isBlocked() {
      missing("REQ_7_4_G", art7(n -> n.getSupplementaryInformationBuilder().setSimultaneousNotificationMade(false)), "FR/tj-paris-j3", "DE/gsta-berlin", "supplementary_information.simultaneous_notification_made (must be true)");
    }

    @Test
    void req7_4g_notificationStatementPresent_passes() {
      quiet(run("REQ_7_4_G", art7(x -> { }), "FR/tj-paris-j3", "DE/gsta-berlin"));
    }
  }

  /** Art. 6.3: the request to the registrar (art6_consultation). */
  @Nested
  class Art6_3 {
    @Test
    void req6_3a_issuingAuthorityContactsAndDateMissing_isBlocked() {
      missing("REQ_6_3_A", art6(c -> c.getRequestBuilder().getIssuingAuthorityBuilder().clearContact()), "FR/tj-paris-j3", "DE/poc", "request.issuing_authority.contact (email or phone)");
    }

    @Test
    void req6_3a_issuingAuthorityContactsAndDatePresent_passes() {
      quiet(run("REQ_6_3_A", art6(x -> { }), "FR/tj-paris-j3", "DE/poc"));
    }

    @Test
    void req6_3b_domainAndDataElementsMissing_isBlocked() {
      missing("REQ_6_3_B", art6(c -> c.getRequestBuilder().clearDataElements()), "FR/tj-paris-j3", "DE/poc", "request.data_elements");
    }

    @Test
    void req6_3b_domainAndDataElementsPresent_passes() {
      quiet(run("REQ_6_3_B", art6(x -> { }), "FR/tj-paris-j3", "DE/poc"));
    }

    @Test
    void req6_3c_protocolStatementMissing_isBlocked() {
      missing("REQ_6_3_C", art6(c -> c.getRequestBuilder().setIssuedUnderProtocol(false)), "FR/tj-paris-j3", "DE/poc", "request.issued_under_protocol (must be true)");
    }

    @Test
    void req6_3c_protocolStatementPresent_passes() {
      quiet(run("REQ_6_3_C", art6(x -> { }), "FR/tj-paris-j3", "DE/poc"));
    }

    @Test
    void req6_3d_deadlineAndInstructionsMissing_isBlocked() {
      missing("REQ_6_3_D", art6(c -> c.getRequestBuilder().clearDeadline()), "FR/tj-paris-j3", "DE/poc", "request.deadline");
    }

    @Test
    void req6_3d_deadlineAndInstructionsPresent_passes() {
      quiet(run("REQ_6_3_D", art6(x -> { }), "FR/tj-paris-j3", "DE/poc"));
    }
  }
}
