package org.relay247.gateway.api;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.delivery.Acknowledgements;
import org.relay247.gateway.delivery.NodePinger;
import org.relay247.gateway.pipeline.StoredMessages;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.v1.AcknowledgeRequest;
import org.relay247.protocol.v1.AcknowledgeResponse;
import org.relay247.protocol.v1.GetMessageRequest;
import org.relay247.protocol.v1.GetMessageResponse;
import org.relay247.protocol.v1.InboundFacts;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.ListEscalationsRequest;
import org.relay247.protocol.v1.ListEscalationsResponse;
import org.relay247.protocol.v1.ListOutboxRequest;
import org.relay247.protocol.v1.ListOutboxResponse;
import org.relay247.protocol.v1.NationalApiServiceGrpc;
import org.relay247.protocol.v1.OutboundFacts;
import org.relay247.protocol.v1.PartyPing;
import org.relay247.protocol.v1.PingPartiesRequest;
import org.relay247.protocol.v1.PingPartiesResponse;
import org.relay247.protocol.v1.SubmitDraftRequest;
import org.relay247.protocol.v1.SubmitDraftResponse;
import org.relay247.protocol.v1.WatchInboxRequest;
import org.relay247.protocol.v1.WatchInboxResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The national API's methods over a node's {@link NationalServices}. Failures become a gRPC status
 * in one place ({@link ApiErrors}): validation failures are INVALID_ARGUMENT naming the field,
 * unknown ids NOT_FOUND, store failures UNAVAILABLE, a damaged stored row INTERNAL (see
 * national_api.proto). Logs
 * carry ids, addresses and body types, never content.
 */
final class NationalApiEndpoint extends NationalApiServiceGrpc.NationalApiServiceImplBase {
  private static final Logger LOG = LoggerFactory.getLogger(NationalApiEndpoint.class);
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 1_000;
  private static final int MAX_PING_TIMEOUT_MS = 300_000;

  private final NationalServices services;
  private final Executor watchExecutor;

  NationalApiEndpoint(NationalServices services, Executor watchExecutor) {
    this.services = services;
    this.watchExecutor = watchExecutor;
  }

  @Override
  public void submitDraft(SubmitDraftRequest request, StreamObserver<SubmitDraftResponse> out) {
    unary("SubmitDraft", out, () -> {
      InnerMessage draft = request.getDraft();
      // A retry of a client-chosen id gets the stored message back (OutboxService, the one idempotency rule).
      var submitted = services.outbox().submitChecked(draft, client(), request.getOverrideReason());
      InnerMessage sent = submitted.message();
      LOG.atInfo().addKeyValue("messageId", sent.getRouting().getMessageId())
          .addKeyValue("to", sent.getRouting().getRecipient()).addKeyValue("priority", sent.getRouting().getPriority())
          .addKeyValue("body", ApiMessages.bodyType(sent.getBodyCase().name()))
          .addKeyValue("client", NationalClientInterceptor.CLIENT.get()).log("draft submitted");
      return withFindings(response(sent).toBuilder(), submitted.findings());
    });
  }

  private static SubmitDraftResponse withFindings(SubmitDraftResponse.Builder r,
      java.util.List<org.relay247.gateway.rules.Finding> findings) {
      findings.forEach(f -> r.addFindings(org.relay247.protocol.v1.RuleFinding.newBuilder()
          .setSeverity(f.severity() == org.relay247.gateway.rules.Severity.BLOCK
              ? org.relay247.protocol.v1.RuleSeverity.RULE_SEVERITY_BLOCK
              : f.severity() == org.relay247.gateway.rules.Severity.INFO
                  ? org.relay247.protocol.v1.RuleSeverity.RULE_SEVERITY_INFO
                  : org.relay247.protocol.v1.RuleSeverity.RULE_SEVERITY_WARN)
          .setCode(f.code()).setArticle(f.article())
          .setExplanationEn(f.explanation().en()).setExplanationFr(f.explanation().fr())
          .setAdviceEn(f.advice().en()).setAdviceFr(f.advice().fr())));
      return r.build();
  }

