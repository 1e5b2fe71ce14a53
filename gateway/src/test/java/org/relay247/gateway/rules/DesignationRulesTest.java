package org.relay247.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.rules.Fixtures.directory;
import static org.relay247.gateway.rules.Fixtures.example;
import static org.relay247.gateway.rules.Fixtures.fires;
import static org.relay247.gateway.rules.Fixtures.message;
import static org.relay247.gateway.rules.Fixtures.quiet;
import static org.relay247.gateway.rules.Fixtures.run;

import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.InnerMessage;

/** N-6.6, D-12.3, N-14.7.c, N-14.10.b: designated authorities. */
class DesignationRulesTest {

  @Nested
  class Art6Authority6_6 {
    @Test
    void notif6_6_consultationToAnotherAuthority_isBlocked() {
      Finding f = fires(run("NOTIF_6_6", example("art6-consultation.json"), "FR/tj-paris-j3", "DE/ca"));
      assertThat(f.explanation().en()).contains("designated DE/poc under Art. 6.6");
      assertThat(f.advice().en()).isEqualTo("Address it to DE/poc.");
    }

    @Test
    void notif6_6_consultationToTheDesignatedAuthority_passes() {
      quiet(run("NOTIF_6_6", example("art6-consultation.json"), "FR/tj-paris-j3", "DE/poc"));
    }
  }

  private static InnerMessage jitConsultation(String article) {
    return message("consultation-message.json", m -> m.getConsultationMessageBuilder().setArticle(article)
        .setSubject("Joint investigation team on the Trade Nova fraud"));
  }

  @Nested
  class JointInvestigationTeam12_3 {
    @Test
    void decl12_3_jointInvestigationTeamWithADeclaringParty_warns() {
      Finding f = fires(run("DECL_12_3", jitConsultation("12.3"), "FR/poc", "DE/poc"));
      assertThat(f.explanation().en()).isEqualTo("Party DE declared under Art. 12.3 that its central authority"
          + " must sign joint investigation team agreements.");
      assertThat(f.advice().en()).contains("DE/ca");
      fires(run("DECL_12_3", jitConsultation("Art. 12"), "FR/poc", "DE/poc"));
    }

    @Test
    void decl12_3_otherConsultationOrOtherParty_passes() {
      quiet(run("DECL_12_3", example("consultation-message.json"), "FR/poc", "DE/poc"));
      quiet(run("DECL_12_3", jitConsultation("12.3"), "DE/poc", "FR/poc"));
    }
  }

  private static InnerMessage incident(CooperationType origin) {
    return message("security-incident-notification.json",
        m -> m.getSecurityIncidentNotificationBuilder().setDataOrigin(origin));
  }

  @Nested
  class IncidentRecipient14_7_c {
    @Test
    void notif14_7c_incidentOnArt7DataToAnotherAuthority_isBlocked() {
      Finding f = fires(run("NOTIF_14_7_C", incident(CooperationType.COOPERATION_TYPE_ART7), "FR/poc", "DE/poc"));
      assertThat(f.advice().en()).isEqualTo("Address it to DE/bfdi.");
    }

    @Test
    void notif14_7c_incidentOnArt7DataToTheDesignatedAuthority_passes() {
      quiet(run("NOTIF_14_7_C", incident(CooperationType.COOPERATION_TYPE_ART7), "FR/poc", "DE/bfdi"));
    }

    @Test
    void notif14_7c_incidentOnArt9DataGoesToTheTransferringAuthority_passes() {
      quiet(run("NOTIF_14_7_C", example("security-incident-notification.json"), "DE/poc", "FR/poc"));
    }
  }

  private static InnerMessage onward(CooperationType origin) {
    return message("onward-transfer-authorisation-request.json",
        m -> m.getOnwardTransferAuthorisationRequestBuilder().setDataOrigin(origin));
  }

  @Nested
  class OnwardTransferRecipient14_10_b {
    @Test
    void notif14_10b_art6DataToAuthorityReplacedOn1September_isBlocked() {
      Finding f = fires(run("NOTIF_14_10_B", onward(CooperationType.COOPERATION_TYPE_ART6), "FR/poc", "DE/ca"));
      assertThat(f.explanation().en()).contains("designated DE/gsta-berlin under Art. 14.10.b");
    }

    @Test
    void notif14_10b_theAuthorityDesignatedAtTheDate_passes() {
      quiet(run("NOTIF_14_10_B", onward(CooperationType.COOPERATION_TYPE_ART6), "FR/poc", "DE/gsta-berlin"));
      // Before 2025-09-01 DE's 14.10.b authority was DE/ca.
      quiet(run("NOTIF_14_10_B", onward(CooperationType.COOPERATION_TYPE_ART6), "FR/poc", "DE/ca", directory(),
          Instant.parse("2025-08-01T00:00:00Z")));
      fires(run("NOTIF_14_10_B", onward(CooperationType.COOPERATION_TYPE_ART6), "FR/poc", "DE/gsta-berlin",
          directory(), Instant.parse("2025-08-01T00:00:00Z")));
    }

    @Test
    void notif14_10b_art9DataGoesToTheTransferringAuthority_passes() {
      quiet(run("NOTIF_14_10_B", example("onward-transfer-authorisation-request.json"), "FR/poc", "DE/poc"));
    }
  }
}
