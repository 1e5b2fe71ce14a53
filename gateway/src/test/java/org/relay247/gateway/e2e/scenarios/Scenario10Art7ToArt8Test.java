package org.relay247.gateway.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Timestamps;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.cases.TimerView;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.TrackView;
import org.relay247.gateway.delivery.TreatyRuleViolation;
import org.relay247.gateway.rules.Finding;
import org.relay247.protocol.ProviderCopy;
import org.relay247.protocol.v1.AdditionalInfoAnswer;
import org.relay247.protocol.v1.AdditionalInfoRequest;
import org.relay247.protocol.v1.AuthorityRole;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.InfoAnswer;
import org.relay247.protocol.v1.InfoQuestion;
import org.relay247.protocol.v1.NonDisclosureGround;
import org.relay247.protocol.v1.NotificationMode;
import org.relay247.protocol.v1.NotificationRequirement;
import org.relay247.protocol.v1.Priority;

/**
 * Requirements 6.10, Art. 7 to Art. 8 (7.5, 7.7, 7.8): FR's prosecutor orders a provider in DE to
 * disclose subscriber information; DE declared 7.5.a, so the order goes with a summary of the facts
 * to DE's designated authority. DE asks for more information (7.5.d.i; the answer is not for the
 * provider) and instructs non-disclosure with reasons (7.5.c-d). Variant: the provider stays silent
 * for 30 days, the 7.7 clock escalates, and FR turns to Art. 8, referencing the Art. 7 attempt as
 * DE's 7.8 declaration requires; the Art. 7 track is converted.
 */
class Scenario10Art7ToArt8Test {
  @TempDir Path dir;
  ScenarioNetwork net;