  @Override
  public void sendCentralAuthorityCopy(org.relay247.protocol.v1.SendCentralAuthorityCopyRequest request,
      StreamObserver<SubmitDraftResponse> out) {
    unary("SendCentralAuthorityCopy", out, () -> {
      org.relay247.protocol.MessageIds.requireValid("case_id", request.getCaseId());
      org.relay247.protocol.MessageIds.requireValid("request_message_id", request.getRequestMessageId());
      InnerMessage sent = services.outboxStore().find(request.getRequestMessageId()).map(e -> StoredMessages.inner(e.messageId(), e.innerMessage()))
          .filter(m -> m.getRouting().getCaseId().equals(request.getCaseId()))
          .orElseThrow(() -> ApiErrors.notFound("request_message_id: " + request.getRequestMessageId()
              + " is not a message this node sent in case " + request.getCaseId()));
      if (request.getSenderContact().getName().isBlank()) {
        throw new IllegalArgumentException("sender_contact.name: empty (expected: the person sending the copy)");
      }
      InnerMessage draft = org.relay247.gateway.cases.CentralAuthorityCopies.draft(sent,
          new org.relay247.gateway.rules.DirectoryAsOf(services.directory().get().directory(), services.clock().instant()),
          request.getSender(), request.getRecipient(), request.getSenderContact());
      var submitted = services.outbox().submitChecked(draft, client());
      return withFindings(response(submitted.message()).toBuilder(), submitted.findings());
    });
  }

  private static SubmitDraftResponse response(InnerMessage sent) {
    return SubmitDraftResponse.newBuilder().setMessageId(sent.getRouting().getMessageId())
        .setCaseId(sent.getRouting().getCaseId()).setCreatedAt(sent.getRouting().getCreatedAt())
        .setRouting(sent.getRouting()).build();
  }

  @Override
  public void watchInbox(WatchInboxRequest request, StreamObserver<WatchInboxResponse> out) {
    InboxWatch.start(services.inbox(), services.events(), (ServerCallStreamObserver<WatchInboxResponse>) out, watchExecutor,
        request.getAfterSeq(), request.getStoredOnly());
  }

  @Override
  public void getMessage(GetMessageRequest request, StreamObserver<GetMessageResponse> out) {
    unary("GetMessage", out, () -> {
      String id = requireId(request.getMessageId());
      Optional<InboxEntry> received = services.inbox().find(id);
      if (received.isPresent()) {
        InboxEntry e = received.get();
        // Reading content is an action on personal data (Art. 14.8): who read which message.
        services.audit().append(new AuditEvent(client(), AuditAction.MESSAGE_OPENED, e.caseId(), id, "read through the national API"));
        GetMessageResponse.Builder b = GetMessageResponse.newBuilder().setMessage(StoredMessages.inner(e.messageId(), e.innerMessage()))
            .setInbound(InboundFacts.newBuilder().setSummary(ApiMessages.summary(e)).setSigner(e.signerSubject())
                .setSignedAt(ApiMessages.timestamp(e.signedAt()))
                .setEnvelopeSha256(ByteString.copyFrom(e.envelopeSha256()))
                .setSignedData(ByteString.copyFrom(e.signedData())).setSignedReceipt(ByteString.copyFrom(e.receipt())));
        ApiMessages.receipt(e.receipt()).ifPresent(b::setReceipt);
        return b.build();
      }
      OutboxEntry e = services.outboxStore().find(id).orElseThrow(() -> ApiErrors.notFound(
          "message " + id + " is neither in the inbox nor in the outbox of this node"));
      OutboundFacts.Builder facts = OutboundFacts.newBuilder().setStatus(ApiMessages.status(e))
          .setSealedAt(ApiMessages.timestamp(e.sealedAt()));
      e.receipt().ifPresent(r -> facts.setSignedReceipt(ByteString.copyFrom(r)));
      GetMessageResponse.Builder b = GetMessageResponse.newBuilder().setMessage(StoredMessages.inner(e.messageId(), e.innerMessage()))
          .setOutbound(facts);
      e.receipt().flatMap(ApiMessages::receipt).ifPresent(b::setReceipt);
      return b.build();
    });
  }

