package org.relay247.gateway.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.cases.ObligationView;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TimerView;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;
import org.relay247.protocol.v1.AuthorityRole;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.Determination;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.FollowUpRequirement;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.ResultsChannel;

/**
 * Requirements 6.1, kidnappers' e-mail account (ER §42, 148): FR asks DE under Art. 9 for content,
 * traffic and subscriber data; DE determines "will provide"; the data come from DE's executing
 * authority, not its point of contact (ER §160). DE declared Art. 9.5, so the official results open
 * a follow-up obligation owed by FR, tracked on both nodes until FR's follow-up submission closes it.
 */
class Scenario01KidnappersMailAccountTest {
  @TempDir Path dir;
  ScenarioNetwork net;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void art9Disclosure_byTheExecutingAuthority_opensThe9_5FollowUp_untilTheFollowUpClosesIt() throws Exception {
    net = ScenarioNetwork.start(dir, DirectoryEdits.declaration("DE", Declaration.newBuilder()
            .setKind(DeclarationKind.DECLARATION_KIND_D_9_5).setText("follow-up by formal MLA request")
            .setFollowUpRequirement(FollowUpRequirement.newBuilder().setFormat("formal MLA request")
                .setChannel("DE/ca").setDueDays(30)))
        .andThen(DirectoryEdits.authority("DE", "lka-berlin", "Landeskriminalamt Berlin",
            AuthorityRole.AUTHORITY_ROLE_COMPETENT)), "FR", "DE");

    var request = net.deliver(Drafts.request("art9-request", "FR/poc", "DE/poc", Priority.PRIORITY_EMERGENCY, ""));
    String caseId = request.caseId();
    String requestId = request.id();
    assertThat(request.message().getArt9Request().getData().getCategoriesList()).containsExactlyInAnyOrder(
        DataCategory.DATA_CATEGORY_CONTENT, DataCategory.DATA_CATEGORY_TRAFFIC, DataCategory.DATA_CATEGORY_SUBSCRIBER);
    // The rules warn FR before sending that a follow-up will be owed; nothing blocks.
    assertThat(request.findingCodes()).containsExactly("DECL_9_5 WARN Art. 9.5");
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, requestId).kind()).isEqualTo(TrackKind.ART9);
      assertThat(net.track(party, caseId, requestId).state()).isEqualTo(TrackState.OPEN);
    }
    assertThat(net.track("FR", caseId, requestId).role()).isEqualTo(Role.REQUESTING);
    assertThat(net.track("DE", caseId, requestId).role()).isEqualTo(Role.REQUESTED);

    var determination = net.deliver(Drafts.reply("DE/poc", "FR/poc", Priority.PRIORITY_EMERGENCY, caseId, requestId,
        "KHK Jonas Brenner").setDetermination(Determination.newBuilder().setRequestMessageId(requestId)
            .setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE).setArticle("9.6")
            .setExecutingAuthority("DE/lka-berlin").addAllCategoriesProvided(
                request.message().getArt9Request().getData().getCategoriesList())));
    assertThat(net.track("FR", caseId, requestId).state()).isEqualTo(TrackState.DETERMINED);
    assertThat(net.track("DE", caseId, requestId).state()).isEqualTo(TrackState.DETERMINED);

    var results = Drafts.example("evidence-manifest").setRouting(Drafts.reply("DE/lka-berlin", "FR/poc",
        Priority.PRIORITY_EMERGENCY, caseId, requestId, "KOK Lea Sommer").getRouting());
    results.getEvidenceManifestBuilder().setRequestMessageId(requestId)
        .setAuthorisationMessageId(determination.id()).setChannel(ResultsChannel.RESULTS_CHANNEL_OTHER_AUTHORITY);
    var manifest = net.deliver(results);
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, requestId).state()).isEqualTo(TrackState.RESULTS_DELIVERED);
      assertThat(net.caseAt(party, caseId).obligations()).singleElement().satisfies(o -> {
        assertThat(o.kind()).isEqualTo(ObligationView.Kind.FOLLOW_UP_9_5);
        assertThat(o.owedBy()).isEqualTo(Role.REQUESTING);
        assertThat(o.article()).isEqualTo("9.5");
        assertThat(o.open()).isTrue();
      });
    }

    var followUp = Drafts.example("art9-follow-up").setRouting(Drafts.reply("FR/ca", "DE/ca",
        Priority.PRIORITY_ROUTINE, caseId, manifest.id(), "").getRouting());
    followUp.getArt9FollowUpBuilder().setRequestMessageId(requestId);
    var submission = net.deliver(followUp);

    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.caseAt(party, caseId).obligations()).singleElement().satisfies(o -> {
        assertThat(o.open()).isFalse();
        assertThat(o.closedBy()).contains(submission.id());
      });
      assertThat(net.caseAt(party, caseId).timers()).extracting(TimerView::name, TimerView::status).containsExactly(
          org.assertj.core.groups.Tuple.tuple("art9.determination", TimerView.Status.CANCELLED),
          org.assertj.core.groups.Tuple.tuple("art9.results", TimerView.Status.CANCELLED));
      assertThat(ScenarioNetwork.caseFlags(net.caseAt(party, caseId))).isEmpty();
      // The rules' warning reaches people on both nodes: at submit (requesting) and on arrival (requested).
      assertThat(net.caseAt(party, caseId).flags()).extracting(f -> f.code()).contains("DECL_9_5");
      assertThat(net.track(party, caseId, requestId).state()).isEqualTo(TrackState.RESULTS_DELIVERED);
    }
    assertThat(net.sent("FR", caseId)).containsExactly(
        "ART9_REQUEST -> DE/poc DELIVERED", "ART9_FOLLOW_UP -> DE/ca DELIVERED");
    assertThat(net.received("DE", caseId)).containsExactly("ART9_REQUEST <- FR/poc", "ART9_FOLLOW_UP <- FR/ca");
    assertThat(net.sent("DE", caseId)).containsExactly(
        "DETERMINATION -> FR/poc DELIVERED", "EVIDENCE_MANIFEST -> FR/poc DELIVERED");
    assertThat(net.received("FR", caseId)).containsExactly(
        "DETERMINATION <- DE/poc", "EVIDENCE_MANIFEST <- DE/lka-berlin");
    assertThat(net.timeline("FR", caseId)).containsExactly("SENT ART9_REQUEST OPEN",
        "RECEIVED DETERMINATION DETERMINED", "RECEIVED EVIDENCE_MANIFEST RESULTS_DELIVERED",
        "SENT ART9_FOLLOW_UP RESULTS_DELIVERED");
    assertThat(net.node("DE").audit().entries(caseId)).filteredOn(e -> e.action().equals("DETERMINATION_RECORDED"))
        .extracting(e -> e.actor()).containsExactly("KHK Jonas Brenner");
  }
}
