package org.relay247.gateway.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Timestamps;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.cases.CaseRuleViolation;
import org.relay247.gateway.cases.TimerView;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.TrackView;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.Determination;
import org.relay247.protocol.v1.DeterminationGround;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.Priority;

/**
 * Requirements 6.6, no emergency (3.2.c; ER §42, 169): the threat is past, so DE determines it will
 * not provide under Art. 9 and suggests Art. 8 or preservation. The Art. 9 track ends refused on both
 * nodes with the grounds recorded, no data can follow, and FR reroutes the case: a preservation
 * request, preserved, then an Art. 8 order that follows it up.
 */
class Scenario06NoEmergencyTest {
  @TempDir Path dir;
  ScenarioNetwork net;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void notAnEmergency_refusesTheArt9Track_withGrounds_noData_andTheCaseIsReroutedToPreservationAndArt8()
      throws Exception {
    net = ScenarioNetwork.start(dir, DirectoryEdits.none(), "FR", "DE");
    var request = net.deliver(Drafts.request("art9-request", "FR/poc", "DE/poc", Priority.PRIORITY_EMERGENCY, ""));
    String caseId = request.caseId();

    var refusal = net.deliver(Drafts.reply("DE/poc", "FR/poc", Priority.PRIORITY_EMERGENCY, caseId, request.id(),
        "KHK Jonas Brenner").setDetermination(Determination.newBuilder().setRequestMessageId(request.id())
            .setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_NOT_AN_EMERGENCY).setArticle("3.2.c")
            .addGrounds(DeterminationGround.DETERMINATION_GROUND_NO_EMERGENCY)
            .setGroundsText("The threat described is past; no serious and imminent risk remains (ER §42).")
            .addAlternatives(CooperationType.COOPERATION_TYPE_PRESERVATION)
            .addAlternatives(CooperationType.COOPERATION_TYPE_ART8)));
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, request.id()).state()).isEqualTo(TrackState.REFUSED);
      assertThat(net.caseAt(party, caseId).timers()).extracting(TimerView::status)
          .containsOnly(TimerView.Status.CANCELLED);
    }
    // The reason, as FR's desk reads it, and who decided, in DE's audit log.
    Determination received = net.receivedMessage("FR", refusal.id()).getDetermination();
    assertThat(received.getGroundsList()).containsExactly(DeterminationGround.DETERMINATION_GROUND_NO_EMERGENCY);
    assertThat(received.getAlternativesList()).containsExactly(CooperationType.COOPERATION_TYPE_PRESERVATION,
        CooperationType.COOPERATION_TYPE_ART8);
    assertThat(net.node("DE").audit().entries(caseId)).filteredOn(e -> e.action().equals("DETERMINATION_RECORDED"))
        .extracting(e -> e.actor() + ": " + e.details())
        .containsExactly("KHK Jonas Brenner: DETERMINATION_OUTCOME_NOT_AN_EMERGENCY on track " + request.id());

    // No data under Art. 9 after the refusal.
    var data = Drafts.example("evidence-manifest").setRouting(Drafts.reply("DE/poc", "FR/poc",
        Priority.PRIORITY_EMERGENCY, caseId, request.id(), "KHK Jonas Brenner").getRouting());
    data.getEvidenceManifestBuilder().setRequestMessageId(request.id()).setAuthorisationMessageId(refusal.id());
    assertThatThrownBy(() -> net.submit(data)).isInstanceOf(CaseRuleViolation.class)
        .hasMessage("evidence manifest on track " + request.id() + " in state REFUSED (expected: DETERMINED,"
            + " AWAITING_PROVIDER, CONDITIONS_ACCEPTED, PRELIMINARY_RESULTS or RESULTS_DELIVERED)");

    // Rerouted: preservation first, then an Art. 8 order following it up.
    var preservationDraft = Drafts.request("preservation-request", "FR/poc", "DE/poc", Priority.PRIORITY_URGENT,
        caseId);
    preservationDraft.getPreservationRequestBuilder().setPreserveUntil(Timestamps.fromMillis(
        net.clock.instant().plus(Duration.ofDays(90)).toEpochMilli()));
    var preservation = net.deliver(preservationDraft);
    net.deliver(Drafts.reply("DE/poc", "FR/poc", Priority.PRIORITY_URGENT, caseId, preservation.id(),
        "KHK Jonas Brenner").setDetermination(Determination.newBuilder().setRequestMessageId(preservation.id())
            .setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE).setArticle("Conv. 29")));
    assertThat(net.track("FR", caseId, preservation.id()).state()).isEqualTo(TrackState.PRESERVED);
    assertThat(net.track("DE", caseId, preservation.id()).state()).isEqualTo(TrackState.PRESERVED);

    var orderDraft = Drafts.request("art8-order", "FR/ca", "DE/ca", Priority.PRIORITY_ROUTINE, caseId);
    orderDraft.getArt8OrderBuilder().clearPriorArt7MessageId().getSupportingInformationBuilder()
        .setOtherMeans("Art. 9 refused: no emergency (determination " + refusal.id() + ")")
        .getPreservationsBuilder(0).setPreservationMessageId(preservation.id());
    var order = net.deliver(orderDraft);

    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.caseAt(party, caseId).tracks()).extracting(TrackView::kind, TrackView::state,
          TrackView::linkedTo).containsExactly(
              org.assertj.core.groups.Tuple.tuple(TrackKind.ART9, TrackState.REFUSED, java.util.Optional.empty()),
              org.assertj.core.groups.Tuple.tuple(TrackKind.PRESERVATION, TrackState.FOLLOWED_UP,
                  java.util.Optional.empty()),
              org.assertj.core.groups.Tuple.tuple(TrackKind.ART8, TrackState.OPEN,
                  java.util.Optional.of(preservation.id())));
      assertThat(net.caseAt(party, caseId).flags()).isEmpty();
    }
    assertThat(order.id()).isEqualTo(net.caseAt("DE", caseId).tracks().get(2).requestMessageId());
    assertThat(net.sent("FR", caseId)).containsExactly("ART9_REQUEST -> DE/poc DELIVERED",
        "PRESERVATION_REQUEST -> DE/poc DELIVERED", "ART8_ORDER -> DE/ca DELIVERED");
    assertThat(net.received("FR", caseId)).containsExactly("DETERMINATION <- DE/poc", "DETERMINATION <- DE/poc");
    assertThat(net.sent("DE", caseId)).containsExactly("DETERMINATION -> FR/poc DELIVERED",
        "DETERMINATION -> FR/poc DELIVERED");
    assertThat(net.received("DE", caseId)).containsExactly("ART9_REQUEST <- FR/poc",
        "PRESERVATION_REQUEST <- FR/poc", "ART8_ORDER <- FR/ca");
  }
}