  @Override
  public void acknowledge(AcknowledgeRequest request, StreamObserver<AcknowledgeResponse> out) {
    unary("Acknowledge", out, () -> {
      String id = requireId(request.getMessageId());
      if (request.getOperatorRole().isBlank()) {
        throw ApiErrors.invalid("operator_role: empty (expected: the desk or function, e.g. \"24/7 duty officer\")");
      }
      if (services.inbox().find(id).isEmpty()) {
        throw ApiErrors.notFound(services.outboxStore().find(id).isPresent()
            ? "message " + id + " was sent by this node; only received messages are acknowledged"
            : "message " + id + " is not in the inbox of this node");
      }
      Acknowledgements.Outcome outcome = services.acknowledgements().acknowledge(id, request.getOperatorRole().strip());
      AcknowledgeResponse.Builder b = AcknowledgeResponse.newBuilder()
          .setNewlyAcknowledged(outcome.notice().isPresent());
      if (outcome.entry().acknowledgedAt().isPresent()) {
        b.setAcknowledgement(ApiMessages.summary(outcome.entry()).getAcknowledgement());
      }
      outcome.notice().ifPresent(notice -> {
        b.setNoticeMessageId(notice.getRouting().getMessageId());
        LOG.atInfo().addKeyValue("messageId", id).addKeyValue("noticeId", notice.getRouting().getMessageId())
            .addKeyValue("client", NationalClientInterceptor.CLIENT.get()).log("message acknowledged");
      });
      return b.build();
    });
  }

  @Override
  public void listOutbox(ListOutboxRequest request, StreamObserver<ListOutboxResponse> out) {
    unary("ListOutbox", out, () -> {
      ListOutboxResponse.Builder b = ListOutboxResponse.newBuilder();
      services.outboxStore().recent(limit("limit", request.getLimit()))
          .forEach(e -> b.addEntries(ApiMessages.status(e)));
      b.putAllPendingByParty(services.outboxStore().pendingByParty());
      return b.build();
    });
  }

  @Override
  public void listEscalations(ListEscalationsRequest request, StreamObserver<ListEscalationsResponse> out) {
    unary("ListEscalations", out, () -> {
      ListEscalationsResponse.Builder b = ListEscalationsResponse.newBuilder();
      services.escalations().recent(limit("limit", request.getLimit()))
          .forEach(e -> b.addEscalations(ApiMessages.escalation(e)));
      return b.build();
    });
  }

  @Override
  public void getPairStats(org.relay247.protocol.v1.GetPairStatsRequest request,
      StreamObserver<org.relay247.protocol.v1.GetPairStatsResponse> out) {
    unary("GetPairStats", out, () -> {
      java.time.Instant since = request.hasSince()
          ? java.time.Instant.ofEpochMilli(com.google.protobuf.util.Timestamps.toMillis(request.getSince()))
          : services.pairStatistics().defaultSince();
      return org.relay247.protocol.v1.GetPairStatsResponse.newBuilder()
          .setSince(com.google.protobuf.util.Timestamps.fromMillis(since.toEpochMilli()))
          .addAllPairs(services.pairStatistics().since(since)).build();
    });
  }