  @BeforeEach
  void start() throws Exception {
    net = ScenarioNetwork.start(dir, DirectoryEdits.authority("DE", "gsta-berlin",
            "Generalstaatsanwaltschaft Berlin", AuthorityRole.AUTHORITY_ROLE_DESIGNATED)
        .andThen(DirectoryEdits.authority("FR", "tj-paris-j3", "Parquet de Paris, J3",
            AuthorityRole.AUTHORITY_ROLE_JUDICIAL))
        .andThen(DirectoryEdits.declaration("DE", Declaration.newBuilder()
            .setKind(DeclarationKind.DECLARATION_KIND_D_7_5_A).setText("simultaneous notification always")
            .setNotificationRequirement(NotificationRequirement.newBuilder()
                .setMode(NotificationMode.NOTIFICATION_MODE_ALWAYS).setAuthorityId("gsta-berlin"))))
        .andThen(DirectoryEdits.declaration("DE", Declaration.newBuilder()
            .setKind(DeclarationKind.DECLARATION_KIND_D_7_8).setText("try Art. 7 before Art. 8"))), "FR", "DE");
  }

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  /** The notification of an order whose own deadline (10 days) is shorter than the 30 days of 7.7. */
  ScenarioNetwork.Delivery notification() throws Exception {
    var draft = Drafts.request("simultaneous-notification", "FR/tj-paris-j3", "DE/gsta-berlin",
        Priority.PRIORITY_ROUTINE, "").setLanguage("en");
    draft.getSimultaneousNotificationBuilder().getSupplementaryInformationBuilder().setProductionDeadline(
        Timestamps.fromMillis(net.clock.instant().plus(Duration.ofDays(10)).toEpochMilli()));
    var sent = net.deliver(draft);
    assertThat(sent.findingCodes()).isEmpty();
    assertThat(sent.message().getSimultaneousNotification().getSummaryOfFacts()).isNotEmpty();
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, sent.caseId(), sent.id()).kind()).isEqualTo(TrackKind.ART7);
      assertThat(net.track(party, sent.caseId(), sent.id()).state()).isEqualTo(TrackState.OPEN);
      assertThat(net.caseAt(party, sent.caseId()).timers()).singleElement().satisfies(t -> {
        assertThat(t.name()).isEqualTo("art7.disclosure");
        assertThat(t.article()).isEqualTo("7.7");
        assertThat(Duration.between(t.startedAt(), t.dueAt())).isEqualTo(Duration.ofDays(30));
      });
    }
    return sent;
  }

  @Test
  void notificationToTheDesignatedAuthority_questionHiddenFromTheProvider_nonDisclosureWithReasons()
      throws Exception {
    var notice = notification();
    String caseId = notice.caseId();

    var question = net.deliver(Drafts.reply("DE/gsta-berlin", "FR/tj-paris-j3", Priority.PRIORITY_ROUTINE, caseId,
        notice.id(), "OStA Katrin Wiese").setAdditionalInfoRequest(AdditionalInfoRequest.newBuilder()
            .setArticle("7.5.d.i").setRequestMessageId(notice.id()).addQuestions(InfoQuestion.newBuilder()
                .setId("q1").setText("Is the account holder a suspect or a witness?"))));
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, notice.id()).state()).isEqualTo(TrackState.AWAITING_INFORMATION);
    }
    var answer = net.deliver(Drafts.reply("FR/tj-paris-j3", "DE/gsta-berlin", Priority.PRIORITY_ROUTINE, caseId,
        question.id(), "M. Julien Ferrand").setAdditionalInfoAnswer(AdditionalInfoAnswer.newBuilder()
            .setRequestMessageId(question.id()).addAnswers(InfoAnswer.newBuilder().setQuestionId("q1")
                .setText("A suspect: he runs the platform's customer service."))));
    assertThat(net.track("DE", caseId, notice.id()).state()).isEqualTo(TrackState.OPEN);
    // 7.5.d.i: the answer is not disclosed to the provider without the issuing authority's consent.
    var atDe = net.receivedMessage("DE", answer.id()).getAdditionalInfoAnswer();
    assertThat(atDe.getAnswersList()).isNotEmpty();
    assertThat(ProviderCopy.of(atDe).getAnswersList()).isEmpty();
    assertThat(ProviderCopy.of(net.receivedMessage("DE", notice.id()).getSimultaneousNotification())
        .getSummaryOfFacts()).isEmpty();

    var reply = Drafts.reply("DE/gsta-berlin", "FR/tj-paris-j3", Priority.PRIORITY_ROUTINE, caseId, notice.id(),
        "OStA Katrin Wiese");
    var instruction = Drafts.example("non-disclosure-instruction").setRouting(reply.getRouting())
        .setSenderContact(reply.getSenderContact());
    instruction.getNonDisclosureInstructionBuilder().setNotificationMessageId(notice.id());
    var nonDisclosure = net.deliver(instruction);

    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, notice.id()).state()).isEqualTo(TrackState.NON_DISCLOSURE);
      assertThat(net.caseAt(party, caseId).timers()).extracting(TimerView::status)
          .containsOnly(TimerView.Status.CANCELLED);
      assertThat(net.caseAt(party, caseId).flags()).isEmpty();
    }
    var received = net.receivedMessage("FR", nonDisclosure.id()).getNonDisclosureInstruction();
    assertThat(received.getGround()).isEqualTo(NonDisclosureGround.NON_DISCLOSURE_GROUND_PREJUDICE_TO_INVESTIGATION);
    assertThat(received.getReasons()).isNotBlank();
    assertThat(net.sent("FR", caseId)).containsExactly("SIMULTANEOUS_NOTIFICATION -> DE/gsta-berlin DELIVERED",
        "ADDITIONAL_INFO_ANSWER -> DE/gsta-berlin DELIVERED");
    assertThat(net.sent("DE", caseId)).containsExactly("ADDITIONAL_INFO_REQUEST -> FR/tj-paris-j3 DELIVERED",
        "NON_DISCLOSURE_INSTRUCTION -> FR/tj-paris-j3 DELIVERED");
    assertThat(net.received("DE", caseId)).containsExactly("SIMULTANEOUS_NOTIFICATION <- FR/tj-paris-j3",
        "ADDITIONAL_INFO_ANSWER <- FR/tj-paris-j3");
    assertThat(net.node("DE").audit().entries(caseId)).extracting(e -> e.action() + " " + e.actor())
        .contains("MESSAGE_SUBMITTED OStA Katrin Wiese");
  }

  @Test
  void notificationToAnotherAuthorityThanTheDesignatedOne_isBlocked() throws Exception {
    var draft = Drafts.request("simultaneous-notification", "FR/tj-paris-j3", "DE/poc", Priority.PRIORITY_ROUTINE, "")
        .setLanguage("en");
    assertThatThrownBy(() -> net.submit(draft)).isInstanceOfSatisfying(TreatyRuleViolation.class, v ->
        assertThat(v.findings()).filteredOn(Finding::blocks).extracting(Finding::code).containsExactly("DECL_7_5_E"));
  }

  @Test
  void providerSilentFor30Days_escalates_andFrTurnsToArt8ReferencingTheArt7Attempt() throws Exception {
    var notice = notification();
    String caseId = notice.caseId();

    net.advance(Duration.ofDays(30).plusMinutes(1));
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.caseTimerEscalations(party)).singleElement().satisfies(e -> {
        assertThat(e.messageId()).isEqualTo(notice.id());
        assertThat(e.detail()).contains("art7.disclosure missed (FIXED, Art. 7.7");
      });
    }

    var order = Drafts.request("art8-order", "FR/ca", "DE/ca", Priority.PRIORITY_ROUTINE, caseId);
    order.getArt8OrderBuilder().clearPriorArt7MessageId();
    // DE's 7.8 declaration: an Art. 8 order for subscriber information must show the Art. 7 attempt.
    assertThatThrownBy(() -> net.submit(order)).isInstanceOfSatisfying(TreatyRuleViolation.class, v ->
        assertThat(v.findings()).filteredOn(Finding::blocks).extracting(Finding::code).containsExactly("DECL_7_8"));
    order.getArt8OrderBuilder().setPriorArt7MessageId(notice.id());
    var converted = net.deliver(order);

    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.caseAt(party, caseId).tracks()).extracting(TrackView::requestMessageId, TrackView::kind,
          TrackView::state, TrackView::linkedTo).containsExactly(
              org.assertj.core.groups.Tuple.tuple(notice.id(), TrackKind.ART7, TrackState.CONVERTED,
                  java.util.Optional.empty()),
              org.assertj.core.groups.Tuple.tuple(converted.id(), TrackKind.ART8, TrackState.OPEN,
                  java.util.Optional.of(notice.id())));
      assertThat(net.caseAt(party, caseId).timers()).filteredOn(t -> t.status() == TimerView.Status.ACTIVE)
          .extracting(TimerView::trackId, TimerView::name).containsExactly(
              org.assertj.core.groups.Tuple.tuple(converted.id(), "art8.serve"),
              org.assertj.core.groups.Tuple.tuple(converted.id(), "art8.produce"));
      // The Art. 8 clocks run from the order, a month after the Art. 7 attempt.
      Instant attempted = net.track(party, caseId, notice.id()).openedAt();
      assertThat(net.caseAt(party, caseId).timers()).filteredOn(t -> t.status() == TimerView.Status.ACTIVE)
          .allSatisfy(t -> assertThat(Duration.between(attempted, t.startedAt())).isGreaterThan(Duration.ofDays(30)));
    }
    assertThat(net.received("DE", caseId)).containsExactly("SIMULTANEOUS_NOTIFICATION <- FR/tj-paris-j3",
        "ART8_ORDER <- FR/ca");
    assertThat(net.sent("FR", caseId)).containsExactly("SIMULTANEOUS_NOTIFICATION -> DE/gsta-berlin DELIVERED",
        "ART8_ORDER -> DE/ca DELIVERED");
    assertThat(net.timeline("DE", caseId)).containsExactly("RECEIVED SIMULTANEOUS_NOTIFICATION OPEN",
        "TIMER_FIRED art7.disclosure OPEN", "RECEIVED ART8_ORDER OPEN", "FOLLOWED_UP ART8_ORDER CONVERTED");
  }
}
