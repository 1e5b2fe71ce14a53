package org.relay247.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.rules.Fixtures.directory;
import static org.relay247.gateway.rules.Fixtures.example;
import static org.relay247.gateway.rules.Fixtures.fires;
import static org.relay247.gateway.rules.Fixtures.quiet;
import static org.relay247.gateway.rules.Fixtures.run;
import static org.relay247.gateway.rules.Fixtures.ts;

import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.relay247.protocol.v1.DataProtectionRegime;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.PartyPair;

/** P-16/24, P-14.15 and P-14.1: the pair of Parties. */
class PairRulesTest {
  private static final Instant BEFORE_FR_DE = Instant.parse("2025-02-01T00:00:00Z");
  /** DE's provisional suspension of Art. 8 transfers to US runs 2025-10-02 to 2025-10-20. */
  private static final Instant DURING_DE_US_SUSPENSION = Instant.parse("2025-10-10T00:00:00Z");
  private static final Instant AFTER_DE_US_SUSPENSION = Instant.parse("2025-10-20T00:00:00Z");

  @Nested
  class InForce16 {
    @Test
    void inforce16_art9BeforeThePairEntersIntoForce_isBlocked() {
      Finding f = fires(run("INFORCE_16", example("art9-request.json"), "FR/poc", "DE/poc", directory(), BEFORE_FR_DE));
      assertThat(f.explanation().en()).contains("Art. 16").contains("FR and DE").contains("2025-03-01");
      assertThat(f.explanation().fr()).contains("art. 16").contains("2025-03-01");
      assertThat(f.advice().en()).contains("Conv. Art. 29");
    }

    @Test
    void inforce16_art9OnceThePairIsInForce_passes() {
      quiet(run("INFORCE_16", example("art9-request.json"), "FR/poc", "DE/poc",
          directory(), Instant.parse("2025-03-01T00:00:00Z")));
    }

    @Test
    void inforce16_noPairEntry_laterOfThePartiesDates_isBlocked() {
      Directory noPairs = directory().toBuilder().clearPairs().build();
      fires(run("INFORCE_16", example("art9-request.json"), "FR/poc", "DE/poc", noPairs, BEFORE_FR_DE));
      quiet(run("INFORCE_16", example("art9-request.json"), "FR/poc", "DE/poc", noPairs, Fixtures.AT));
    }

    @Test
    void inforce16_pairWithoutInForceDate_isBlocked() {
      Directory d = Fixtures.withPair("DE", "FR", PartyPair.Builder::clearProtocolInForceFrom);
      assertThat(fires(run("INFORCE_16", example("art9-request.json"), "FR/poc", "DE/poc", d, Fixtures.AT))
          .explanation().en()).contains("records no date");
    }

    @Test
    void inforce16_conventionPreservationBeforeTheProtocol_passes() {
      quiet(run("INFORCE_16", example("preservation-request.json"), "FR/poc", "DE/poc", directory(), BEFORE_FR_DE));
    }
  }

  @Nested
  class Denounced24 {
    @Test
    void denounced24_art9AfterDenunciationTookEffect_isBlocked() {
      Directory d = Fixtures.withParty("DE", p -> p.getStatusBuilder().setProtocolDenouncedFrom(ts("2025-10-01T00:00:00Z")));
      Finding f = fires(run("DENOUNCED_24", example("art9-request.json"), "FR/poc", "DE/poc", d, Fixtures.AT));
      assertThat(f.explanation().en()).contains("DE denounced").contains("2025-10-01").contains("Art. 24");
    }

    @Test
    void denounced24_denunciationNotYetEffective_passes() {
      Directory d = Fixtures.withParty("DE", p -> p.getStatusBuilder().setProtocolDenouncedFrom(ts("2026-01-01T00:00:00Z")));
      quiet(run("DENOUNCED_24", example("art9-request.json"), "FR/poc", "DE/poc", d, Fixtures.AT));
    }

    @Test
    void denounced24_pairEndDatePassed_isBlocked() {
      Directory d = Fixtures.withPair("DE", "FR", p -> p.setProtocolInForceTo(ts("2025-11-01T00:00:00Z")));
      fires(run("DENOUNCED_24", example("art9-request.json"), "FR/poc", "DE/poc", d, Fixtures.AT));
    }
  }

