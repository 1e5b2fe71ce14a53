package org.relay247.gateway.node;

import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.relay247.gateway.e2e.Awaits;
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

  /**
   * Opens a case the way the case engine requires before results may leave: {@code requester}
   * sends {@code provider} the example Art. 9 request, and {@code provider} determines that it
   * will provide (a person named). Returns the provider's results draft answering that request,
   * not yet submitted.
   */
  public static InnerMessage resultsFor(GatewayNode requester, GatewayNode provider) throws Exception {
    return resultsFor(requester, provider, false);
  }

  /**
   * As {@link #resultsFor(GatewayNode, GatewayNode)}; with {@code boundByConditions}, the provider
   * determines with the example's conditions (c1 use limitation, c2 confidentiality) and the
   * requester accepts to be bound by both (Art. 9.7.a) before the results come.
   */
  public static InnerMessage resultsFor(GatewayNode requester, GatewayNode provider, boolean boundByConditions)
      throws Exception {
    String requesterAddress = requester.party().code() + "/poc";
    String providerAddress = provider.party().code() + "/poc";
    InnerMessage.Builder request = example("art9-request.json");
    request.setRouting(Routing.newBuilder().setRecipient(providerAddress).setPriority(Priority.PRIORITY_EMERGENCY));
    InnerMessage sent = requester.outbox().submit(request.build());
    String requestId = sent.getRouting().getMessageId();
    String caseId = sent.getRouting().getCaseId();
    Awaits.received(provider, requestId);

    InnerMessage.Builder determination = example("determination.json");
    determination.setRouting(Routing.newBuilder().setRecipient(requesterAddress).setPriority(Priority.PRIORITY_URGENT)
        .setCaseId(caseId).setReplyToId(requestId));
    determination.getDeterminationBuilder().setRequestMessageId(requestId).setExecutingAuthority(providerAddress);
    if (!boundByConditions) {
      determination.getDeterminationBuilder().clearConditions()
          .setOutcome(org.relay247.protocol.v1.DeterminationOutcome.DETERMINATION_OUTCOME_WILL_PROVIDE);
    }
    String determinationId = provider.outbox().submit(determination.build()).getRouting().getMessageId();
    Awaits.received(requester, determinationId);
    if (boundByConditions) {
      org.relay247.protocol.v1.ConditionResponse.Builder accept = org.relay247.protocol.v1.ConditionResponse.newBuilder()
          .setDeterminationMessageId(determinationId).setArticle("9.7.a");
      for (var c : determination.getDetermination().getConditionsList()) {
        accept.addAnswers(org.relay247.protocol.v1.ConditionAnswer.newBuilder().setConditionId(c.getId())
            .setAcceptance(org.relay247.protocol.v1.ConditionAcceptance.CONDITION_ACCEPTANCE_ACCEPT_BOUND));
      }
      InnerMessage.Builder response = example("art9-request.json").clearBody();
      response.setRouting(Routing.newBuilder().setRecipient(providerAddress).setPriority(Priority.PRIORITY_URGENT)
          .setCaseId(caseId).setReplyToId(determinationId)).setConditionResponse(accept);
      Awaits.received(provider, requester.outbox().submit(response.build()).getRouting().getMessageId());
    }

    InnerMessage.Builder results = example("evidence-manifest.json");
    results.setRouting(Routing.newBuilder().setRecipient(requesterAddress).setPriority(Priority.PRIORITY_URGENT)
        .setCaseId(caseId).setReplyToId(requestId));
    results.getEvidenceManifestBuilder().setRequestMessageId(requestId).setAuthorisationMessageId(determinationId);
    return results.build();
  }

  private static InnerMessage.Builder example(String name) throws IOException {
    InnerMessage.Builder b = InnerMessage.newBuilder();
    JsonFormat.parser().merge(Files.readString(Path.of("../docs/examples/" + name)), b);
    return b;
  }

  /**
   * The example evidence manifest (results: personal data), to {@code to}, in {@code caseId}
   * (empty: new case). Outside any case of the sender: only for delivery around a node.
   */
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
}
