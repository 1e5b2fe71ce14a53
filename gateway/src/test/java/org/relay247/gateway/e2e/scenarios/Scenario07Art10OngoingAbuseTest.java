package org.relay247.gateway.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.cases.FlagView;
import org.relay247.gateway.cases.TimerView;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;
import org.relay247.protocol.v1.AdditionalInfoAnswer;
import org.relay247.protocol.v1.AdditionalInfoRequest;
import org.relay247.protocol.v1.AuthorityRole;
import org.relay247.protocol.v1.ChannelAgreement;
import org.relay247.protocol.v1.CopyKind;
import org.relay247.protocol.v1.Determination;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.EvidenceItem;
import org.relay247.protocol.v1.EvidenceManifest;
import org.relay247.protocol.v1.ExecutionStatus;
import org.relay247.protocol.v1.ExecutionStep;
import org.relay247.protocol.v1.InfoAnswer;
import org.relay247.protocol.v1.InfoQuestion;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.ResultsChannel;

/**
 * Requirements 6.7, Art. 10 for ongoing child sexual abuse (ER §42): FR's central authority asks
 * DE's at 03:00 (10.5: reachable 24/7); DE asks for additional information and FR answers (10.3);
 * DE determines it will provide (10.4: warrant, provider served); a preliminary copy goes straight
 * to FR's prosecutor by the channel the central authorities agreed (10.6), the official copy by the
 * central authorities; identical hashes and a complete, verifiable custody log on both nodes. An
 * official copy whose hashes differ from the preliminary one is flagged.
 */
class Scenario07Art10OngoingAbuseTest {
  static final String AGREEMENT = "FR-DE 10.6 preliminary copies";

  @TempDir Path dir;
  ScenarioNetwork net;
  String caseId;
  String requestId;
  String determinationId;