  @Nested
  class Suspension14_15 {
    @Test
    void susp14_15_art8FromTheSuspendingParty_isBlocked() {
      Finding f = fires(run("SUSP_14_15", example("art8-order.json"), "DE/ca", "US/oia", directory(),
          DURING_DE_US_SUSPENSION));
      assertThat(f.explanation().en()).contains("DE has suspended transfers under Art. 8").contains("to US")
          .contains("Art. 14.15").contains("provisional suspension since 2025-10-02");
      assertThat(f.explanation().fr()).contains("a suspendu les transferts au titre de l'art. 8").contains("art. 14.15");
    }

    @Test
    void susp14_15_afterTheSuspensionIsLifted_passes() {
      quiet(run("SUSP_14_15", example("art8-order.json"), "DE/ca", "US/oia", directory(), AFTER_DE_US_SUSPENSION));
    }

    @Test
    void susp14_15_art9OutsideTheSuspensionScope_passes() {
      quiet(run("SUSP_14_15", example("art9-request.json"), "DE/poc", "US/poc", directory(), DURING_DE_US_SUSPENSION));
    }

    @Test
    void susp14_15_controlMessagesStayAllowed_passes() {
      Directory all = Fixtures.withPair("DE", "US", p -> p.getSuspensionsBuilder(0).clearScope());
      quiet(run("SUSP_14_15", example("consultation-message.json"), "DE/poc", "US/poc", all, DURING_DE_US_SUSPENSION));
      quiet(run("SUSP_14_15", example("security-incident-notification.json"), "DE/poc", "US/poc", all,
          DURING_DE_US_SUSPENSION));
      fires(run("SUSP_14_15", example("evidence-manifest.json"), "DE/poc", "US/poc", all, DURING_DE_US_SUSPENSION));
    }
  }

  @Nested
  class SuspensionAnswer14_15 {
    @Test
    void susp14_15answer_art8ToTheSuspendingParty_warns() {
      Finding f = fires(run("SUSP_14_15_ANSWER", example("art8-order.json"), "US/oia", "DE/ca", directory(),
          DURING_DE_US_SUSPENSION));
      assertThat(f.explanation().en()).contains("DE has suspended").contains("will not send personal data");
    }

    @Test
    void susp14_15answer_afterTheSuspensionIsLifted_passes() {
      quiet(run("SUSP_14_15_ANSWER", example("art8-order.json"), "US/oia", "DE/ca", directory(),
          AFTER_DE_US_SUSPENSION));
    }
  }

  @Nested
  class DataProtection14_1 {
    @Test
    void pair14_1_noRegimeRecorded_warns() {
      Directory d = Fixtures.withPair("DE", "FR", p -> p.setDataProtectionRegime(
          DataProtectionRegime.DATA_PROTECTION_REGIME_UNSPECIFIED));
      Finding f = fires(run("PAIR_14_1", example("art9-request.json"), "FR/poc", "DE/poc", d, Fixtures.AT));
      assertThat(f.explanation().en()).contains("FR-DE").contains("14.1.b");
    }

    @Test
    void pair14_1_agreementRecorded_passes() {
      quiet(run("PAIR_14_1", example("art9-request.json"), "FR/poc", "DE/poc"));
    }

    @Test
    void pair14_1_pingCarriesNoPersonalData_passes() {
      Directory d = Fixtures.withPair("DE", "FR", p -> p.setDataProtectionRegime(
          DataProtectionRegime.DATA_PROTECTION_REGIME_UNSPECIFIED));
      quiet(run("PAIR_14_1", example("ping.json"), "FR/poc", "DE/poc", d, Fixtures.AT));
    }
  }

  @Test
  void exampleDirectory_hasTheDeUsSuspensionTheseTestsRelyOn() {
    assertThat(directory().getPairsList()).filteredOn(p -> p.getSuspensionsCount() == 1)
        .singleElement().satisfies(p -> assertThat(p.getSuspensions(0).getSuspendingParty()).isEqualTo("DE"));
  }
}