  @Override
  public void listCases(org.relay247.protocol.v1.ListCasesRequest request,
      StreamObserver<org.relay247.protocol.v1.ListCasesResponse> out) {
    unary("ListCases", out, () -> {
      var b = org.relay247.protocol.v1.ListCasesResponse.newBuilder();
      services.cases().list(limit("limit", request.getLimit())).forEach(c -> b.addCases(CaseMessages.detail(c)));
      return b.build();
    });
  }

  @Override
  public void setRetention(org.relay247.protocol.v1.SetRetentionRequest request,
      StreamObserver<org.relay247.protocol.v1.SetRetentionResponse> out) {
    unary("SetRetention", out, () -> {
      var status = services.protection().retention().set(request.getCaseId(),
          Integer.toUnsignedLong(request.getRetentionDays()), actor(request.getOperatorRole()));
      var b = org.relay247.protocol.v1.SetRetentionResponse.newBuilder().setCaseId(status.caseId())
          .setRetentionDays(status.retentionDays());
      status.lastActivity().ifPresent(t -> b.setLastActivity(ApiMessages.timestamp(t)));
      status.expiresAt().ifPresent(t -> b.setExpiresAt(ApiMessages.timestamp(t)));
      return b.build();
    });
  }

  @Override
  public void getCase(org.relay247.protocol.v1.GetCaseRequest request,
      StreamObserver<org.relay247.protocol.v1.GetCaseResponse> out) {
    unary("GetCase", out, () -> org.relay247.protocol.v1.GetCaseResponse.newBuilder()
        .setCaseDetail(CaseMessages.detail(requireCase(request.getCaseId()))).build());
  }

  @Override
  public void getCaseTimeline(org.relay247.protocol.v1.GetCaseTimelineRequest request,
      StreamObserver<org.relay247.protocol.v1.GetCaseTimelineResponse> out) {
    unary("GetCaseTimeline", out, () -> {
      String caseId = requireCase(request.getCaseId()).caseId();
      var b = org.relay247.protocol.v1.GetCaseTimelineResponse.newBuilder();
      services.cases().timeline(caseId).forEach(e -> b.addEvents(CaseMessages.event(e)));
      return b.build();
    });
  }

  @Override
  public void purgeCase(org.relay247.protocol.v1.PurgeCaseRequest request,
      StreamObserver<org.relay247.protocol.v1.PurgeCaseResponse> out) {
    unary("PurgeCase", out, () -> {
      var proof = precondition(() -> services.protection().purger().purge(request.getCaseId(),
          actor(request.getOperatorRole()), request.getReason()));
      LOG.atInfo().addKeyValue("caseId", request.getCaseId()).addKeyValue("messages", proof.record().getMessagesCount())
          .addKeyValue("client", NationalClientInterceptor.CLIENT.get()).log("case purged");
      return org.relay247.protocol.v1.PurgeCaseResponse.newBuilder()
          .setSignedProof(ByteString.copyFrom(proof.signedData())).setRecord(proof.record()).build();
    });
  }

  @Override
  public void exportCaseData(org.relay247.protocol.v1.ExportCaseDataRequest request,
      StreamObserver<org.relay247.protocol.v1.ExportCaseDataResponse> out) {
    unary("ExportCaseData", out, () -> {
      org.relay247.protocol.MessageIds.requireValid("case_id", request.getCaseId());
      var export = precondition(() -> services.protection().exports().export(request.getCaseId(),
          request.getDestination(), actor(request.getOperatorRole())));
      var r = org.relay247.protocol.v1.ExportCaseDataResponse.newBuilder().addAllMessages(export.messages())
          .addAllDecisionMessageIds(export.decisionIds());
      export.conditions().forEach(c -> r.addConditions(org.relay247.protocol.v1.CaseCondition.newBuilder()
          .setTrackId(c.trackId()).setDeterminationMessageId(c.determinationMessageId()).setConditionId(c.conditionId())
          .setKind(c.kind()).setText(c.text()).setArticle(c.article()).setStatus(c.status().name())
          .setDestination(c.destination())));
      return r.build();
    });
  }

