package org.relay247.gateway.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.cases.TimerView;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.UrgencyClass;
import org.relay247.protocol.ProviderCopy;
import org.relay247.protocol.v1.AdditionalInfoAnswer;
import org.relay247.protocol.v1.AdditionalInfoRequest;
import org.relay247.protocol.v1.Art8Order;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.Determination;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.ExtraInformationField;
import org.relay247.protocol.v1.ExtraInformationRequirement;
import org.relay247.protocol.v1.InfoAnswer;
import org.relay247.protocol.v1.InfoQuestion;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;

/**
 * Requirements 6.9, an Art. 8 fraud order (8.3-8.6): FR's order carries 8.3.b supporting
 * information that is not for the provider; DE declared under 8.4 that traffic data need extra
 * information, asks for it, and the 45-day clocks start again only when FR's answer completes the
 * order; production clocks are 20 days for subscriber information, 45 for traffic data (8.6.a); DE
 * determines and sends the data, which stops the clocks. The provider's copy of the order holds
 * none of the 8.3.b content.
 */
class Scenario09Art8FraudOrderTest {
  @TempDir Path dir;
  ScenarioNetwork net;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  void start() throws Exception {
    net = ScenarioNetwork.start(dir, DirectoryEdits.declaration("DE", Declaration.newBuilder()
        .setKind(DeclarationKind.DECLARATION_KIND_D_8_4).setText("traffic data: time zone of the timestamps")
        .setExtraInformationRequirement(ExtraInformationRequirement.newBuilder().addFields(ExtraInformationField
            .newBuilder().setKey("timezone").setDescription("time zone of the requested timestamps")
            .addCategories(DataCategory.DATA_CATEGORY_TRAFFIC)))), "FR", "DE");
  }

  InnerMessage.Builder order(DataCategory... categories) {
    var draft = Drafts.request("art8-order", "FR/ca", "DE/ca", Priority.PRIORITY_ROUTINE, "");
    draft.getArt8OrderBuilder().clearPriorArt7MessageId().getOrderBuilder().getDataBuilder().clearCategories()
        .addAllCategories(java.util.List.of(categories));
    return draft;
  }

  static java.util.List<String> active(java.util.List<TimerView> timers) {
    return timers.stream().filter(t -> t.status() == TimerView.Status.ACTIVE)
        .map(t -> t.name() + " " + Duration.between(t.startedAt(), t.dueAt()).toDays() + "d").toList();
  }

