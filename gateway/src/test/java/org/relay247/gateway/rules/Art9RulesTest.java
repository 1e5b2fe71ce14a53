package org.relay247.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.rules.Fixtures.art9;
import static org.relay247.gateway.rules.Fixtures.directory;
import static org.relay247.gateway.rules.Fixtures.example;
import static org.relay247.gateway.rules.Fixtures.fires;
import static org.relay247.gateway.rules.Fixtures.message;
import static org.relay247.gateway.rules.Fixtures.quiet;
import static org.relay247.gateway.rules.Fixtures.run;
import static org.relay247.gateway.rules.Fixtures.ts;

import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.relay247.protocol.v1.Art9Confirmation;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;

/** Art. 9: D-9.1.b, D-9.5, emergency priority, stored data only. */
class Art9RulesTest {
  private static InnerMessage subscriberOnly() {
    return art9(r -> r.getDataBuilder().clearCategories().addCategories(DataCategory.DATA_CATEGORY_SUBSCRIBER));
  }

  private static InnerMessage withPriority(Priority p) {
    return message("art9-request.json", m -> m.getRoutingBuilder().setPriority(p));
  }

  @Nested
  class SubscriberOnly9_1_b {
    @Test
    void decl9_1b_subscriberOnlyArt9ToDeclaringParty_isBlocked() {
      Finding f = fires(run("DECL_9_1_B", subscriberOnly(), "FR/poc", "DE/poc"));
      assertThat(f.severity()).isEqualTo(Severity.BLOCK);
      assertThat(f.explanation().en()).isEqualTo("Party DE declared under Art. 9.1.b that it does not execute"
          + " requests for subscriber information only.");
      assertThat(f.advice().en()).isEqualTo("Use Art. 7 or Art. 8, or add the traffic or content data you need.");
      assertThat(f.explanation().fr()).isEqualTo("La Partie DE a déclaré en vertu de l'art. 9.1.b qu'elle"
          + " n'exécute pas les demandes portant uniquement sur des informations relatives aux abonnés.");
      assertThat(f.advice().fr()).startsWith("Utilisez l'art. 7 ou l'art. 8");
    }

    @Test
    void decl9_1b_mixedCategories_passes() {
      quiet(run("DECL_9_1_B", example("art9-request.json"), "FR/poc", "DE/poc"));
      quiet(run("DECL_9_1_B", art9(r -> r.getDataBuilder().clearCategories()
          .addCategories(DataCategory.DATA_CATEGORY_SUBSCRIBER).addCategories(DataCategory.DATA_CATEGORY_TRAFFIC)),
          "FR/poc", "DE/poc"));
    }

    @Test
    void decl9_1b_subscriberOnlyToAPartyWithoutTheDeclaration_passes() {
      quiet(run("DECL_9_1_B", subscriberOnly(), "DE/poc", "FR/poc"));
    }

    @Test
    void decl9_1b_beforeTheDeclarationTakesEffect_passes() {
      quiet(run("DECL_9_1_B", subscriberOnly(), "FR/poc", "DE/poc", directory(),
          Instant.parse("2025-02-28T23:59:59Z")));
    }

    @Test
    void decl9_1b_withdrawnDeclaration_passes() {
      org.relay247.protocol.v1.Directory withdrawn = Fixtures.withParty("DE", p -> p.getDeclarationsBuilderList()
          .stream().filter(d -> d.getKind() == org.relay247.protocol.v1.DeclarationKind.DECLARATION_KIND_D_9_1_B)
          .forEach(d -> d.setEffectiveTo(ts("2025-11-01T00:00:00Z"))));
      quiet(run("DECL_9_1_B", subscriberOnly(), "FR/poc", "DE/poc", withdrawn, Fixtures.AT));
    }

    @Test
    void decl9_1b_subscriberOnlyElectronicConfirmation_isBlocked() {
      InnerMessage confirmation = InnerMessage.newBuilder(subscriberOnly()).setArt9Confirmation(
          Art9Confirmation.newBuilder().setOralRequestRecordId("019aa430-9a40-7593-9e3f-13c7dd8924e6")
              .setRequest(subscriberOnly().getArt9Request())).build();
      fires(run("DECL_9_1_B", confirmation, "FR/poc", "DE/poc"));
    }
  }

  @Nested
  class FollowUp9_5 {
    @Test
    void decl9_5_art9ToAPartyRequiringFollowUp_warns() {
      Finding f = fires(run("DECL_9_5", example("art9-request.json"), "FR/poc", "DE/poc"));
      assertThat(f.explanation().en()).contains("Party DE declared under Art. 9.5")
          .contains("Formal MLA request under the 2000 EU MLA Convention").contains("central authority (DE/ca)")
          .contains("within 30 days");
      assertThat(f.advice().en()).contains("art9_follow_up");
    }

    @Test
    void decl9_5_art9ToAPartyWithoutTheDeclaration_passes() {
      quiet(run("DECL_9_5", example("art9-request.json"), "DE/poc", "FR/poc"));
    }
  }

  @Nested
  class Emergency9_1_a {
    @Test
    void emergency9_routinePriority_isBlocked() {
      Finding f = fires(run("EMERGENCY_9", withPriority(Priority.PRIORITY_ROUTINE), "FR/poc", "DE/poc"));
      assertThat(f.explanation().en()).contains("priority: ROUTINE (expected: EMERGENCY for Art. 9)")
          .contains("Art. 3.2.c");
    }

    @Test
    void emergency9_emergencyPriority_passes() {
      quiet(run("EMERGENCY_9", example("art9-request.json"), "FR/poc", "DE/poc"));
    }

    @Test
    void emergency9_unsetPriorityTheNodeFillsIn_passes() {
      quiet(run("EMERGENCY_9", withPriority(Priority.PRIORITY_UNSPECIFIED), "FR/poc", "DE/poc"));
    }
  }

  @Nested
  class StoredData9_1_a {
    @Test
    void storeddata9_periodEndingInTheFuture_warns() {
      Finding f = fires(run("STORED_DATA_9", art9(r -> r.getDataBuilder().setPeriodEnd(ts("2025-12-31T00:00:00Z"))),
          "FR/poc", "DE/poc"));
      assertThat(f.explanation().en()).contains("ER §155").contains("2025-12-31");
    }

    @Test
    void storeddata9_periodEndingBeforeTheRequest_passes() {
      quiet(run("STORED_DATA_9", example("art9-request.json"), "FR/poc", "DE/poc"));
    }
  }
}