  @Override
  public void listSuspensions(org.relay247.protocol.v1.ListSuspensionsRequest request,
      StreamObserver<org.relay247.protocol.v1.ListSuspensionsResponse> out) {
    unary("ListSuspensions", out, () -> {
      java.time.Instant now = services.clock().instant();
      var recorded = services.protection().suspensions().all();
      var view = new org.relay247.gateway.rules.DirectoryAsOf(services.directory().get().directory(), now,
          recorded.stream().map(x -> x.known(services.party())).toList());
      var r = org.relay247.protocol.v1.ListSuspensionsResponse.newBuilder();
      for (var k : view.suspensionsInEffect()) {
        var e = k.entry();
        var fromNotice = recorded.stream().filter(x -> !e.getNoticeMessageId().isEmpty()
            && x.noticeMessageId().equals(e.getNoticeMessageId())).findFirst();
        boolean inDirectory = view.pair(k.suspendingParty(), k.otherParty()).map(p -> p.getSuspensionsList()
            .contains(e)).orElse(false);
        r.addSuspensions(org.relay247.protocol.v1.ActiveSuspension.newBuilder().setSuspendingParty(k.suspendingParty())
            .setToParty(k.otherParty()).setKind(e.getKind()).addAllScope(e.getScopeList())
            .setSince(e.getEffectiveFrom()).setNoticeMessageId(e.getNoticeMessageId())
            .setSource(inDirectory ? "directory" : "notice")
            .setWithoutPriorNotice(fromNotice.map(x -> x.withoutPriorNotice()).orElse(false)));
      }
      return r.build();
    });
  }

  @Override
  public void notifyIncident(org.relay247.protocol.v1.NotifyIncidentRequest request,
      StreamObserver<org.relay247.protocol.v1.NotifyIncidentResponse> out) {
    unary("NotifyIncident", out, () -> {
      var sent = precondition(() -> services.protection().incidents().notify(request.getCaseId(), request.getIncident(),
          request.getSenderContact(), actor(request.getOperatorRole())));
      var b = org.relay247.protocol.v1.NotifyIncidentResponse.newBuilder();
      sent.forEach(m -> b.addNotifications(response(m)));
      return b.build();
    });
  }

  @Override
  public void recordOralRequest(org.relay247.protocol.v1.RecordOralRequestRequest request,
      StreamObserver<org.relay247.protocol.v1.RecordOralRequestResponse> out) {
    unary("RecordOralRequest", out, () -> {
      if (!request.hasRecord()) {
        throw ApiErrors.invalid("record: missing (expected: the OralRequestRecord of the call)");
      }
      if (!request.getCaseId().isBlank()) {
        requireCase(request.getCaseId());
      }
      InnerMessage sent = services.outbox().submit(services.cases().oralRequestDraft(request.getRecord(),
          request.getRecordedBy(), request.getCaseId()), client());
      LOG.atInfo().addKeyValue("messageId", sent.getRouting().getMessageId())
          .addKeyValue("caseId", sent.getRouting().getCaseId()).addKeyValue("to", sent.getRouting().getRecipient())
          .addKeyValue("client", NationalClientInterceptor.CLIENT.get()).log("oral request recorded");
      return org.relay247.protocol.v1.RecordOralRequestResponse.newBuilder()
          .setMessageId(sent.getRouting().getMessageId()).setCaseId(sent.getRouting().getCaseId())
          .setConfirmationDueAt(sent.getOralRequestRecord().getConfirmationDueAt()).build();
    });
  }

  private org.relay247.gateway.cases.CaseView requireCase(String caseId) {
    if (caseId.isBlank()) {
      throw ApiErrors.invalid("case_id: missing (expected: a case id, e.g. 019aa430-9a40-7593-9e3f-13c7dd8924e5)");
    }
    return services.cases().find(caseId).orElseThrow(() -> ApiErrors.notFound("case " + caseId.strip()
        + " is not a case of this node"));
  }

