package org.relay247.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.rules.Fixtures.art8;
import static org.relay247.gateway.rules.Fixtures.example;
import static org.relay247.gateway.rules.Fixtures.fires;
import static org.relay247.gateway.rules.Fixtures.quiet;
import static org.relay247.gateway.rules.Fixtures.run;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.relay247.protocol.v1.Art8Authorities;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.ExtraInformation;
import org.relay247.protocol.v1.InnerMessage;

/** Art. 8: scope, R-8.13, D-7.8, D-8.4, N-8.10, D-8.11. The example order goes FR/ca to DE/ca. */
class Art8RulesTest {
  private static InnerMessage withCategory(DataCategory category) {
    return art8(o -> o.getOrderBuilder().getDataBuilder().addCategories(category));
  }

  private static InnerMessage withoutArt7Attempt() {
    return art8(o -> o.clearPriorArt7MessageId().clearArt7Explanation());
  }

  @Nested
  class Scope8_1 {
    @Test
    void scope8_1_contentDataInAnArt8Order_isBlocked() {
      Finding f = fires(run("SCOPE_8_1", withCategory(DataCategory.DATA_CATEGORY_CONTENT), "FR/ca", "DE/ca"));
      assertThat(f.explanation().en()).contains("Art. 8.1").contains("content data");
    }

    @Test
    void scope8_1_subscriberAndTraffic_passes() {
      quiet(run("SCOPE_8_1", withCategory(DataCategory.DATA_CATEGORY_TRAFFIC), "FR/ca", "DE/ca"));
    }
  }

  @Nested
  class TrafficReservation8_13 {
    @Test
    void res8_13_trafficDataToTheReservingParty_isBlocked() {
      Finding f = fires(run("RES_8_13", withCategory(DataCategory.DATA_CATEGORY_TRAFFIC), "FR/ca", "DE/ca"));
      assertThat(f.explanation().en()).isEqualTo("Party DE reserved the right under Art. 8.13 not to apply Art. 8"
          + " to traffic data.");
      assertThat(f.advice().en()).contains("mutual assistance (ER §125)");
    }

    @Test
    void res8_13_trafficDataFromTheReservingParty_isBlocked() {
      assertThat(fires(run("RES_8_13", withCategory(DataCategory.DATA_CATEGORY_TRAFFIC), "DE/ca", "FR/ca"))
          .explanation().en()).contains("Party DE (the requesting Party)").contains("ER §147");
    }

    @Test
    void res8_13_subscriberOnly_passes() {
      quiet(run("RES_8_13", example("art8-order.json"), "FR/ca", "DE/ca"));
    }

    @Test
    void res8_13_trafficDataBetweenPartiesWithoutTheReservation_passes() {
      quiet(run("RES_8_13", withCategory(DataCategory.DATA_CATEGORY_TRAFFIC), "FR/ca", "US/oia"));
    }
  }

  @Nested
  class Art7First7_8 {
    @Test
    void decl7_8_subscriberOrderWithoutArt7AttemptOrExplanation_isBlocked() {
      Finding f = fires(run("DECL_7_8", withoutArt7Attempt(), "FR/ca", "DE/ca"));
      assertThat(f.explanation().en()).startsWith("Party DE declared under Art. 7.8");
      assertThat(f.advice().en()).contains("prior_art7_message_id").contains("art7_explanation");
    }

    @Test
    void decl7_8_explanationGiven_passes() {
      quiet(run("DECL_7_8", art8(o -> o.clearPriorArt7MessageId()
          .setArt7Explanation("The provider does not answer direct orders from abroad.")), "FR/ca", "DE/ca"));
      quiet(run("DECL_7_8", example("art8-order.json"), "FR/ca", "DE/ca"));
    }

    @Test
    void decl7_8_requestingPartyReservedArt7_passes() {
      quiet(run("DECL_7_8", withoutArt7Attempt(), "US/oia", "DE/ca"));
    }

    @Test
    void decl7_8_withTrafficDataTheRequestedPartyGivesUnderArt8_passes() {
      Directory frDeclares78 = Fixtures.with("FR", Declaration.newBuilder().setKind(
          DeclarationKind.DECLARATION_KIND_D_7_8));
      InnerMessage both = art8(o -> o.clearPriorArt7MessageId().getOrderBuilder().getDataBuilder()
          .addCategories(DataCategory.DATA_CATEGORY_TRAFFIC));
      quiet(run("DECL_7_8", both, "DE/ca", "FR/ca", frDeclares78, Fixtures.AT));
      fires(run("DECL_7_8", withoutArt7Attempt(), "DE/ca", "FR/ca", frDeclares78, Fixtures.AT));
    }
  }

