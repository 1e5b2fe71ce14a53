package org.relay247.gateway.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.cases.ConditionView;
import org.relay247.gateway.cases.ConditionViolation;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.UseIntent;
import org.relay247.protocol.v1.AdditionalInfoAnswer;
import org.relay247.protocol.v1.AdditionalInfoRequest;
import org.relay247.protocol.v1.Condition;
import org.relay247.protocol.v1.ConditionAcceptance;
import org.relay247.protocol.v1.ConditionAnswer;
import org.relay247.protocol.v1.ConditionKind;
import org.relay247.protocol.v1.ConditionResponse;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.Determination;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.InfoAnswer;
import org.relay247.protocol.v1.InfoQuestion;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.UseExplanationAnswer;
import org.relay247.protocol.v1.UseExplanationRequest;

/**
 * Requirements 6.2, ransomware paralysing a hospital (ER §5, 148): FR asks DE under Art. 9 for a
 * host's traffic data; DE asks how the data relate to the risk to life (ER §164) and FR answers;
 * DE imposes confidentiality and a use limitation (9.6), FR accepts and is bound (9.7.a); the data
 * are delivered; later DE asks how they were used (9.7.b). The accepted conditions are enforced on
 * FR's node when the data are to be exported or re-used.
 */
class Scenario02RansomwareHospitalTest {
  static final String INVESTIGATION = "Parquet de Valmont 25/311/0042";

