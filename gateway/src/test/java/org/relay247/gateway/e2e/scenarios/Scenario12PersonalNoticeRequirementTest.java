package org.relay247.gateway.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.protection.PersonalNotices;
import org.relay247.protocol.v1.ConfidentialityRequest;
import org.relay247.protocol.v1.Determination;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.RestrictionLifted;
import org.relay247.protocol.v1.TransferorInquiry;

/**
 * Requirements 6.12, personal-notice requirement (Art. 14.11.c): DE's law requires notice to the
 * persons concerned, so DE flags its transfer of Art. 9 results; FR asks for confidentiality on
 * 12.a.i grounds (notice would alert the suspects); months later FR lifts the restriction and DE
 * may give notice. Variant: FR stays silent, and DE's node sends the inquiry of 14.11.c. Both
 * nodes track the requirement from the messages themselves.
 */
class Scenario12PersonalNoticeRequirementTest {
  @TempDir Path dir;
  ScenarioNetwork net;
  String caseId;
  String requestId;
  ScenarioNetwork.Delivery results;

  @BeforeEach
  void transferFlagged() throws Exception {
    net = ScenarioNetwork.start(dir, DirectoryEdits.none(), "FR", "DE");
    var request = net.deliver(Drafts.request("art9-request", "FR/poc", "DE/poc", Priority.PRIORITY_EMERGENCY, ""));
    caseId = request.caseId();
    requestId = request.id();
    var determination = net.deliver(Drafts.reply("DE/poc", "FR/poc", Priority.PRIORITY_EMERGENCY, caseId, requestId,
        "KHK Jonas Brenner").setDetermination(Determination.newBuilder().setRequestMessageId(requestId)
            .setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE).setArticle("9.6")));
    var manifest = Drafts.example("evidence-manifest").setRouting(Drafts.reply("DE/poc", "FR/poc",
        Priority.PRIORITY_EMERGENCY, caseId, requestId, "KHK Jonas Brenner").getRouting());
    manifest.getEvidenceManifestBuilder().setRequestMessageId(requestId).setAuthorisationMessageId(determination.id());
    assertThat(manifest.getEvidenceManifest().getPersonalNoticeRequired()).isTrue();
    results = net.deliver(manifest);

    assertThat(net.receivedMessage("FR", results.id()).getEvidenceManifest().getPersonalNoticeBasis()).isNotBlank();
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, requestId).state()).isEqualTo(TrackState.RESULTS_DELIVERED);
      PersonalNotices.Status s = notice(party);
      assertThat(s.state()).isEqualTo(PersonalNotices.State.NOTICE_REQUIRED);
      assertThat(s.transferringParty().code()).isEqualTo("DE");
      assertThat(s.requirementMessageId()).isEqualTo(results.id());
    }
  }

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  private PersonalNotices.Status notice(String party) {
    return net.node(party).protection().personalNotices().of(caseId)
        .orElseThrow(() -> new AssertionError("no personal-notice requirement on case " + caseId + " at " + party));
  }

  private ScenarioNetwork.Delivery confidentiality() throws Exception {
    var request = net.deliver(Drafts.reply("FR/poc", "DE/poc", Priority.PRIORITY_URGENT, caseId, results.id(),
        "Cdt Claire Martin").setConfidentialityRequest(ConfidentialityRequest.newBuilder()
            .addDataMessageIds(results.id())
            .setGrounds("Notice now would alert the suspects before the searches (Art. 14.12.a.i).")
            .setRequestedUntil(Timestamps.fromMillis(net.clock.instant().plus(Duration.ofDays(120)).toEpochMilli()))));
    for (String party : new String[] {"FR", "DE"}) {
      PersonalNotices.Status s = notice(party);
      assertThat(s.state()).isEqualTo(PersonalNotices.State.CONFIDENTIALITY_REQUESTED);
      assertThat(s.state().noticeMayBeGiven()).isFalse();
      assertThat(s.confidentialityRequestId()).contains(request.id());
    }
    return request;
  }

  @Test
  void confidentialityRequested_thenLiftedMonthsLater_noticeMayThenBeGiven() throws Exception {
    var request = confidentiality();

    net.advance(Duration.ofDays(90));
    var lifted = net.deliver(Drafts.reply("FR/poc", "DE/poc", Priority.PRIORITY_ROUTINE, caseId, request.id(),
        "Cdt Claire Martin").setRestrictionLifted(RestrictionLifted.newBuilder()
            .setConfidentialityRequestMessageId(request.id()).setReason("The suspects were charged.")));

    for (String party : new String[] {"FR", "DE"}) {
      PersonalNotices.Status s = notice(party);
      assertThat(s.state()).isEqualTo(PersonalNotices.State.RESTRICTION_LIFTED);
      assertThat(s.state().noticeMayBeGiven()).isTrue();
      assertThat(s.lastMessageId()).isEqualTo(lifted.id());
      assertThat(net.track(party, caseId, requestId).state()).isEqualTo(TrackState.RESULTS_DELIVERED);
    }
    assertThat(lifted.findingCodes()).isEmpty();
    assertThat(net.sent("FR", caseId)).containsExactly("ART9_REQUEST -> DE/poc DELIVERED",
        "CONFIDENTIALITY_REQUEST -> DE/poc DELIVERED", "RESTRICTION_LIFTED -> DE/poc DELIVERED");
    assertThat(net.received("DE", caseId)).containsExactly("ART9_REQUEST <- FR/poc",
        "CONFIDENTIALITY_REQUEST <- FR/poc", "RESTRICTION_LIFTED <- FR/poc");
  }

  @Test
  void requestingPartySilent_transferorSendsTheInquiry() throws Exception {
    var request = confidentiality();

    net.advance(Duration.ofDays(60));
    var inquiry = net.deliver(Drafts.reply("DE/poc", "FR/poc", Priority.PRIORITY_ROUTINE, caseId, request.id(),
        "KHK Jonas Brenner").setTransferorInquiry(TransferorInquiry.newBuilder()
            .setConfidentialityRequestMessageId(request.id()).addDataMessageIds(results.id())
            .setQuestion("Do the 12.a.i grounds still stand, or may the persons concerned be notified?")
            .setAnswerBy(Timestamps.fromMillis(net.clock.instant().plus(Duration.ofDays(14)).toEpochMilli()))));

    for (String party : new String[] {"FR", "DE"}) {
      PersonalNotices.Status s = notice(party);
      assertThat(s.state()).isEqualTo(PersonalNotices.State.INQUIRY_SENT);
      assertThat(s.state().noticeMayBeGiven()).isFalse();
      assertThat(s.confidentialityRequestId()).contains(request.id());
    }
    assertThat(net.sent("DE", caseId)).containsExactly("DETERMINATION -> FR/poc DELIVERED",
        "EVIDENCE_MANIFEST -> FR/poc DELIVERED", "TRANSFEROR_INQUIRY -> FR/poc DELIVERED");
    assertThat(net.received("FR", caseId)).containsExactly("DETERMINATION <- DE/poc", "EVIDENCE_MANIFEST <- DE/poc",
        "TRANSFEROR_INQUIRY <- DE/poc");
    assertThat(net.receivedMessage("FR", inquiry.id()).getTransferorInquiry().getDataMessageIdsList())
        .containsExactly(results.id());
  }
}
