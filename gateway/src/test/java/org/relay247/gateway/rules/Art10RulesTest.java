package org.relay247.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.rules.Fixtures.art10;
import static org.relay247.gateway.rules.Fixtures.example;
import static org.relay247.gateway.rules.Fixtures.fires;
import static org.relay247.gateway.rules.Fixtures.message;
import static org.relay247.gateway.rules.Fixtures.quiet;
import static org.relay247.gateway.rules.Fixtures.run;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.relay247.protocol.v1.Art10Route;
import org.relay247.protocol.v1.Authority;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;

/** Art. 10: P-10.5, D-10.9 (routes and copy), emergency priority, 10.7/10.8 treaty. */
class Art10RulesTest {
  private static InnerMessage route(Art10Route route) {
    return art10(r -> r.setRoute(route));
  }

  private static Directory unreachable(String party, String id) {
    return Fixtures.withParty(party, p -> {
      for (Authority.Builder a : p.getAuthoritiesBuilderList()) {
        if (a.getId().equals(id)) {
          a.setReachable247(false);
        }
      }
    });
  }

  @Nested
  class Emergency10_1 {
    @Test
    void emergency10_urgentPriority_isBlocked() {
      Finding f = fires(run("EMERGENCY_10", message("art10-request.json",
          m -> m.getRoutingBuilder().setPriority(Priority.PRIORITY_URGENT)), "FR/ca", "DE/ca"));
      assertThat(f.explanation().en()).contains("priority: URGENT (expected: EMERGENCY for Art. 10)");
      assertThat(f.advice().en()).contains("Conv. Art. 25.3");
    }

    @Test
    void emergency10_emergencyPriority_passes() {
      quiet(run("EMERGENCY_10", example("art10-request.json"), "FR/ca", "DE/ca"));
    }
  }

  @Nested
  class Reachable10_5 {
    @Test
    void ca10_5_centralAuthorityNotReachable247_isBlocked() {
      Finding f = fires(run("CA_10_5", example("art10-request.json"), "FR/ca", "DE/ca", unreachable("DE", "ca"),
          Fixtures.AT));
      assertThat(f.explanation().en()).contains("Art. 10.5").contains("DE/ca is not recorded as reachable");
      assertThat(f.advice().en()).contains("DE/poc");
    }

    @Test
    void ca10_5_noCentralAuthorityReachableForAnotherRoute_isBlocked() {
      Finding f = fires(run("CA_10_5", route(Art10Route.ART10_ROUTE_INTERPOL), "DE/ca", "FR/interpol-ncb",
          unreachable("FR", "ca"), Fixtures.AT));
      assertThat(f.explanation().en()).contains("no central authority of FR");
    }

    @Test
    void ca10_5_centralAuthorityReachable247_passes() {
      quiet(run("CA_10_5", example("art10-request.json"), "FR/ca", "DE/ca"));
      quiet(run("CA_10_5", route(Art10Route.ART10_ROUTE_INTERPOL), "DE/ca", "FR/interpol-ncb"));
    }
  }

  @Nested
  class RouteRecipient10_9 {
    @Test
    void route10_9_centralAuthorityRouteToThePointOfContact_isBlocked() {
      Finding f = fires(run("ROUTE_10_9", example("art10-request.json"), "FR/ca", "DE/poc"));
      assertThat(f.explanation().en()).contains("Route CENTRAL_AUTHORITY").contains("DE/poc is not one")
          .contains("Art. 10.1");
      assertThat(f.advice().en()).startsWith("Address it to DE/ca");
    }

    @Test
    void route10_9_routeNotStated_isBlocked() {
      assertThat(fires(run("ROUTE_10_9", route(Art10Route.ART10_ROUTE_UNSPECIFIED), "FR/ca", "DE/ca"))
          .explanation().en()).contains("does not state its route");
    }

    @Test
    void route10_9_recipientMatchesTheRoute_passes() {
      quiet(run("ROUTE_10_9", example("art10-request.json"), "FR/ca", "DE/ca"));
      quiet(run("ROUTE_10_9", route(Art10Route.ART10_ROUTE_INTERPOL), "DE/ca", "FR/interpol-ncb"));
      quiet(run("ROUTE_10_9", route(Art10Route.ART10_ROUTE_DIRECT_JUDICIAL), "DE/ca", "FR/tj-paris-j3"));
    }

    @Test
    void route10_9_treatyCentralAuthorityCounts_passes() {
      // The FR-US treaty names US/oia; it also has the central-authority role.
      quiet(run("ROUTE_10_9", example("art10-request.json"), "FR/ca", "US/oia"));
    }
  }

  @Nested
  class UndeclaredRoute10_9 {
    @Test
    void decl10_9_interpolRouteToAPartyThatDidNotDeclareIt_isBlocked() {
      Finding f = fires(run("DECL_10_9", route(Art10Route.ART10_ROUTE_INTERPOL), "FR/ca", "DE/ca"));
      assertThat(f.explanation().en()).isEqualTo("Party DE has not declared under Art. 10.9 that it accepts"
          + " Art. 10 requests through INTERPOL (route INTERPOL).");
      assertThat(f.advice().en()).isEqualTo("Send it to DE/ca with route CENTRAL_AUTHORITY.");
    }

    @Test
    void decl10_9_declaredRoute_passes() {
      quiet(run("DECL_10_9", route(Art10Route.ART10_ROUTE_POINT_OF_CONTACT), "DE/ca", "FR/poc"));
      quiet(run("DECL_10_9", example("art10-request.json"), "FR/ca", "DE/ca"));
    }
  }

  @Nested
  class CentralAuthorityCopy10_9 {
    @Test
    void copy10_9_declaredAlternativeRoute_warns() {
      Finding f = fires(run("COPY_10_9", route(Art10Route.ART10_ROUTE_DIRECT_JUDICIAL), "DE/ca", "FR/tj-paris-j3"));
      assertThat(f.advice().en()).isEqualTo("Send a central_authority_copy of this request from DE/ca to FR/ca at"
          + " the same time.");
    }

    @Test
    void copy10_9_centralAuthorityRoute_passes() {
      quiet(run("COPY_10_9", example("art10-request.json"), "FR/ca", "DE/ca"));
    }
  }

  @Nested
  class Treaty10_8 {
    @Test
    void treaty10_8_pairHasATreatyTheRequestDoesNotName_warns() {
      Finding f = fires(run("TREATY_10_8", art10(r -> r.clearTreaty()), "FR/ca", "DE/ca"));
      assertThat(f.explanation().en()).contains("FR and DE are bound by an MLA treaty").contains("Art. 10.8");
    }

    @Test
    void treaty10_8_noTreatyButOneIsNamed_warns() {
      assertThat(fires(run("TREATY_10_8", example("art10-request.json"), "US/oia", "DE/ca")).explanation().en())
          .contains("Art. 10.7 applies");
    }

    @Test
    void treaty10_8_treatyNamedWhereOneApplies_passes() {
      quiet(run("TREATY_10_8", example("art10-request.json"), "FR/ca", "DE/ca"));
      quiet(run("TREATY_10_8", art10(r -> r.clearTreaty()), "US/oia", "DE/ca"));
    }
  }
}