  /** The operator's role as the audit actor, with the calling client when no role is given. */
  private static String actor(String role) {
    return role.isBlank() ? client() : AuditEvent.actor(role.strip());
  }

  /** A valid request the node cannot act on now (nothing to purge, no data, delivery pending): FAILED_PRECONDITION. */
  private static <T> T precondition(Supplier<T> work) {
    try {
      return work.get();
    } catch (IllegalStateException e) {
      throw io.grpc.Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException();
    }
  }

  @Override
  public void pingParties(PingPartiesRequest request,
      StreamObserver<PingPartiesResponse> out) {
    unary("PingParties", out, () -> {
      if (request.getTimeoutMs() > MAX_PING_TIMEOUT_MS) {
        throw new IllegalArgumentException("timeout_ms: " + request.getTimeoutMs() + " (expected: at most "
            + MAX_PING_TIMEOUT_MS + ")");
      }
      Duration timeout = Duration.ofMillis(request.getTimeoutMs() == 0 ? 10_000 : request.getTimeoutMs());
      List<NodePinger.Outcome> outcomes;
      try {
        outcomes = services.pinger().ping(pingTargets(request.getPartiesList()), timeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw io.grpc.Status.CANCELLED.withDescription("node stopping").asRuntimeException();
      }
      var r = PingPartiesResponse.newBuilder();
      for (var o : outcomes) {
        r.addResults(PartyPing.newBuilder().setParty(o.party().code())
            .setAnswered(o.answered()).setRoundTripMs(o.roundTripMs()).setNodeId(o.nodeId()).setWhy(o.why()));
      }
      return r.build();
    });
  }

  /** The Parties asked for, each checked against the directory; none: every other Party. */
  private List<PartyCode> pingTargets(List<String> asked) {
    var directory = services.directory().get();
    if (asked.isEmpty()) {
      return directory.directory().getPartiesList().stream().map(p -> PartyCode.of(p.getCode()))
          .filter(p -> !p.equals(services.party())).toList();
    }
    List<PartyCode> parties = new ArrayList<>();
    for (int i = 0; i < asked.size(); i++) {
      PartyCode p;
      try {
        p = PartyCode.of(asked.get(i));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("parties[" + i + "]: " + e.getMessage(), e);
      }
      if (p.equals(services.party())) {
        throw new IllegalArgumentException("parties[" + i + "]: " + p + " is this node's own Party");
      }
      if (directory.party(p).isEmpty()) {
        throw new IllegalArgumentException("parties[" + i + "]: " + p + " is not a Party of the directory (version "
            + directory.version() + ")");
      }
      parties.add(p);
    }
    return parties;
  }

  private static <T> void unary(String method, StreamObserver<T> out, Supplier<T> work) {
    T response;
    try {
      response = work.get();
    } catch (RuntimeException e) {
      out.onError(ApiErrors.toStatus(method, e));
      return;
    }
    out.onNext(response);
    out.onCompleted();
  }

  private static String requireId(String id) {
    if (id.isEmpty()) {
      throw ApiErrors.invalid("message_id: missing (expected: a message id, e.g. 019aa430-9a40-7593-9e3f-13c7dd8924e5)");
    }
    return id;
  }

  private static int limit(String field, int requested) {
    if (requested < 0 || requested > MAX_LIMIT) {
      throw ApiErrors.invalid(field + ": " + Integer.toUnsignedString(requested) + " (expected: 0 for "
          + DEFAULT_LIMIT + ", or at most " + MAX_LIMIT + ")");
    }
    return requested == 0 ? DEFAULT_LIMIT : requested;
  }

  /** The calling national client (its certificate subject), for the audit log. */
  private static String client() {
    String who = NationalClientInterceptor.CLIENT.get();
    return AuditEvent.actor(who == null ? "national API client" : who);
  }
}
