package org.relay247.gateway.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.TrackView;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.Determination;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;

/**
 * Requirements 6.3, after a terrorist attack (ER §42): FR sends parallel Art. 9 requests for
 * traffic and subscriber data to DE and to IT, which declared Art. 9.1.b (no subscriber-only
 * requests). Mixed requests are allowed (ER §157): both are accepted, and both answers land in one
 * case at FR, each on the track of its request.
 */
class Scenario03PostTerroristAttackTest {
  @TempDir Path dir;
  ScenarioNetwork net;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  static InnerMessage.Builder trafficAndSubscriber(String to, String caseId) {
    var draft = Drafts.request("art9-request", "FR/poc", to, Priority.PRIORITY_EMERGENCY, caseId);
    draft.getArt9RequestBuilder().getDataBuilder().clearCategories()
        .addCategories(DataCategory.DATA_CATEGORY_TRAFFIC).addCategories(DataCategory.DATA_CATEGORY_SUBSCRIBER);
    draft.getArt9RequestBuilder().getProvidersBuilder(0).setParty(to.substring(0, 2));
    return draft;
  }

  @Test
  void parallelArt9ToTwoParties_bothAccepted_andBothAnswersCorrelatedInOneCase() throws Exception {
    net = ScenarioNetwork.start(dir, DirectoryEdits.declaration("IT", Declaration.newBuilder()
        .setKind(DeclarationKind.DECLARATION_KIND_D_9_1_B).setText("no subscriber-only Art. 9 requests")),
        "FR", "DE", "IT");

    var toDe = net.deliver(trafficAndSubscriber("DE/poc", ""));
    String caseId = toDe.caseId();
    var toIt = net.deliver(trafficAndSubscriber("IT/poc", caseId));
    assertThat(toIt.caseId()).isEqualTo(caseId);
    assertThat(toDe.findingCodes()).isEmpty();
    assertThat(toIt.findingCodes()).as("mixed request to a 9.1.b Party (ER §157)").isEmpty();

    for (var request : java.util.List.of(toDe, toIt)) {
      String requested = request.message().getRouting().getRecipient();
      String party = requested.substring(0, 2);
      var determination = net.deliver(Drafts.reply(requested, "FR/poc", Priority.PRIORITY_EMERGENCY, caseId,
          request.id(), "duty officer " + party).setDetermination(Determination.newBuilder()
              .setRequestMessageId(request.id()).setArticle("9.6")
              .setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE)));
      var results = Drafts.example("evidence-manifest").setRouting(Drafts.reply(requested, "FR/poc",
          Priority.PRIORITY_EMERGENCY, caseId, request.id(), "duty officer " + party).getRouting());
      results.getEvidenceManifestBuilder().setRequestMessageId(request.id())
          .setAuthorisationMessageId(determination.id());
      net.deliver(results);
    }

    // FR: one case, two tracks, each answered by its own Party.
    assertThat(net.node("FR").cases().list()).singleElement().satisfies(c -> assertThat(c.caseId()).isEqualTo(caseId));
    assertThat(net.caseAt("FR", caseId).tracks()).extracting(TrackView::requestMessageId, TrackView::counterpart,
        TrackView::role, TrackView::state).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(toDe.id(), "DE/poc", Role.REQUESTING, TrackState.RESULTS_DELIVERED),
            org.assertj.core.groups.Tuple.tuple(toIt.id(), "IT/poc", Role.REQUESTING, TrackState.RESULTS_DELIVERED));
    assertThat(net.caseAt("FR", caseId).flags()).isEmpty();
    assertThat(net.received("FR", caseId)).containsExactly("DETERMINATION <- DE/poc", "EVIDENCE_MANIFEST <- DE/poc",
        "DETERMINATION <- IT/poc", "EVIDENCE_MANIFEST <- IT/poc");
    assertThat(net.sent("FR", caseId)).containsExactly("ART9_REQUEST -> DE/poc DELIVERED",
        "ART9_REQUEST -> IT/poc DELIVERED");
    assertThat(net.node("FR").cases().timeline(caseId)).extracting(e -> e.trackId().orElseThrow() + " " + e.event()
        + " " + e.bodyType()).containsExactly(toDe.id() + " SENT ART9_REQUEST", toIt.id() + " SENT ART9_REQUEST",
            toDe.id() + " RECEIVED DETERMINATION", toDe.id() + " RECEIVED EVIDENCE_MANIFEST",
            toIt.id() + " RECEIVED DETERMINATION", toIt.id() + " RECEIVED EVIDENCE_MANIFEST");

    // Each requested Party sees the same case id and only its own request.
    for (var request : java.util.List.of(toDe, toIt)) {
      String party = request.message().getRouting().getRecipient().substring(0, 2);
      assertThat(net.caseAt(party, caseId).tracks()).singleElement().satisfies(t -> {
        assertThat(t.requestMessageId()).isEqualTo(request.id());
        assertThat(t.role()).isEqualTo(Role.REQUESTED);
        assertThat(t.state()).isEqualTo(TrackState.RESULTS_DELIVERED);
      });
      assertThat(net.received(party, caseId)).containsExactly("ART9_REQUEST <- FR/poc");
      assertThat(net.sent(party, caseId)).containsExactly("DETERMINATION -> FR/poc DELIVERED",
          "EVIDENCE_MANIFEST -> FR/poc DELIVERED");
      assertThat(net.node(party).quarantine().count()).isZero();
    }
  }
}
