package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.relay247.gateway.RunningNetwork;
import org.relay247.gateway.cases.CaseRuleViolation;
import org.relay247.gateway.cases.ConditionView;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.TrackView;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.protocol.v1.Condition;
import org.relay247.protocol.v1.ConditionAcceptance;
import org.relay247.protocol.v1.ConditionAnswer;
import org.relay247.protocol.v1.ConditionKind;
import org.relay247.protocol.v1.ConditionResponse;
import org.relay247.protocol.v1.ContactDetails;
import org.relay247.protocol.v1.CopyKind;
import org.relay247.protocol.v1.Determination;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.EvidenceItem;
import org.relay247.protocol.v1.EvidenceManifest;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * An Art. 9 case driven by both sides over real mutual TLS: FR requests, DE determines with a
 * condition, FR accepts it, DE sends results. After each step both nodes hold the same state
 * for the track (each in its own role), and the accepted condition binds on both.
 */
class CaseExchangeTest {
  @RegisterExtension final RunningNetwork net = new RunningNetwork();
  GatewayNode fr;
  GatewayNode de;

  @BeforeEach
  void nodes() {
    fr = net.fr();
    de = net.de();
  }

  static InnerMessage art9Request() throws Exception {
    Path example = Path.of(System.getProperty("basedir", ".")).resolve("../docs/examples/art9-request.json").normalize();
    InnerMessage.Builder b = InnerMessage.newBuilder();
    JsonFormat.parser().merge(Files.readString(example), b);
    return b.setRouting(Routing.newBuilder().setRecipient("DE/poc").setPriority(Priority.PRIORITY_EMERGENCY)).build();
  }

  static InnerMessage.Builder answer(String to, String caseId, String replyTo) {
    return InnerMessage.newBuilder().setRouting(Routing.newBuilder().setRecipient(to)
        .setPriority(Priority.PRIORITY_EMERGENCY).setCaseId(caseId).setReplyToId(replyTo)).setLanguage("en")
        .setSenderContact(ContactDetails.newBuilder().setName("KHK Jonas Brenner").setTitle("Lagedienst"));
  }

  @Test
  void art9Case_drivenByBothSides_reachesTheSameStatesOnBothNodes() throws Exception {
    InnerMessage request = fr.outbox().submit(art9Request());
    String caseId = request.getRouting().getCaseId();
    String requestId = request.getRouting().getMessageId();
    Awaits.trackState(de, caseId, requestId, TrackState.OPEN);
    assertSameTrack(caseId, requestId, TrackState.OPEN);

    InnerMessage determination = de.outbox().submit(answer("FR/poc", caseId, requestId)
        .setDetermination(Determination.newBuilder().setRequestMessageId(requestId).setArticle("9.6")
            .setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_CONDITIONS)
            .addConditions(Condition.newBuilder().setId("c1").setKind(ConditionKind.CONDITION_KIND_USE_LIMITATION)
                .setText("Use only for the investigation named in the request").setArticle("9.6"))).build());
    String determinationId = determination.getRouting().getMessageId();
    Awaits.trackState(fr, caseId, requestId, TrackState.CONDITIONS_PENDING);
    assertSameTrack(caseId, requestId, TrackState.CONDITIONS_PENDING);

    assertThatThrownBy(() -> de.outbox().submit(answer("FR/poc", caseId, requestId)
        .setDetermination(Determination.newBuilder().setRequestMessageId(requestId)
            .setOutcome(DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE)).build()))
        .isInstanceOf(CaseRuleViolation.class)
        .hasMessage("determination on track " + requestId + " in state CONDITIONS_PENDING (expected: OPEN,"
            + " AWAITING_INFORMATION, POSTPONED or CONDITIONS_REFUSED)");

    fr.outbox().submit(answer("DE/poc", caseId, determinationId).setConditionResponse(ConditionResponse.newBuilder()
        .setDeterminationMessageId(determinationId).setArticle("9.7.a").addAnswers(ConditionAnswer.newBuilder()
            .setConditionId("c1").setAcceptance(ConditionAcceptance.CONDITION_ACCEPTANCE_ACCEPT_BOUND))).build());
    Awaits.trackState(de, caseId, requestId, TrackState.CONDITIONS_ACCEPTED);
    assertSameTrack(caseId, requestId, TrackState.CONDITIONS_ACCEPTED);
    for (GatewayNode node : new GatewayNode[] {fr, de}) {
      assertThat(node.cases().find(caseId).orElseThrow().conditions()).singleElement().satisfies(c -> {
        assertThat(c.conditionId()).isEqualTo("c1");
        assertThat(c.status()).isEqualTo(ConditionView.Status.BINDING);
      });
    }

    de.outbox().submit(answer("FR/poc", caseId, requestId).setEvidenceManifest(EvidenceManifest.newBuilder()
        .setRequestMessageId(requestId).setAuthorisationMessageId(determinationId)
        .setCopyKind(CopyKind.COPY_KIND_OFFICIAL).setChunkSizeBytes(65536)
        .addItems(EvidenceItem.newBuilder().setItemId("item-1").setName("subscriber.csv").setSizeBytes(3)
            .setChunkCount(1).setSha256(ByteString.copyFrom(new byte[32])))).build());
    Awaits.trackState(fr, caseId, requestId, TrackState.RESULTS_DELIVERED);
    assertSameTrack(caseId, requestId, TrackState.RESULTS_DELIVERED);

    assertThat(fr.cases().timeline(caseId)).extracting(e -> e.event() + " " + e.bodyType()).containsExactly(
        "SENT ART9_REQUEST", "RECEIVED DETERMINATION", "SENT CONDITION_RESPONSE", "RECEIVED EVIDENCE_MANIFEST");
    assertThat(de.cases().timeline(caseId)).extracting(e -> e.event() + " " + e.bodyType()).containsExactly(
        "RECEIVED ART9_REQUEST", "SENT DETERMINATION", "RECEIVED CONDITION_RESPONSE", "SENT EVIDENCE_MANIFEST");
    assertThat(de.audit().entries(caseId)).filteredOn(e -> e.action().equals("DETERMINATION_RECORDED"))
        .extracting(e -> e.actor()).containsExactly("KHK Jonas Brenner");
    assertThat(fr.cases().find(caseId).orElseThrow().flags()).isEmpty();
    assertThat(de.cases().find(caseId).orElseThrow().flags()).isEmpty();
  }

  private void assertSameTrack(String caseId, String requestId, TrackState state) {
    TrackView atFr = fr.cases().find(caseId).orElseThrow().track(requestId).orElseThrow();
    TrackView atDe = de.cases().find(caseId).orElseThrow().track(requestId).orElseThrow();
    assertThat(atFr.state()).isEqualTo(state);
    assertThat(atDe.state()).isEqualTo(state);
    assertThat(atFr.role()).isEqualTo(Role.REQUESTING);
    assertThat(atDe.role()).isEqualTo(Role.REQUESTED);
    assertThat(atFr.counterpart()).isEqualTo("DE/poc");
    assertThat(atDe.counterpart()).isEqualTo("FR/poc");
  }
}
