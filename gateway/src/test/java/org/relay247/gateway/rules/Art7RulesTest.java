package org.relay247.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.rules.Fixtures.art7;
import static org.relay247.gateway.rules.Fixtures.example;
import static org.relay247.gateway.rules.Fixtures.fires;
import static org.relay247.gateway.rules.Fixtures.quiet;
import static org.relay247.gateway.rules.Fixtures.run;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.relay247.protocol.v1.AuthorityKind;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.InnerMessage;

/**
 * Art. 7, on the Art. 7.5 simultaneous notification the gateway carries: scope, R-7.9.a, R-7.9.b,
 * D-7.2.b, D-7.5.a/e. The example notification goes FR/tj-paris-j3 to DE/gsta-berlin.
 */
class Art7RulesTest {
  private static final String FROM = "FR/tj-paris-j3";
  private static final String TO = "DE/gsta-berlin";

  private static InnerMessage sn() {
    return example("simultaneous-notification.json");
  }

  @Nested
  class Scope7_1 {
    @Test
    void scope7_1_trafficDataInAnArt7Order_isBlocked() {
      Finding f = fires(run("SCOPE_7_1", art7(n -> n.getOrderBuilder().getSubscriberInformationBuilder()
          .addCategories(DataCategory.DATA_CATEGORY_TRAFFIC)), FROM, TO));
      assertThat(f.explanation().en()).isEqualTo("Art. 7 covers subscriber information only (Art. 7.1); this order"
          + " also asks for traffic data.");
      assertThat(f.explanation().fr()).endsWith("aussi des données relatives au trafic.");
    }

    @Test
    void scope7_1_subscriberInformationOnly_passes() {
      quiet(run("SCOPE_7_1", sn(), FROM, TO));
    }
  }

  @Nested
  class NotApplied7_9_a {
    @Test
    void res7_9a_orderToAProviderInAReservingParty_isBlocked() {
      Finding f = fires(run("RES_7_9_A", art7(n -> n.getOrderBuilder().getProvidersBuilder(0).setParty("US")),
          FROM, "US/poc"));
      assertThat(f.explanation().en()).startsWith("Party US reserved the right under Art. 7.9.a not to apply Art. 7");
      assertThat(f.advice().en()).contains("Art. 8");
    }

    @Test
    void res7_9a_issuedByAReservingParty_isBlocked() {
      assertThat(fires(run("RES_7_9_A", sn(), "US/ny-ag", TO)).explanation().en())
          .contains("Party US (the issuing Party)").contains("ER §122-123");
    }

    @Test
    void res7_9a_neitherPartyReserved_passes() {
      quiet(run("RES_7_9_A", sn(), FROM, TO));
    }
  }

  @Nested
  class AccessNumbers7_9_b {
    @Test
    void res7_9b_descriptionNamesAnExcludedType_isBlocked() {
      Finding f = fires(run("RES_7_9_B", art7(n -> n.getOrderBuilder().getSubscriberInformationBuilder()
          .setDescription("Dynamic IP address assignment records: who used the address at the given time")), FROM, TO));
      assertThat(f.explanation().en()).contains("Party DE made a reservation under Art. 7.9.b: Art. 7 does not"
          + " apply to")
          .contains("dynamic IP address assignment records");
    }

    @Test
    void res7_9b_noExcludedTypeNamed_passes() {
      quiet(run("RES_7_9_B", sn(), FROM, TO));
    }
  }

  @Nested
  class AccessNumbersIp7_9_b {
    @Test
    void res7_9bip_identifierIsAnIpAddress_warns() {
      Finding f = fires(run("RES_7_9_B_IP", art7(n -> n.getOrderBuilder().getSubscriberInformationBuilder()
          .addIdentifiers("203.0.113.7, 2025-08-01T10:00:00Z, port 51234")), FROM, TO));
      assertThat(f.explanation().en()).contains("identifier 2 of this order is an IP address")
          .doesNotContain("203.0.113.7");
      fires(run("RES_7_9_B_IP", art7(n -> n.getOrderBuilder().getSubscriberInformationBuilder()
          .addIdentifiers("2001:db8::1")), FROM, TO));
    }

    @Test
    void res7_9bip_emailAndTimesOnly_passes() {
      quiet(run("RES_7_9_B_IP", sn(), FROM, TO));
      quiet(run("RES_7_9_B_IP", art7(n -> n.getOrderBuilder().getSubscriberInformationBuilder()
          .addIdentifiers("login at 10:00:00")), FROM, TO));
    }

    @Test
    void res7_9bip_ipAddressToAPartyWithoutTheExclusion_passes() {
      quiet(run("RES_7_9_B_IP", art7(n -> n.getOrderBuilder().getSubscriberInformationBuilder()
          .addIdentifiers("203.0.113.7")), "DE/gsta-berlin", "FR/tj-paris-j3"));
    }
  }

  @Nested
  class Supervision7_2_b {
    @Test
    void decl7_2b_policeOrderWithoutSupervision_isBlocked() {
      Finding f = fires(run("DECL_7_2_B", art7(n -> n.getOrderBuilder().getIssuingAuthorityBuilder()
          .setKind(AuthorityKind.AUTHORITY_KIND_LAW_ENFORCEMENT)), FROM, TO));
      assertThat(f.explanation().en()).contains("Party DE declared under Art. 7.2.b").contains("LAW_ENFORCEMENT");
      assertThat(f.advice().en()).contains("order.supervision");
    }

    @Test
    void decl7_2b_policeOrderUnderProsecutorSupervision_passes() {
      quiet(run("DECL_7_2_B", art7(n -> n.getOrderBuilder().setSupervision(AuthorityKind.AUTHORITY_KIND_PROSECUTOR)
          .getIssuingAuthorityBuilder().setKind(AuthorityKind.AUTHORITY_KIND_LAW_ENFORCEMENT)), FROM, TO));
      quiet(run("DECL_7_2_B", sn(), FROM, TO));
    }
  }

  @Nested
  class NotificationContent7_5_a {
    @Test
    void decl7_5a_notificationWithoutSummaryOfFacts_isBlocked() {
      Finding f = fires(run("DECL_7_5_A", art7(n -> n.clearSummaryOfFacts()), FROM, TO));
      assertThat(f.explanation().en()).contains("Art. 7.5.a").contains("missing: summary_of_facts");
      assertThat(f.advice().en()).contains("never for the provider (ER §104)");
    }

    @Test
    void decl7_5a_completeNotification_passes() {
      quiet(run("DECL_7_5_A", sn(), FROM, TO));
    }
  }

  @Nested
  class NotificationRecipient7_5_e {
    @Test
    void decl7_5e_notificationToAnotherAuthority_isBlocked() {
      Finding f = fires(run("DECL_7_5_E", sn(), FROM, "DE/poc"));
      assertThat(f.explanation().en()).contains("designated DE/gsta-berlin under Art. 7.5.e")
          .contains("addressed to DE/poc");
      assertThat(f.advice().en()).isEqualTo("Address it to DE/gsta-berlin.");
    }

    @Test
    void decl7_5e_notificationToTheDesignatedAuthority_passes() {
      quiet(run("DECL_7_5_E", sn(), FROM, TO));
    }
  }
}
