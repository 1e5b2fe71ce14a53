package org.relay247.gateway.node;

import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.OnwardTransferAuthorisationRequest;
import org.relay247.protocol.v1.OnwardTransferDecision;
import org.relay247.protocol.v1.OnwardTransferOutcome;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;
import org.relay247.protocol.v1.SuspensionKind;
import org.relay247.protocol.v1.SuspensionNotice;
import org.relay247.protocol.v1.SuspensionStep;

/** Drafts for the Art. 14 node tests: the docs/examples bodies with fresh routing. */
public final class ProtectionMessages {
  private ProtectionMessages() {}

  /** The example evidence manifest (results: personal data), to {@code to}, in {@code caseId} (empty: new case). */
  public static InnerMessage results(String to, String caseId) throws IOException {
    InnerMessage.Builder b = InnerMessage.newBuilder();
    JsonFormat.parser().merge(Files.readString(Path.of("../docs/examples/evidence-manifest.json")), b);
    b.setRouting(Routing.newBuilder().setRecipient(to).setPriority(Priority.PRIORITY_URGENT).setCaseId(caseId));
    return b.build();
  }

  public static InnerMessage suspension(String to, SuspensionStep step, String related) {
    return InnerMessage.newBuilder()
        .setRouting(Routing.newBuilder().setRecipient(to).setPriority(Priority.PRIORITY_URGENT))
        .setSuspensionNotice(SuspensionNotice.newBuilder().setStep(step)
            .setKind(SuspensionKind.SUSPENSION_KIND_PROVISIONAL).setRelatedNoticeMessageId(related)
            .setGrounds("test: imminent risk (Art. 14.15)").setConsultationOffered(true))
        .build();
  }

  public static InnerMessage onwardRequest(String to, String caseId, String dataMessageId, String destination) {
    return InnerMessage.newBuilder()
        .setRouting(Routing.newBuilder().setRecipient(to).setPriority(Priority.PRIORITY_URGENT).setCaseId(caseId)
            .setReplyToId(dataMessageId))
        .setOnwardTransferAuthorisationRequest(OnwardTransferAuthorisationRequest.newBuilder()
            .addDataMessageIds(dataMessageId).setDestination(destination).setDestinationAuthority("FBI")
            .setPurpose("joint investigation").setLegalBasis("MLAT").setSafeguards("same as Art. 14"))
        .build();
  }

  public static InnerMessage onwardDecision(String to, String caseId, String requestId, OnwardTransferOutcome outcome) {
    OnwardTransferDecision.Builder d = OnwardTransferDecision.newBuilder().setRequestMessageId(requestId)
        .setOutcome(outcome);
    if (outcome == OnwardTransferOutcome.ONWARD_TRANSFER_OUTCOME_REFUSED) {
      d.setReasons("not proportionate");
    }
    return InnerMessage.newBuilder()
        .setRouting(Routing.newBuilder().setRecipient(to).setPriority(Priority.PRIORITY_URGENT).setCaseId(caseId)
            .setReplyToId(requestId))
        .setOnwardTransferDecision(d).build();
  }

  /** Waits until {@code node} holds message {@code id} in its inbox. */
  public static InboxEntry awaitReceived(GatewayNode node, String id) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      var found = node.inbox().find(id);
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("message " + id + " not received in 20 s");
  }


}
