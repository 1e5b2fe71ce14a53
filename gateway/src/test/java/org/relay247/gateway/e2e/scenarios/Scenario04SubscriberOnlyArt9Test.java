package org.relay247.gateway.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.cases.TimerView;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.delivery.TreatyRuleViolation;
import org.relay247.gateway.rules.Finding;
import org.relay247.gateway.rules.Severity;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.RejectionReason;

/**
 * Requirements 6.4, a subscriber-only Art. 9 request to IT, which declared Art. 9.1.b: FR's node
 * blocks it before it leaves (DECL_9_1_B, suggesting Art. 7 or 8). Forced through (FR's node does
 * not yet know the declaration), IT's node refuses it with a signed TREATY_RULE rejection naming
 * Art. 9.1.b, quarantines it and records it in its audit log.
 */
class Scenario04SubscriberOnlyArt9Test {
  static final java.util.function.Consumer<Directory.Builder> IT_DECLARES_9_1_B = DirectoryEdits.declaration("IT",
      Declaration.newBuilder().setKind(DeclarationKind.DECLARATION_KIND_D_9_1_B)
          .setText("no subscriber-only Art. 9 requests"));

  @TempDir Path dir;
  ScenarioNetwork net;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  static InnerMessage.Builder subscriberOnly() {
    var draft = Drafts.request("art9-request", "FR/poc", "IT/poc", Priority.PRIORITY_EMERGENCY, "");
    draft.getArt9RequestBuilder().getDataBuilder().clearCategories().addCategories(DataCategory.DATA_CATEGORY_SUBSCRIBER);
    return draft;
  }

  @Test
  void subscriberOnlyArt9_isBlockedBeforeSending_withArt7And8Suggested() throws Exception {
    net = ScenarioNetwork.start(dir, IT_DECLARES_9_1_B, "FR", "IT");

    assertThatThrownBy(() -> net.submit(subscriberOnly())).isInstanceOfSatisfying(TreatyRuleViolation.class, v -> {
      assertThat(v.findings()).filteredOn(Finding::blocks).singleElement().satisfies(f -> {
        assertThat(f.code()).isEqualTo("DECL_9_1_B");
        assertThat(f.article()).isEqualTo("9.1.b");
        assertThat(f.severity()).isEqualTo(Severity.BLOCK);
        assertThat(f.advice().en()).contains("Art. 7 or Art. 8");
      });
    });

    assertThat(net.node("FR").outboxStore().recent(10)).isEmpty();
    assertThat(net.node("FR").cases().list()).isEmpty();
    assertThat(net.node("IT").inbox().count()).isZero();
    assertThat(net.node("IT").cases().list()).isEmpty();
  }

  @Test
  void forcedSubscriberOnlyArt9_isRejectedByTheRequestedNode_signedQuarantinedAndAudited() throws Exception {
    // FR's node runs a directory in which IT's declaration is not yet recorded.
    net = ScenarioNetwork.start(dir, IT_DECLARES_9_1_B,
        Map.of("FR", DirectoryEdits.partyEntry("IT", p -> p.clearDeclarations())), "FR", "IT");

    var forced = net.submit(subscriberOnly());
    String caseId = forced.caseId();
    assertThat(forced.findingCodes()).isEmpty();
    OutboxEntry entry = forced.entry();
    assertThat(entry.state()).isEqualTo(OutboxEntry.State.REJECTED);
    assertThat(entry.receipt()).as("signed rejection").isPresent();
    assertThat(entry.receiptReason()).contains(RejectionReason.REJECTION_REASON_TREATY_RULE.name());
    assertThat(entry.receiptArticle()).contains("9.1.b");
    assertThat(net.sent("FR", caseId)).containsExactly("ART9_REQUEST -> IT/poc REJECTED");
    assertThat(net.node("FR").audit().entries(caseId)).extracting(e -> e.action())
        .contains("MESSAGE_SUBMITTED", "MESSAGE_REFUSED_BY_PEER");

    assertThat(net.received("IT", caseId)).isEmpty();
    assertThat(net.node("IT").quarantine().count()).isEqualTo(1);
    assertThat(net.node("IT").cases().find(caseId)).isEmpty();
    assertThat(net.node("IT").audit().entries(caseId)).extracting(e -> e.action())
        .containsExactly("MESSAGE_QUARANTINED");
    net.node("IT").audit().verify();

    // FR: the refused request ends its track, so no clock waits for an answer that cannot come.
    assertThat(net.track("FR", caseId, forced.id()).state()).isEqualTo(TrackState.REFUSED);
    assertThat(net.caseAt("FR", caseId).timers()).extracting(TimerView::status)
        .containsOnly(TimerView.Status.CANCELLED);
    assertThat(net.caseAt("FR", caseId).flags()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo("REJECTED_BY_RECIPIENT");
      assertThat(f.detail()).contains("refused by IT/poc: REJECTION_REASON_TREATY_RULE (Art. 9.1.b)");
    });
    assertThat(net.timeline("FR", caseId)).containsExactly("SENT ART9_REQUEST OPEN", "REJECTED ART9_REQUEST REFUSED");
  }
}
