package org.relay247.gateway.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.cases.CaseTimerSettings;
import org.relay247.gateway.cases.FlagView;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TimerView;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.UrgencyClass;
import org.relay247.protocol.v1.ContactDetails;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.OralRequestRecord;
import org.relay247.protocol.v1.Priority;

/**
 * Requirements 6.5, an oral request later confirmed (9.4; 001 V§25): FR's duty officer phones DE's
 * point of contact; DE records the call with its callback check, and the record goes to FR; FR
 * confirms electronically, citing the record. Edges: no confirmation within the IMMEDIATE window
 * escalates on both nodes (a late confirmation is flagged), and a confirmation stating other fields
 * than the call is flagged as a mismatch.
 */
class Scenario05OralRequestConfirmedTest {
  static final Duration WINDOW = CaseTimerSettings.defaults().of(UrgencyClass.IMMEDIATE);

  @TempDir Path dir;
  ScenarioNetwork net;

  @BeforeEach
  void start() throws Exception {
    net = ScenarioNetwork.start(dir, DirectoryEdits.none(), "FR", "DE");
  }

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  /** DE's point of contact records FR's call (traffic data asked) and sends the record to FR. */
  ScenarioNetwork.Delivery recordCall() throws Exception {
    OralRequestRecord call = Drafts.example("oral-request-record").getOralRequestRecord().toBuilder()
        .clearCallReceivedAt().clearConfirmationDueAt().clearRecordedBy().setCallerAuthority("FR/poc").build();
    assertThat(call.getCallbackCheck().getPerformed()).isTrue();
    var de = net.node("DE");
    InnerMessage record = de.outbox().submit(de.cases().oralRequestDraft(call,
        ContactDetails.newBuilder().setName("KHK Jonas Brenner").build(), ""), "KHK Jonas Brenner");
    return net.delivered("DE", record);
  }

  InnerMessage.Builder confirmation(ScenarioNetwork.Delivery record, String from) {
    var draft = Drafts.request("art9-confirmation", from, "DE/poc", Priority.PRIORITY_EMERGENCY, record.caseId());
    draft.getRoutingBuilder().setReplyToId(record.id());
    draft.getArt9ConfirmationBuilder().setOralRequestRecordId(record.id());
    return draft;
  }

  @Test
  void oralRequestConfirmedInTime_becomesAnArt9Request_onBothNodes_withoutFlags() throws Exception {
    var record = recordCall();
    String caseId = record.caseId();
    String trackId = record.id();
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, trackId).kind()).isEqualTo(TrackKind.ORAL_ART9);
      assertThat(net.track(party, caseId, trackId).state()).isEqualTo(TrackState.RECORDED);
      assertThat(net.caseAt(party, caseId).timers()).singleElement().satisfies(t -> {
        assertThat(t.name()).isEqualTo("oral.confirmation");
        // DE's node writes the IMMEDIATE window into the record as its confirmation_due_at, so both
        // nodes run the same deadline, of class IMMEDIATE.
        assertThat(t.urgency()).isEqualTo(UrgencyClass.IMMEDIATE);
        assertThat(Duration.between(t.startedAt(), t.dueAt())).isLessThanOrEqualTo(WINDOW)
            .isGreaterThan(WINDOW.minusMinutes(1));
        assertThat(t.dueAt()).isEqualTo(java.time.Instant.ofEpochMilli(com.google.protobuf.util.Timestamps.toMillis(
            record.message().getOralRequestRecord().getConfirmationDueAt())));
        assertThat(t.status()).isEqualTo(TimerView.Status.ACTIVE);
      });
    }
    assertThat(net.track("DE", caseId, trackId).role()).isEqualTo(Role.REQUESTED);
    assertThat(net.track("FR", caseId, trackId).role()).isEqualTo(Role.REQUESTING);

    var confirmation = net.deliver(confirmation(record, "FR/poc"));
    // The confirmation carries the 9.3 fields; only the optional "other helpful information" is missing.
    assertThat(confirmation.findingCodes()).containsExactly("REQ_9_3_H WARN Art. 9.3.h");

    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, trackId).state()).isEqualTo(TrackState.OPEN);
      assertThat(ScenarioNetwork.caseFlags(net.caseAt(party, caseId))).isEmpty();
      assertThat(net.caseAt(party, caseId).timers()).extracting(TimerView::name, TimerView::status).containsExactly(
          org.assertj.core.groups.Tuple.tuple("oral.confirmation", TimerView.Status.CANCELLED),
          org.assertj.core.groups.Tuple.tuple("art9.determination", TimerView.Status.ACTIVE));
    }
    assertThat(net.sent("DE", caseId)).containsExactly("ORAL_REQUEST_RECORD -> FR/poc DELIVERED");
    assertThat(net.received("FR", caseId)).containsExactly("ORAL_REQUEST_RECORD <- DE/poc");
    assertThat(net.sent("FR", caseId)).containsExactly("ART9_CONFIRMATION -> DE/poc DELIVERED");
    assertThat(net.received("DE", caseId)).containsExactly("ART9_CONFIRMATION <- FR/poc");
    assertThat(net.receivedMessage("FR", record.id()).getOralRequestRecord().getRecordedBy().getName())
        .isEqualTo("KHK Jonas Brenner");
    assertThat(net.caseTimerEscalations("DE")).isEmpty();
  }

  @Test
  void noConfirmationWithinTheWindow_escalatesOnBothNodes_andTheLateConfirmationIsFlagged() throws Exception {
    var record = recordCall();
    String caseId = record.caseId();

    net.advance(WINDOW.plusMinutes(1));
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.caseTimerEscalations(party)).singleElement().satisfies(e -> {
        assertThat(e.messageId()).isEqualTo(record.id());
        assertThat(e.detail()).contains("ORAL_ART9 track " + record.id())
            .contains("oral.confirmation missed (IMMEDIATE, Art. 9.4");
      });
      assertThat(net.track(party, caseId, record.id()).state()).isEqualTo(TrackState.RECORDED);
      assertThat(net.timeline(party, caseId)).last().isEqualTo("TIMER_FIRED oral.confirmation RECORDED");
    }

    net.deliver(confirmation(record, "FR/poc"));
    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, record.id()).state()).isEqualTo(TrackState.OPEN);
      assertThat(ScenarioNetwork.caseFlags(net.caseAt(party, caseId))).extracting(FlagView::code).containsExactly("LATE_CONFIRMATION");
    }
  }

  @Test
  void confirmationStatingOtherFieldsThanTheCall_isFlaggedAsMismatchOnBothNodes() throws Exception {
    var record = recordCall();
    String caseId = record.caseId();
    // The call asked for traffic data by FR's point of contact; the confirmation adds content data
    // and comes from FR's central authority.
    var draft = confirmation(record, "FR/ca");
    draft.getArt9ConfirmationBuilder().getRequestBuilder().getDataBuilder()
        .addCategories(DataCategory.DATA_CATEGORY_CONTENT);
    net.deliver(draft);

    for (String party : new String[] {"FR", "DE"}) {
      assertThat(net.track(party, caseId, record.id()).state()).isEqualTo(TrackState.OPEN);
      assertThat(ScenarioNetwork.caseFlags(net.caseAt(party, caseId))).extracting(FlagView::code, FlagView::detail).containsExactly(
          org.assertj.core.groups.Tuple.tuple("ORAL_MISMATCH",
              "data categories: oral request [TRAFFIC], confirmation [CONTENT,TRAFFIC]"),
          org.assertj.core.groups.Tuple.tuple("ORAL_MISMATCH",
              "caller authority: oral request FR/poc, confirmation sent by FR/ca"));
    }
  }
}
