package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relay247.gateway.node.ProtectionMessages.onwardDecision;
import static org.relay247.gateway.node.ProtectionMessages.onwardRequest;
import static org.relay247.gateway.node.ProtectionMessages.resultsFor;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.delivery.TreatyRuleViolation;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.protection.CaseExports;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.OnwardTransferOutcome;

/**
 * Art. 14.10 over two real nodes: FR holds results DE sent in a case; exporting them to the US
 * is refused until DE's authorisation decision for that destination has arrived, then allowed
 * and recorded in FR's audit log.
 */
class OnwardTransferTest {
  @TempDir Path dir;

  @Test
  void acceptedConfidentialityCondition_blocksExport_evenWithAnAuthorisation() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    try (GatewayNode fr = net.start("FR"); GatewayNode de = net.start("DE")) {
      InnerMessage data = de.outbox().submit(resultsFor(fr, de, true));
      String caseId = data.getRouting().getCaseId();
      String dataId = data.getRouting().getMessageId();
      Awaits.received(fr, dataId);
      String requestId = fr.outbox().submit(onwardRequest("DE/poc", caseId, dataId, "US")).getRouting().getMessageId();
      Awaits.received(de, requestId);
      Awaits.received(fr, de.outbox().submit(onwardDecision("FR/poc", caseId, requestId,
          OnwardTransferOutcome.ONWARD_TRANSFER_OUTCOME_AUTHORISED)).getRouting().getMessageId());

      // DE authorised the transfer, but FR accepted to be bound by DE's conditions (9.7.a): the use
      // limitation to its own investigation (c1) already forbids handing the data to another State.
      assertThatThrownBy(() -> fr.protection().exports().export(caseId, "US", "analyst"))
          .isInstanceOf(org.relay247.gateway.cases.ConditionViolation.class)
          .hasMessageContaining("condition c1 (USE_LIMITATION, Art. 9.6) accepted on track")
          .hasMessageContaining("limits use to investigation");
      assertThat(fr.audit().entries(caseId)).noneMatch(e -> e.action().equals("DATA_EXPORTED"));
    }
  }

  @Test
  void export_isRefusedBeforeAndAllowedAfterAuthorisation() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    try (GatewayNode fr = net.start("FR"); GatewayNode de = net.start("DE")) {
      InnerMessage data = de.outbox().submit(resultsFor(fr, de));
      String caseId = data.getRouting().getCaseId();
      String dataId = data.getRouting().getMessageId();
      Awaits.received(fr, dataId);

      assertThatThrownBy(() -> fr.protection().exports().export(caseId, "US", "analyst"))
          .isInstanceOf(TreatyRuleViolation.class)
          .hasMessageContaining(CaseExports.CODE + " (Art. 14.10)")
          .hasMessageContaining("No authorisation was requested")
          .hasMessageContaining("Send an OnwardTransferAuthorisationRequest to DE/poc (destination US)");

      InnerMessage request = fr.outbox().submit(onwardRequest("DE/poc", caseId, dataId, "US"));
      String requestId = request.getRouting().getMessageId();
      assertThatThrownBy(() -> fr.protection().exports().export(caseId, "US", "analyst"))
          .isInstanceOf(TreatyRuleViolation.class).hasMessageContaining("Request " + requestId + " awaits DE's decision");

      Awaits.received(de, requestId);
      String decisionId = de.outbox().submit(onwardDecision("FR/poc", caseId, requestId,
          OnwardTransferOutcome.ONWARD_TRANSFER_OUTCOME_AUTHORISED)).getRouting().getMessageId();
      Awaits.received(fr, decisionId);

      // Authorised for the US only: another destination stays refused.
      assertThatThrownBy(() -> fr.protection().exports().export(caseId, "Europol", "analyst"))
          .isInstanceOf(TreatyRuleViolation.class).hasMessageContaining("destination Europol");
      CaseExports.Export export = fr.protection().exports().export(caseId, "us", "analyst");
      assertThat(export.messages()).extracting(m -> m.getRouting().getMessageId()).containsExactly(dataId);
      assertThat(export.decisionIds()).containsExactly(decisionId);
      assertThat(fr.audit().entries(caseId)).filteredOn(e -> e.action().equals("DATA_EXPORTED"))
          .singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("analyst");
            assertThat(e.details()).contains("to us").contains(decisionId);
          });
      fr.audit().verify();
    }
  }

  @Test
  void refusedDecision_keepsExportBlocked_andADecisionFromAnotherPartyIsIgnored() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE", "US");
    try (GatewayNode fr = net.start("FR"); GatewayNode de = net.start("DE"); GatewayNode us = net.start("US")) {
      InnerMessage data = de.outbox().submit(resultsFor(fr, de));
      String caseId = data.getRouting().getCaseId();
      Awaits.received(fr, data.getRouting().getMessageId());
      String requestId = fr.outbox().submit(onwardRequest("DE/poc", caseId, data.getRouting().getMessageId(), "US"))
          .getRouting().getMessageId();

      // The US authorising a transfer of DE's data counts for nothing.
      String forged = us.outbox().submit(onwardDecision("FR/poc", caseId, requestId,
          OnwardTransferOutcome.ONWARD_TRANSFER_OUTCOME_AUTHORISED)).getRouting().getMessageId();
      Awaits.received(fr, forged);
      assertThatThrownBy(() -> fr.protection().exports().export(caseId, "US", "analyst"))
          .isInstanceOf(TreatyRuleViolation.class).hasMessageContaining("awaits DE's decision");

      Awaits.received(de, requestId);
      String refused = de.outbox().submit(onwardDecision("FR/poc", caseId, requestId,
          OnwardTransferOutcome.ONWARD_TRANSFER_OUTCOME_REFUSED)).getRouting().getMessageId();
      Awaits.received(fr, refused);
      assertThatThrownBy(() -> fr.protection().exports().export(caseId, "US", "analyst"))
          .isInstanceOf(TreatyRuleViolation.class).hasMessageContaining("DE refused it (decision " + refused);
    }
  }

  @Test
  void authorisationWithConditions_bindsOnTheCase_andCoversExactlyTheItemItNames() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    try (GatewayNode fr = net.start("FR"); GatewayNode de = net.start("DE")) {
      InnerMessage manifest = de.outbox().submit(resultsFor(fr, de));
      String caseId = manifest.getRouting().getCaseId();
      String manifestId = manifest.getRouting().getMessageId();
      String requestOfData = manifest.getEvidenceManifest().getRequestMessageId();
      String[] chunks = new String[2];
      for (int i = 1; i <= 2; i++) {
        chunks[i - 1] = de.outbox().submit(InnerMessage.newBuilder().setRouting(org.relay247.protocol.v1.Routing
            .newBuilder().setRecipient("FR/poc").setPriority(org.relay247.protocol.v1.Priority.PRIORITY_URGENT)
            .setCaseId(caseId).setReplyToId(requestOfData)).setEvidenceChunk(org.relay247.protocol.v1.EvidenceChunk
            .newBuilder().setManifestMessageId(manifestId).setItemId("item-" + i)
            .setData(com.google.protobuf.ByteString.copyFromUtf8("data of item " + i))).build())
            .getRouting().getMessageId();
      }
      Awaits.received(fr, chunks[1]);
      Awaits.received(fr, chunks[0]);

      InnerMessage request = onwardRequest("DE/poc", caseId, manifestId, "US");
      request = request.toBuilder().setOnwardTransferAuthorisationRequest(request
          .getOnwardTransferAuthorisationRequest().toBuilder().addItemIds("item-1")).build();
      String requestId = fr.outbox().submit(request).getRouting().getMessageId();
      Awaits.received(de, requestId);
      InnerMessage decision = onwardDecision("FR/poc", caseId, requestId,
          OnwardTransferOutcome.ONWARD_TRANSFER_OUTCOME_AUTHORISED_WITH_CONDITIONS);
      decision = decision.toBuilder().setOnwardTransferDecision(decision.getOnwardTransferDecision().toBuilder()
          .addConditions(org.relay247.protocol.v1.Condition.newBuilder().setId("t1")
              .setKind(org.relay247.protocol.v1.ConditionKind.CONDITION_KIND_OTHER)
              .setText("No further transfer by the US authority").setArticle("14.10"))).build();
      String decisionId = de.outbox().submit(decision).getRouting().getMessageId();
      Awaits.received(fr, decisionId);

      // The condition is on FR's case, binding, with the destination it travels with.
      assertThat(fr.cases().find(caseId).orElseThrow().conditions()).filteredOn(c -> c.onwardTransfer())
          .singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(org.relay247.gateway.cases.ConditionView.Status.BINDING);
            assertThat(c.destination()).isEqualTo("US");
            assertThat(c.determinationMessageId()).isEqualTo(decisionId);
          });

      // The export carries item-1 only (the manifest narrowed to it, its chunk alone) and the condition.
      CaseExports.Export export = fr.protection().exports().export(caseId, "US", "analyst");
      assertThat(export.messages()).extracting(m -> m.getRouting().getMessageId())
          .containsExactlyInAnyOrder(manifestId, chunks[0]);
      assertThat(export.messages()).filteredOn(InnerMessage::hasEvidenceManifest).singleElement()
          .satisfies(m -> assertThat(m.getEvidenceManifest().getItemsList()).extracting(i -> i.getItemId())
              .containsExactly("item-1"));
      assertThat(export.conditions()).extracting(c -> c.text()).containsExactly("No further transfer by the US authority");
      assertThat(fr.audit().entries(caseId)).filteredOn(e -> e.action().equals("DATA_EXPORTED")).singleElement()
          .satisfies(e -> assertThat(e.details()).contains("conditions t1(OTHER)"));

      // It binds like any condition: another destination cannot rely on the US authorisation.
      assertThatThrownBy(() -> fr.protection().exports().export(caseId, "Europol", "analyst"))
          .isInstanceOf(org.relay247.gateway.cases.ConditionViolation.class)
          .hasMessageContaining("onward-transfer authorisation " + decisionId + " for US");
    }
  }
}
