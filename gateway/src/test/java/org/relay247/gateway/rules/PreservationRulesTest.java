package org.relay247.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.rules.Fixtures.directory;
import static org.relay247.gateway.rules.Fixtures.fires;
import static org.relay247.gateway.rules.Fixtures.message;
import static org.relay247.gateway.rules.Fixtures.quiet;
import static org.relay247.gateway.rules.Fixtures.run;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.relay247.protocol.v1.InnerMessage;

/** Conv. Art. 29.7: a preservation is for not less than 60 days. */
class PreservationRulesTest {
  /** The example asks for preservation until 2025-09-26. */
  private static final InnerMessage PRESERVATION = Fixtures.example("preservation-request.json");

  @Test
  void pres29_7_preservationForThirtyDays_warns() {
    Finding f = fires(run("PRES_29_7", PRESERVATION, "FR/poc", "DE/poc", directory(),
        Instant.parse("2025-08-27T00:00:00Z")));
    assertThat(f.article()).isEqualTo("Conv. 29.7");
    assertThat(f.summary()).startsWith("PRES_29_7 (Conv. 29.7): ");
    assertThat(f.explanation().en()).contains("2025-09-26").contains("30 days").contains("not less than 60 days");
    assertThat(f.explanation().fr()).contains("au moins 60 jours");
    assertThat(f.advice().en()).contains("DE preserves at least that long anyway");
  }

  @Test
  void pres29_7_preservationForSixtyDays_passes() {
    quiet(run("PRES_29_7", PRESERVATION, "FR/poc", "DE/poc", directory(), Instant.parse("2025-07-28T00:00:00Z")));
  }

  @Test
  void pres29_7_noPeriodRequested_passes() {
    InnerMessage open = message("preservation-request.json", m -> m.getPreservationRequestBuilder().clearPreserveUntil());
    quiet(run("PRES_29_7", open, "FR/poc", "DE/poc", directory(), Instant.parse("2025-09-25T00:00:00Z")));
  }
}