  @TempDir Path dir;
  ScenarioNetwork net;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void art9WithClarificationAndConditions_bindsFr_andTheConditionsStopExportAndOtherUse() throws Exception {
    net = ScenarioNetwork.start(dir, DirectoryEdits.none(), "FR", "DE");
    var draft = Drafts.request("art9-request", "FR/poc", "DE/poc", Priority.PRIORITY_EMERGENCY, "");
    draft.getArt9RequestBuilder().setInvestigationReference(INVESTIGATION).getDataBuilder().clearCategories()
        .addCategories(DataCategory.DATA_CATEGORY_TRAFFIC).clearIdentifiers().addIdentifiers("203.0.113.77")
        .setDescription("Connection logs of the host 203.0.113.77 (source IP, port, time)");
    var request = net.deliver(draft);
    String caseId = request.caseId();
    String requestId = request.id();
    assertThat(request.findingCodes()).isEmpty();

    var question = net.deliver(Drafts.reply("DE/poc", "FR/poc", Priority.PRIORITY_EMERGENCY, caseId, requestId,
        "KHK Jonas Brenner").setAdditionalInfoRequest(AdditionalInfoRequest.newBuilder().setArticle("9")
            .setRequestMessageId(requestId).addQuestions(InfoQuestion.newBuilder().setId("q1")
                .setText("How do the host's traffic data relate to the risk to the patients' lives?"))));
    assertThat(net.track("FR", caseId, requestId).state()).isEqualTo(TrackState.AWAITING_INFORMATION);
    assertThat(net.track("DE", caseId, requestId).state()).isEqualTo(TrackState.AWAITING_INFORMATION);

    net.deliver(Drafts.reply("FR/poc", "DE/poc", Priority.PRIORITY_EMERGENCY, caseId, question.id(),
        "Capitaine Hélène Marchetti").setAdditionalInfoAnswer(AdditionalInfoAnswer.newBuilder()
            .setRequestMessageId(question.id()).addAnswers(InfoAnswer.newBuilder().setQuestionId("q1")
                .setText("The host controls the ransomware; its logs lead to the key that restarts intensive care."))));
    assertThat(net.track("FR", caseId, requestId).state()).isEqualTo(TrackState.OPEN);
    assertThat(net.track("DE", caseId, requestId).state()).isEqualTo(TrackState.OPEN);

    var determination = net.deliver(Drafts.reply("DE/poc", "FR/poc", Priority.PRIORITY_EMERGENCY, caseId,
        requestId, "KHK Jonas Brenner").setDetermination(Determination.newBuilder().setRequestMessageId(requestId)
            .setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_CONDITIONS).setArticle("9.6")
            .addConditions(Condition.newBuilder().setId("c1").setKind(ConditionKind.CONDITION_KIND_CONFIDENTIALITY)
                .setText("Keep the provider's name confidential").setArticle("9.6"))
            .addConditions(Condition.newBuilder().setId("c2").setKind(ConditionKind.CONDITION_KIND_USE_LIMITATION)
                .setText("Use only for " + INVESTIGATION).setArticle("9.6"))));
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, requestId).state()).isEqualTo(TrackState.CONDITIONS_PENDING);
      assertThat(net.caseAt(party, caseId).conditions()).extracting(ConditionView::status)
          .containsOnly(ConditionView.Status.IMPOSED);
    }
    // Imposed, not yet accepted: nothing binds FR yet.
    net.node("FR").cases().checkUse(caseId, UseIntent.export("IT/ca", INVESTIGATION));

    net.deliver(Drafts.reply("FR/poc", "DE/poc", Priority.PRIORITY_EMERGENCY, caseId, determination.id(),
        "Capitaine Hélène Marchetti").setConditionResponse(ConditionResponse.newBuilder()
            .setDeterminationMessageId(determination.id()).setArticle("9.7.a")
            .addAnswers(ConditionAnswer.newBuilder().setConditionId("c1")
                .setAcceptance(ConditionAcceptance.CONDITION_ACCEPTANCE_ACCEPT_BOUND))
            .addAnswers(ConditionAnswer.newBuilder().setConditionId("c2")
                .setAcceptance(ConditionAcceptance.CONDITION_ACCEPTANCE_ACCEPT_BOUND))));
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, requestId).state()).isEqualTo(TrackState.CONDITIONS_ACCEPTED);
      assertThat(net.caseAt(party, caseId).conditions()).extracting(ConditionView::conditionId, ConditionView::status)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("c1", ConditionView.Status.BINDING),
              org.assertj.core.groups.Tuple.tuple("c2", ConditionView.Status.BINDING));
    }

    var results = Drafts.example("evidence-manifest").setRouting(Drafts.reply("DE/poc", "FR/poc",
        Priority.PRIORITY_EMERGENCY, caseId, requestId, "KHK Jonas Brenner").getRouting());
    results.getEvidenceManifestBuilder().setRequestMessageId(requestId).setAuthorisationMessageId(determination.id())
        .addConditionIds("c1").addConditionIds("c2");
    net.deliver(results);
    assertThat(net.track("FR", caseId, requestId).state()).isEqualTo(TrackState.RESULTS_DELIVERED);
    assertThat(net.track("DE", caseId, requestId).state()).isEqualTo(TrackState.RESULTS_DELIVERED);

    var useQuestion = net.deliver(Drafts.reply("DE/poc", "FR/poc", Priority.PRIORITY_ROUTINE, caseId,
        determination.id(), "KHK Jonas Brenner").setUseExplanationRequest(UseExplanationRequest.newBuilder()
            .setArticle("9.7.b").setDeterminationMessageId(determination.id()).addConditionIds("c2")
            .setQuestion("How have the data been used in relation to condition c2?")));
    net.deliver(Drafts.reply("FR/poc", "DE/poc", Priority.PRIORITY_ROUTINE, caseId, useQuestion.id(),
        "Capitaine Hélène Marchetti").setUseExplanationAnswer(UseExplanationAnswer.newBuilder()
            .setRequestMessageId(useQuestion.id()).setExplanation("Used only to identify the operators in "
                + INVESTIGATION)));

    // Outcome: the conditions bind FR's use of the data, on FR's node.
    var fr = net.node("FR").cases();
    assertThatThrownBy(() -> fr.checkUse(caseId, UseIntent.export("IT/ca", INVESTIGATION)))
        .isInstanceOf(ConditionViolation.class).hasMessageContaining("condition c1 (CONFIDENTIALITY, Art. 9.6)")
        .hasMessageContaining("forbids export to IT/ca");
    assertThatThrownBy(() -> fr.checkUse(caseId, UseIntent.reuse("insurance fraud", "Parquet de Lyon 25/900/0001")))
        .isInstanceOf(ConditionViolation.class).hasMessageContaining("condition c2 (USE_LIMITATION, Art. 9.6)")
        .hasMessageContaining("limits use to investigation " + INVESTIGATION);
    fr.checkUse(caseId, UseIntent.reuse("identify the operators", INVESTIGATION));

    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, requestId).state()).isEqualTo(TrackState.RESULTS_DELIVERED);
      assertThat(net.caseAt(party, caseId).flags()).isEmpty();
      assertThat(net.caseAt(party, caseId).obligations()).isEmpty();
    }
    assertThat(net.sent("FR", caseId)).containsExactly("ART9_REQUEST -> DE/poc DELIVERED",
        "ADDITIONAL_INFO_ANSWER -> DE/poc DELIVERED", "CONDITION_RESPONSE -> DE/poc DELIVERED",
        "USE_EXPLANATION_ANSWER -> DE/poc DELIVERED");
    assertThat(net.received("DE", caseId)).containsExactly("ART9_REQUEST <- FR/poc",
        "ADDITIONAL_INFO_ANSWER <- FR/poc", "CONDITION_RESPONSE <- FR/poc", "USE_EXPLANATION_ANSWER <- FR/poc");
    assertThat(net.sent("DE", caseId)).containsExactly("ADDITIONAL_INFO_REQUEST -> FR/poc DELIVERED",
        "DETERMINATION -> FR/poc DELIVERED", "EVIDENCE_MANIFEST -> FR/poc DELIVERED",
        "USE_EXPLANATION_REQUEST -> FR/poc DELIVERED");
    assertThat(net.received("FR", caseId)).containsExactly("ADDITIONAL_INFO_REQUEST <- DE/poc",
        "DETERMINATION <- DE/poc", "EVIDENCE_MANIFEST <- DE/poc", "USE_EXPLANATION_REQUEST <- DE/poc");
    assertThat(net.timeline("DE", caseId)).containsExactly("RECEIVED ART9_REQUEST OPEN",
        "SENT ADDITIONAL_INFO_REQUEST AWAITING_INFORMATION", "RECEIVED ADDITIONAL_INFO_ANSWER OPEN",
        "SENT DETERMINATION CONDITIONS_PENDING", "RECEIVED CONDITION_RESPONSE CONDITIONS_ACCEPTED",
        "SENT EVIDENCE_MANIFEST RESULTS_DELIVERED", "SENT USE_EXPLANATION_REQUEST RESULTS_DELIVERED",
        "RECEIVED USE_EXPLANATION_ANSWER RESULTS_DELIVERED");
  }
}