  @Nested
  class ExtraInformation8_4 {
    @Test
    void decl8_4_orderWithoutTheDeclaredExtraInformation_warns() {
      Finding f = fires(run("DECL_8_4", example("art8-order.json"), "DE/ca", "FR/ca"));
      assertThat(f.explanation().en()).contains("Party FR declared under Art. 8.4")
          .contains("judicial_order_copy (Copy of the domestic order").doesNotContain("traffic_period_justification")
          .contains("Art. 8.6");
      assertThat(f.advice().en()).isEqualTo("Add extra_information entries with keys judicial_order_copy.");
    }

    @Test
    void decl8_4_trafficDataNeedTheirOwnItem_warns() {
      assertThat(fires(run("DECL_8_4", withCategory(DataCategory.DATA_CATEGORY_TRAFFIC), "DE/ca", "FR/ca"))
          .advice().en()).contains("judicial_order_copy, traffic_period_justification");
    }

    @Test
    void decl8_4_extraInformationGiven_passes() {
      quiet(run("DECL_8_4", art8(o -> o.addExtraInformation(ExtraInformation.newBuilder()
          .setKey("judicial_order_copy").setValue("attached as ordre-art8-J3-25-218-0045.pdf"))), "DE/ca", "FR/ca"));
      quiet(run("DECL_8_4", example("art8-order.json"), "FR/ca", "DE/ca"));
    }
  }

  @Nested
  class Submitting8_10_a {
    @Test
    void notif8_10a_senderNotADesignatedSubmittingAuthority_isBlocked() {
      Finding f = fires(run("NOTIF_8_10_A", example("art8-order.json"), "FR/poc", "DE/ca"));
      assertThat(f.explanation().en()).contains("FR/tj-paris-j3, FR/ca").contains("Art. 8.10.a").contains("ER §146");
      assertThat(f.advice().en()).isEqualTo("Send it from FR/tj-paris-j3 or FR/ca.");
    }

    @Test
    void notif8_10a_designatedSubmittingAuthority_passes() {
      quiet(run("NOTIF_8_10_A", example("art8-order.json"), "FR/ca", "DE/ca"));
    }

    @Test
    void notif8_10a_centralAuthorityUnder8_11_passes() {
      Directory onlyJ3 = Fixtures.withParty("FR", p -> p.getDeclarationsBuilderList().stream()
          .filter(d -> d.getKind() == DeclarationKind.DECLARATION_KIND_N_8_10)
          .forEach(d -> d.setArt8Authorities(Art8Authorities.newBuilder().addSubmittingAuthorityIds("tj-paris-j3")
              .addReceivingAuthorityIds("ca"))));
      quiet(run("NOTIF_8_10_A", example("art8-order.json"), "FR/ca", "DE/ca", onlyJ3, Fixtures.AT));
      fires(run("NOTIF_8_10_A", example("art8-order.json"), "FR/ca", "US/oia", onlyJ3, Fixtures.AT));
    }
  }

  @Nested
  class Receiving8_10_b {
    @Test
    void notif8_10b_recipientNotADesignatedReceivingAuthority_isBlocked() {
      Finding f = fires(run("NOTIF_8_10_B", example("art8-order.json"), "FR/ca", "DE/gsta-berlin"));
      assertThat(f.advice().en()).isEqualTo("Address it to DE/ca.");
    }

    @Test
    void notif8_10b_designatedReceivingAuthority_passes() {
      quiet(run("NOTIF_8_10_B", example("art8-order.json"), "FR/ca", "DE/ca"));
    }
  }

  @Nested
  class CentralAuthorityOnly8_11 {
    @Test
    void decl8_11_orderNotSentThroughTheCentralAuthority_isBlocked() {
      Finding f = fires(run("DECL_8_11", example("art8-order.json"), "FR/tj-paris-j3", "DE/ca"));
      assertThat(f.explanation().en()).startsWith("Party DE declared under Art. 8.11")
          .contains("FR/tj-paris-j3 is not FR's central authority");
      assertThat(f.advice().en()).isEqualTo("Send it through FR/ca.");
    }

    @Test
    void decl8_11_throughTheCentralAuthority_passes() {
      quiet(run("DECL_8_11", example("art8-order.json"), "FR/ca", "DE/ca"));
      quiet(run("DECL_8_11", example("art8-order.json"), "FR/tj-paris-j3", "US/oia"));
    }
  }
}
