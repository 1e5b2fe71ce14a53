package org.relay247.gateway.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Timestamps;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.cases.CaseRuleViolation;
import org.relay247.gateway.cases.TimerView;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.UrgencyClass;
import org.relay247.protocol.v1.Determination;
import org.relay247.protocol.v1.DeterminationGround;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.MlaTreaty;
import org.relay247.protocol.v1.Priority;

/**
 * Requirements 6.8, Art. 10 refusal and postponement (10.7; Conv. 27.4-5; ER §141): (a) DE refuses
 * on essential interests; (b) DE postpones, with reasons, because execution would prejudice its own
 * investigation, and decides when the postponement ends; (c) with and without an MLA treaty between
 * the Parties, the rules check that the request names the treaty whose content applies (10.8) or
 * none (10.7).
 */
class Scenario08Art10RefusalPostponementTest {
  static final String TREATY = "Convention on Mutual Assistance in Criminal Matters between the Member States of"
      + " the EU (2000)";

  @TempDir Path dir;
  ScenarioNetwork net;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  ScenarioNetwork.Delivery request(Consumer<Directory.Builder> directory, String treaty) throws Exception {
    net = ScenarioNetwork.start(dir, directory, "FR", "DE");
    var draft = Drafts.request("art10-request", "FR/ca", "DE/ca", Priority.PRIORITY_EMERGENCY, "");
    draft.getArt10RequestBuilder().setTreaty(treaty);
    return net.deliver(draft);
  }

  ScenarioNetwork.Delivery determine(ScenarioNetwork.Delivery request, Determination.Builder d) throws Exception {
    return net.deliver(Drafts.reply("DE/ca", "FR/ca", Priority.PRIORITY_EMERGENCY, request.caseId(), request.id(),
        "RiAG Anna Keller").setDetermination(d.setRequestMessageId(request.id())));
  }

  @Test
  void refusalOnEssentialInterests_endsTheTrackOnBothNodes_andNoDataCanFollow() throws Exception {
    var request = request(DirectoryEdits.none(), "");
    String caseId = request.caseId();
    var refusal = determine(request, Determination.newBuilder()
        .setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_WILL_NOT_PROVIDE).setArticle("10.7")
        .addGrounds(DeterminationGround.DETERMINATION_GROUND_ESSENTIAL_INTERESTS)
        .setGroundsText("Execution would prejudice essential interests of Germany (Conv. 27.4.b)."));

    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, request.id()).state()).isEqualTo(TrackState.REFUSED);
      assertThat(net.caseAt(party, caseId).timers()).extracting(TimerView::status)
          .containsOnly(TimerView.Status.CANCELLED);
    }
    assertThat(net.receivedMessage("FR", refusal.id()).getDetermination().getGroundsList())
        .containsExactly(DeterminationGround.DETERMINATION_GROUND_ESSENTIAL_INTERESTS);
    assertThatThrownBy(() -> determine(request, Determination.newBuilder()
        .setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE)))
        .isInstanceOf(CaseRuleViolation.class).hasMessageContaining("in state REFUSED");
    assertThat(net.sent("DE", caseId)).containsExactly("DETERMINATION -> FR/ca DELIVERED");
    assertThat(net.received("FR", caseId)).containsExactly("DETERMINATION <- DE/ca");
    assertThat(net.caseAt("FR", caseId).flags()).isEmpty();
  }

  @Test
  void postponementWithReasons_runsToItsEndDate_escalatesThere_andDeThenDecidesToProvide() throws Exception {
    var request = request(DirectoryEdits.none(), "");
    String caseId = request.caseId();
    Instant until = net.clock.instant().plus(Duration.ofDays(10));
    determine(request, Determination.newBuilder().setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_POSTPONED)
        .setArticle("10.7").addGrounds(DeterminationGround.DETERMINATION_GROUND_PREJUDICE_TO_INVESTIGATION)
        .setGroundsText("Covert measures of a German investigation into the same forum run for ten days (Conv. 27.5).")
        .setPostponedUntil(Timestamps.fromMillis(until.toEpochMilli())));

    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, request.id()).state()).isEqualTo(TrackState.POSTPONED);
      assertThat(net.caseAt(party, caseId).timers()).filteredOn(t -> t.status() == TimerView.Status.ACTIVE)
          .singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("postponement.end");
            assertThat(t.urgency()).isEqualTo(UrgencyClass.FIXED);
            assertThat(t.article()).isEqualTo("27.5");
            assertThat(t.dueAt()).isEqualTo(Instant.ofEpochMilli(until.toEpochMilli()));
          });
    }

    net.advance(Duration.ofDays(10).plusMinutes(1));
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.caseTimerEscalations(party)).singleElement().satisfies(e ->
          assertThat(e.detail()).contains("postponement.end missed (FIXED, Art. 27.5"));
    }

    determine(request, Determination.newBuilder().setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE)
        .setArticle("10.4"));
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, request.id()).state()).isEqualTo(TrackState.DETERMINED);
    }
    assertThat(net.timeline("FR", caseId)).containsExactly("SENT ART10_REQUEST OPEN",
        "RECEIVED DETERMINATION POSTPONED", "TIMER_FIRED postponement.end POSTPONED", "RECEIVED DETERMINATION DETERMINED");
  }

  @Test
  void treatyBetweenTheParties_requestNamingNoTreaty_isWarnedUnder10_8() throws Exception {
    var request = request(DirectoryEdits.pair("FR", "DE", p -> p.setTreaty(MlaTreaty.newBuilder().setName(TREATY)
        .setInForceFrom(Timestamps.fromMillis(0)))), "");
    assertThat(request.findings()).singleElement().satisfies(f -> {
      assertThat(f.code() + " " + f.severity() + " Art. " + f.article()).isEqualTo("TREATY_10_8 WARN Art. 10.8");
      assertThat(f.explanation().en()).contains("bound by an MLA treaty (" + TREATY + ")");
    });
    assertThat(net.track("DE", request.caseId(), request.id()).state()).isEqualTo(TrackState.OPEN);
  }

  @Test
  void noTreatyBetweenTheParties_requestNamingOne_isWarnedThat10_7Applies() throws Exception {
    var request = request(DirectoryEdits.none(), TREATY);
    assertThat(request.findings()).singleElement().satisfies(f -> {
      assertThat(f.code() + " " + f.severity()).isEqualTo("TREATY_10_8 WARN");
      assertThat(f.explanation().en()).contains("Art. 10.7 applies");
    });
    assertThat(net.track("DE", request.caseId(), request.id()).state()).isEqualTo(TrackState.OPEN);
  }

  @Test
  void treatyBetweenTheParties_requestNamingIt_passesWithoutFindings() throws Exception {
    var request = request(DirectoryEdits.pair("FR", "DE", p -> p.setTreaty(MlaTreaty.newBuilder().setName(TREATY)
        .setInForceFrom(Timestamps.fromMillis(0)))), TREATY);
    assertThat(request.findingCodes()).isEmpty();
    assertThat(net.received("DE", request.caseId())).containsExactly("ART10_REQUEST <- FR/ca");
  }
}