  @Test
  void clarificationUnder8_4_restartsThe45DayClocksWhenComplete_thenDataStopThem_providerNeverSees8_3_b()
      throws Exception {
    start();
    var order = net.deliver(order(DataCategory.DATA_CATEGORY_SUBSCRIBER, DataCategory.DATA_CATEGORY_TRAFFIC));
    String caseId = order.caseId();
    String orderId = order.id();
    assertThat(order.findingCodes()).containsExactly("DECL_8_4 WARN Art. 8.4");
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, orderId).state()).isEqualTo(TrackState.OPEN);
      assertThat(active(net.caseAt(party, caseId).timers())).containsExactly("art8.serve 45d", "art8.produce 45d");
    }

    net.advance(Duration.ofDays(2));
    var question = net.deliver(Drafts.reply("DE/ca", "FR/ca", Priority.PRIORITY_ROUTINE, caseId, orderId,
        "RiAG Anna Keller").setAdditionalInfoRequest(AdditionalInfoRequest.newBuilder().setArticle("8.4")
            .setRequestMessageId(orderId).addQuestions(InfoQuestion.newBuilder().setId("timezone")
                .setText("Which time zone do the requested timestamps use?"))));
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, orderId).state()).isEqualTo(TrackState.AWAITING_INFORMATION);
      assertThat(net.caseAt(party, caseId).timers()).filteredOn(t -> t.status() == TimerView.Status.ACTIVE)
          .singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("art8.information");
            assertThat(t.urgency()).isEqualTo(UrgencyClass.WITHOUT_DELAY);
          });
    }

    net.advance(Duration.ofDays(3));
    Instant completedAt = net.clock.instant();
    var answer = Drafts.reply("FR/ca", "DE/ca", Priority.PRIORITY_ROUTINE, caseId, question.id(),
        "Mme Sophie Aubertin").setAdditionalInfoAnswer(AdditionalInfoAnswer.newBuilder()
            .setRequestMessageId(question.id()).addAnswers(InfoAnswer.newBuilder().setQuestionId("timezone")
                .setText("UTC")));
    net.deliver(answer);
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, orderId).state()).isEqualTo(TrackState.OPEN);
      assertThat(active(net.caseAt(party, caseId).timers())).containsExactly("art8.serve 45d", "art8.produce 45d");
      // The 45 days count from when the information was complete, not from the order.
      assertThat(net.caseAt(party, caseId).timers()).filteredOn(t -> t.status() == TimerView.Status.ACTIVE)
          .allSatisfy(t -> assertThat(t.startedAt()).isAfterOrEqualTo(completedAt.minusSeconds(1)));
    }

    var determination = net.deliver(Drafts.reply("DE/ca", "FR/ca", Priority.PRIORITY_ROUTINE, caseId, orderId,
        "RiAG Anna Keller").setDetermination(Determination.newBuilder().setRequestMessageId(orderId)
            .setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE).setArticle("8.6")));
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, orderId).state()).isEqualTo(TrackState.DETERMINED);
      assertThat(active(net.caseAt(party, caseId).timers())).containsExactly("art8.produce 45d");
    }
    var data = Drafts.example("evidence-manifest").setRouting(Drafts.reply("DE/ca", "FR/ca",
        Priority.PRIORITY_ROUTINE, caseId, orderId, "RiAG Anna Keller").getRouting());
    data.getEvidenceManifestBuilder().setRequestMessageId(orderId).setAuthorisationMessageId(determination.id());
    net.deliver(data);
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, orderId).state()).isEqualTo(TrackState.RESULTS_DELIVERED);
      assertThat(active(net.caseAt(party, caseId).timers())).isEmpty();
      assertThat(ScenarioNetwork.caseFlags(net.caseAt(party, caseId))).isEmpty();
      // The rules' warning reaches people on both nodes: at submit (requesting) and on arrival (requested).
      assertThat(net.caseAt(party, caseId).flags()).extracting(f -> f.code()).contains("DECL_8_4");
    }
    assertThat(net.caseTimerEscalations("DE")).isEmpty();
    assertThat(net.sent("FR", caseId)).containsExactly("ART8_ORDER -> DE/ca DELIVERED",
        "ADDITIONAL_INFO_ANSWER -> DE/ca DELIVERED");
    assertThat(net.received("FR", caseId)).containsExactly("ADDITIONAL_INFO_REQUEST <- DE/ca",
        "DETERMINATION <- DE/ca", "EVIDENCE_MANIFEST <- DE/ca");
    assertThat(net.received("DE", caseId)).containsExactly("ART8_ORDER <- FR/ca", "ADDITIONAL_INFO_ANSWER <- FR/ca");

    // What DE may show Kontowerk: the order as received, without the 8.3.b supporting information.
    Art8Order received = net.receivedMessage("DE", orderId).getArt8Order();
    var supporting = received.getSupportingInformation();
    assertThat(supporting.getSummaryOfFacts()).isNotEmpty();
    Art8Order forProvider = ProviderCopy.of(received);
    assertThat(forProvider.getOrder()).isEqualTo(received.getOrder());
    assertThat(forProvider.hasSupportingInformation()).isFalse();
    String rendered = com.google.protobuf.util.JsonFormat.printer().print(forProvider);
    for (String secret : new String[] {supporting.getSummaryOfFacts(), supporting.getRelevance(),
        supporting.getProviderPossessionGrounds(), supporting.getDomesticLegalBasis(), supporting.getOtherMeans()}) {
      assertThat(rendered).doesNotContain(secret);
    }
    assertThat(rendered).contains(received.getOrder().getOrderReference());
  }

  @Test
  void subscriberOnlyOrder_has20DaysToProduce_andEscalatesWhenTheyPass() throws Exception {
    start();
    var order = net.deliver(order(DataCategory.DATA_CATEGORY_SUBSCRIBER));
    String caseId = order.caseId();
    assertThat(order.findingCodes()).as("8.4 asks extra information for traffic data only").isEmpty();
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(active(net.caseAt(party, caseId).timers())).containsExactly("art8.serve 45d", "art8.produce 20d");
    }

    net.advance(Duration.ofDays(20).plusMinutes(1));
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.caseTimerEscalations(party)).singleElement().satisfies(e ->
          assertThat(e.detail()).contains("art8.produce missed (FIXED, Art. 8.6.a"));
      assertThat(active(net.caseAt(party, caseId).timers())).containsExactly("art8.serve 45d");
      assertThat(net.track(party, caseId, order.id()).state()).isEqualTo(TrackState.OPEN);
    }
  }
}