  @BeforeEach
  void start() throws Exception {
    net = ScenarioNetwork.start(dir, DirectoryEdits.authority("FR", "tj-grenoble", "Parquet de Grenoble",
            AuthorityRole.AUTHORITY_ROLE_JUDICIAL)
        .andThen(DirectoryEdits.pair("FR", "DE", p -> p.addChannelAgreements(ChannelAgreement.newBuilder()
            .setReference(AGREEMENT).setRecipient("FR/tj-grenoble")
            .setDescription("preliminary copies of Art. 10 results to the investigating prosecutor")))),
        "FR", "DE");
  }

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  /** Request at 03:00 UTC, the 10.3 question and answer, DE's determination to provide. */
  void requestAnsweredAndDetermined() throws Exception {
    Instant now = net.clock.instant();
    Instant threeAm = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(3));
    net.advance(Duration.between(now, threeAm.isAfter(now) ? threeAm : threeAm.plus(Duration.ofDays(1))));
    var draft = Drafts.request("art10-request", "FR/ca", "DE/ca", Priority.PRIORITY_EMERGENCY, "");
    draft.getArt10RequestBuilder().clearTreaty().setProposedResultsChannel("FR/tj-grenoble");
    var request = net.deliver(draft);
    caseId = request.caseId();
    requestId = request.id();
    assertThat(Instant.ofEpochMilli(Timestamps.toMillis(request.message().getRouting().getCreatedAt()))
        .atZone(ZoneOffset.UTC).getHour()).isEqualTo(3);
    assertThat(request.findingCodes()).isEmpty();
    assertThat(net.track("DE", caseId, requestId).kind()).isEqualTo(TrackKind.ART10);
    assertThat(net.caseAt("DE", caseId).timers()).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("art10.response");
      assertThat(t.article()).isEqualTo("10.4");
    });

    var question = net.deliver(Drafts.reply("DE/ca", "FR/ca", Priority.PRIORITY_EMERGENCY, caseId, requestId,
        "RiAG Anna Keller").setAdditionalInfoRequest(AdditionalInfoRequest.newBuilder().setArticle("10.3")
            .setRequestMessageId(requestId).addQuestions(InfoQuestion.newBuilder().setId("q1")
                .setText("Is there a French judicial decision ordering the production of traffic data?"))));
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, requestId).state()).isEqualTo(TrackState.AWAITING_INFORMATION);
    }
    net.deliver(Drafts.reply("FR/ca", "DE/ca", Priority.PRIORITY_EMERGENCY, caseId, question.id(),
        "Mme Sophie Aubertin").setAdditionalInfoAnswer(AdditionalInfoAnswer.newBuilder()
            .setRequestMessageId(question.id()).addAnswers(InfoAnswer.newBuilder().setQuestionId("q1")
                .setText("Yes: ordonnance of the juge des libertés, attached to the file."))));
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, requestId).state()).isEqualTo(TrackState.OPEN);
    }

    determinationId = net.deliver(Drafts.reply("DE/ca", "FR/ca", Priority.PRIORITY_EMERGENCY, caseId, requestId,
        "RiAG Anna Keller").setDetermination(Determination.newBuilder().setRequestMessageId(requestId)
            .setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE).setArticle("10.4")
            .setExecutingAuthority("DE/ca")
            .setGroundsText("Urgent warrant of the Amtsgericht issued; served on the provider."))).id();
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, requestId).state()).isEqualTo(TrackState.DETERMINED);
    }
    // 10.4, ER §176: the warrant is served; the provider's delays are not DE's.
    net.deliver(Drafts.reply("DE/ca", "FR/ca", Priority.PRIORITY_EMERGENCY, caseId, requestId, "RiAG Anna Keller")
        .setExecutionStatus(ExecutionStatus.newBuilder().setRequestMessageId(requestId)
            .setStep(ExecutionStep.EXECUTION_STEP_AWAITING_PROVIDER).setArticle("10.4")
            .setNote("Urgent warrant served on the provider at 03:40.")));
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, requestId).state()).isEqualTo(TrackState.AWAITING_PROVIDER);
      assertThat(net.caseAt(party, caseId).timers()).filteredOn(t -> t.status() == TimerView.Status.ACTIVE)
          .extracting(TimerView::name).containsExactly("art10.results");
    }
  }

  InnerMessage.Builder manifest(String from, String to, CopyKind kind, ResultsChannel channel, byte fill) {
    return Drafts.reply(from, to, Priority.PRIORITY_EMERGENCY, caseId, requestId, "RiAG Anna Keller")
        .setEvidenceManifest(EvidenceManifest.newBuilder().setRequestMessageId(requestId)
            .setAuthorisationMessageId(determinationId).setCopyKind(kind).setChannel(channel).setChunkSizeBytes(65536)
            .addItems(item("item-1", "customer-account.csv", fill))
            .addItems(item("item-2", "uploader-connections.csv", (byte) (fill + 1))));
  }

  static EvidenceItem item(String id, String name, byte fill) {
    byte[] sha = new byte[32];
    java.util.Arrays.fill(sha, fill);
    return EvidenceItem.newBuilder().setItemId(id).setName(name).setSizeBytes(1024).setChunkCount(1)
        .setSha256(ByteString.copyFrom(sha)).build();
  }

  @Test
  void preliminaryCopyToTheProsecutor_thenOfficialCopyByTheCentralAuthorities_sameHashes_fullCustodyLog()
      throws Exception {
    requestAnsweredAndDetermined();

    var toProsecutor = manifest("DE/ca", "FR/tj-grenoble", CopyKind.COPY_KIND_PRELIMINARY,
        ResultsChannel.RESULTS_CHANNEL_AGREED_ALTERNATIVE, (byte) 7);
    toProsecutor.getEvidenceManifestBuilder().setChannelAgreement(AGREEMENT);
    var preliminary = net.deliver(toProsecutor);
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, requestId).state()).isEqualTo(TrackState.PRELIMINARY_RESULTS);
    }
    var official = manifest("DE/ca", "FR/ca", CopyKind.COPY_KIND_OFFICIAL,
        ResultsChannel.RESULTS_CHANNEL_CENTRAL_AUTHORITY, (byte) 7);
    official.getEvidenceManifestBuilder().setPreliminaryManifestId(preliminary.id());
    var officialCopy = net.deliver(official);

    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, requestId).state()).isEqualTo(TrackState.RESULTS_DELIVERED);
      assertThat(net.caseAt(party, caseId).flags()).isEmpty();
      assertThat(net.caseAt(party, caseId).timers()).extracting(TimerView::status)
          .containsOnly(TimerView.Status.CANCELLED);
    }
    EvidenceManifest atProsecutor = net.receivedMessage("FR", preliminary.id()).getEvidenceManifest();
    EvidenceManifest atCentralAuthority = net.receivedMessage("FR", officialCopy.id()).getEvidenceManifest();
    assertThat(atProsecutor.getChannelAgreement()).isEqualTo(AGREEMENT);
    assertThat(atCentralAuthority.getItemsList()).extracting(EvidenceItem::getItemId, EvidenceItem::getSha256)
        .isEqualTo(atProsecutor.getItemsList().stream().map(i -> org.assertj.core.groups.Tuple.tuple(i.getItemId(),
            i.getSha256())).toList());

    assertThat(net.sent("DE", caseId)).containsExactly("ADDITIONAL_INFO_REQUEST -> FR/ca DELIVERED",
        "DETERMINATION -> FR/ca DELIVERED", "EXECUTION_STATUS -> FR/ca DELIVERED",
        "EVIDENCE_MANIFEST -> FR/tj-grenoble DELIVERED",
        "EVIDENCE_MANIFEST -> FR/ca DELIVERED");
    assertThat(net.received("FR", caseId)).containsExactly("ADDITIONAL_INFO_REQUEST <- DE/ca",
        "DETERMINATION <- DE/ca", "EXECUTION_STATUS <- DE/ca", "EVIDENCE_MANIFEST <- DE/ca",
        "EVIDENCE_MANIFEST <- DE/ca");
    assertThat(net.inbox("FR", caseId)).extracting(e -> e.recipient()).containsExactly("FR/ca", "FR/ca", "FR/ca",
        "FR/tj-grenoble", "FR/ca");
    assertThat(net.sent("FR", caseId)).containsExactly("ART10_REQUEST -> DE/ca DELIVERED",
        "ADDITIONAL_INFO_ANSWER -> DE/ca DELIVERED");

    // Custody: every hand-over of the results in both hash-chained audit logs, which verify.
    for (String id : List.of(preliminary.id(), officialCopy.id())) {
      assertThat(net.node("DE").audit().entries(caseId)).filteredOn(e -> id.equals(e.messageId()))
          .extracting(e -> e.action()).containsExactly("MESSAGE_SUBMITTED", "MESSAGE_DELIVERED");
      assertThat(net.node("FR").audit().entries(caseId)).filteredOn(e -> id.equals(e.messageId()))
          .extracting(e -> e.action()).containsExactly("MESSAGE_RECEIVED");
    }
    net.node("FR").audit().verify();
    net.node("DE").audit().verify();
  }

  @Test
  void officialCopyWhoseHashesDifferFromThePreliminaryOne_isFlaggedOnBothNodes() throws Exception {
    requestAnsweredAndDetermined();
    var preliminary = net.deliver(manifest("DE/ca", "FR/tj-grenoble", CopyKind.COPY_KIND_PRELIMINARY,
        ResultsChannel.RESULTS_CHANNEL_AGREED_ALTERNATIVE, (byte) 7));
    var official = manifest("DE/ca", "FR/ca", CopyKind.COPY_KIND_OFFICIAL,
        ResultsChannel.RESULTS_CHANNEL_CENTRAL_AUTHORITY, (byte) 9);
    official.getEvidenceManifestBuilder().setPreliminaryManifestId(preliminary.id());
    net.deliver(official);

    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, requestId).state()).isEqualTo(TrackState.RESULTS_DELIVERED);
      assertThat(net.caseAt(party, caseId).flags()).extracting(FlagView::code)
          .containsExactly("RESULTS_HASH_MISMATCH", "RESULTS_HASH_MISMATCH");
      assertThat(net.caseAt(party, caseId).flags()).extracting(FlagView::detail)
          .allSatisfy(d -> assertThat(d).contains("differs from the preliminary copy's").contains("(Art. 10.6)"));
    }
  }
}
