package org.relay247.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.v1.AcknowledgeRequest;
import org.relay247.protocol.v1.AcknowledgeResponse;
import org.relay247.protocol.v1.DeliveryState;
import org.relay247.protocol.v1.GetMessageRequest;
import org.relay247.protocol.v1.GetMessageResponse;
import org.relay247.protocol.v1.InboxSummary;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.ListEscalationsRequest;
import org.relay247.protocol.v1.ListOutboxRequest;
import org.relay247.protocol.v1.ListOutboxResponse;
import org.relay247.protocol.v1.NationalApiServiceGrpc;
import org.relay247.protocol.v1.NationalApiServiceGrpc.NationalApiServiceBlockingStub;
import org.relay247.protocol.v1.OutboxStatus;
import org.relay247.protocol.v1.Ping;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.ReceiptStatus;
import org.relay247.protocol.v1.Routing;
import org.relay247.protocol.v1.SubmitDraftRequest;
import org.relay247.protocol.v1.SubmitDraftResponse;

/**
 * The national API of two real nodes (FR, DE) on loopback: mutual TLS with the nodes' own TLS
 * keys as national clients, real stores, real delivery between the nodes.
 */
class NationalApiServerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;
  TestNetwork net;
  GatewayNode fr;
  GatewayNode de;
  NationalApiClient frClient;
  NationalApiClient deClient;

  @BeforeEach
  void start() throws Exception {
    net = TestNetwork.create(dir, "FR", "DE");
    fr = net.start("FR");
    de = net.start("DE");
    frClient = client(fr, "FR");
    deClient = client(de, "DE");
  }

  @AfterEach
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {frClient, deClient, fr, de}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          // best effort
        }
      }
    }
  }

  NationalApiClient client(GatewayNode node, String party) throws Exception {
    return NationalApiClient.connect("localhost", node.apiPort(),
        ClientCredentials.fromNetwork(net.pki.layout().dir(), new PartyCode(party), Clock.systemUTC()));
  }

  static NationalApiServiceBlockingStub api(NationalApiClient client) {
    return client.blocking(TIMEOUT);
  }

  /** The Art. 9 example as a national system drafts it: recipient, priority and body; the node does the rest. */
  static InnerMessage art9Draft() throws Exception {
    Path example = Path.of(System.getProperty("basedir", ".")).resolve("../docs/examples/art9-request.json")
        .normalize();
    InnerMessage.Builder b = InnerMessage.newBuilder();
    JsonFormat.parser().merge(Files.readString(example), b);
    return b.setRouting(Routing.newBuilder().setRecipient("DE/poc").setPriority(Priority.PRIORITY_EMERGENCY)).build();
  }

  static InnerMessage ping(String to) {
    return InnerMessage.newBuilder().setRouting(Routing.newBuilder().setRecipient(to)
        .setPriority(Priority.PRIORITY_ROUTINE)).setPing(Ping.newBuilder().setNonce("n")).build();
  }

  static SubmitDraftRequest submit(InnerMessage draft) {
    return SubmitDraftRequest.newBuilder().setDraft(draft).build();
  }

  static OutboxStatus awaitCompleted(NationalApiClient client, String id) {
    return await("message " + id + " completed").atMost(Duration.ofSeconds(30))
        .until(() -> api(client).getMessage(GetMessageRequest.newBuilder().setMessageId(id).build()).getOutbound()
            .getStatus(), s -> s.getState() != DeliveryState.DELIVERY_STATE_PENDING);
  }

  @Test
  void submittedDraft_reachesTheRecipientsWatchStream() throws Exception {
    try (InboxStream deInbox = InboxStream.open(deClient, 0, false)) {
      SubmitDraftResponse sent = api(frClient).submitDraft(submit(art9Draft()));

      assertThat(MessageIds.requireValid("id", sent.getMessageId())).isNotEmpty();
      assertThat(sent.getRouting().getSender()).isEqualTo("FR/poc");
      assertThat(sent.getCaseId()).isNotEmpty();
      InboxSummary arrived = deInbox.next();
      assertThat(arrived.getMessageId()).isEqualTo(sent.getMessageId());
      assertThat(arrived.getSender()).isEqualTo("FR/poc");
      assertThat(arrived.getRecipient()).isEqualTo("DE/poc");
      assertThat(arrived.getPriority()).isEqualTo(Priority.PRIORITY_EMERGENCY);
      assertThat(arrived.getBodyType()).isEqualTo("art9_request");
      assertThat(arrived.getSeq()).isPositive();
      assertThat(arrived.hasAcknowledgement()).isFalse();
    }
  }

  @Test
  void getMessage_showsTheMessageWithItsSignedReceipt_onBothSides() throws Exception {
    InnerMessage draft = art9Draft();
    String id = api(frClient).submitDraft(submit(draft)).getMessageId();
    awaitCompleted(frClient, id);

    GetMessageResponse sent = api(frClient).getMessage(GetMessageRequest.newBuilder().setMessageId(id).build());
    assertThat(sent.hasOutbound()).isTrue();
    assertThat(sent.getMessage().getArt9Request()).isEqualTo(draft.getArt9Request());
    assertThat(sent.getOutbound().getStatus().getState()).isEqualTo(DeliveryState.DELIVERY_STATE_DELIVERED);
    assertThat(sent.getOutbound().getSignedReceipt().isEmpty()).isFalse();
    assertThat(sent.getReceipt().getStatus()).isEqualTo(ReceiptStatus.RECEIPT_STATUS_ACCEPTED);
    assertThat(sent.getReceipt().getMessageId()).isEqualTo(id);

    GetMessageResponse received = api(deClient).getMessage(GetMessageRequest.newBuilder().setMessageId(id).build());
    assertThat(received.hasInbound()).isTrue();
    assertThat(received.getMessage()).isEqualTo(sent.getMessage());
    assertThat(received.getInbound().getSigner()).contains("OU=sign").contains("C=FR");
    assertThat(received.getInbound().hasSignedAt()).isTrue();
    assertThat(received.getInbound().getSignedData().isEmpty()).isFalse();
    assertThat(received.getInbound().getEnvelopeSha256().size()).isEqualTo(32);
    assertThat(received.getInbound().getSignedReceipt()).isEqualTo(sent.getOutbound().getSignedReceipt());
    assertThat(received.getReceipt().getStatus()).isEqualTo(ReceiptStatus.RECEIPT_STATUS_ACCEPTED);
  }

  @Test
  void acknowledge_sendsASignedOpenedNotice_thatArrivesInTheSendersInbox() throws Exception {
    String id = api(frClient).submitDraft(submit(art9Draft())).getMessageId();
    awaitCompleted(frClient, id);

    try (InboxStream frInbox = InboxStream.open(frClient, 0, false)) {
      AcknowledgeResponse ack = api(deClient).acknowledge(AcknowledgeRequest.newBuilder().setMessageId(id)
          .setOperatorRole("24/7 duty officer").build());

      assertThat(ack.getNewlyAcknowledged()).isTrue();
      assertThat(ack.getAcknowledgement().getOperatorRole()).isEqualTo("24/7 duty officer");
      InboxSummary notice = frInbox.next();
      assertThat(notice.getMessageId()).isEqualTo(ack.getNoticeMessageId());
      assertThat(notice.getBodyType()).isEqualTo("opened_notice");
      assertThat(notice.getSender()).isEqualTo("DE/poc");
      assertThat(notice.getReplyToId()).isEqualTo(id);
      InnerMessage opened = api(frClient).getMessage(GetMessageRequest.newBuilder()
          .setMessageId(notice.getMessageId()).build()).getMessage();
      assertThat(opened.getOpenedNotice().getMessageId()).isEqualTo(id);
      assertThat(opened.getOpenedNotice().getOpenedByRole()).isEqualTo("24/7 duty officer");
    }
    AcknowledgeResponse again = api(deClient).acknowledge(AcknowledgeRequest.newBuilder().setMessageId(id)
        .setOperatorRole("another desk").build());
    assertThat(again.getNewlyAcknowledged()).isFalse();
    assertThat(again.getNoticeMessageId()).isEmpty();
    assertThat(again.getAcknowledgement().getOperatorRole()).isEqualTo("24/7 duty officer");
  }

  @Test
  void listOutbox_showsDeliveredWithAcceptedReceipt_andAnEmptyQueue() throws Exception {
    String id = api(frClient).submitDraft(submit(art9Draft())).getMessageId();
    awaitCompleted(frClient, id);

    ListOutboxResponse outbox = api(frClient).listOutbox(ListOutboxRequest.getDefaultInstance());

    assertThat(outbox.getEntriesList()).singleElement().satisfies(s -> {
      assertThat(s.getMessageId()).isEqualTo(id);
      assertThat(s.getRecipient()).isEqualTo("DE/poc");
      assertThat(s.getBodyType()).isEqualTo("art9_request");
      assertThat(s.getState()).isEqualTo(DeliveryState.DELIVERY_STATE_DELIVERED);
      assertThat(s.getReceiptStatus()).isEqualTo(ReceiptStatus.RECEIPT_STATUS_ACCEPTED);
      assertThat(s.hasCompletedAt()).isTrue();
    });
    assertThat(outbox.getPendingByPartyMap()).isEmpty();
    assertThat(api(frClient).listEscalations(ListEscalationsRequest.getDefaultInstance()).getEscalationsList())
        .isEmpty();
  }

  @Test
  void listOutbox_countsPendingMessagesPerParty_whileTheRecipientIsDown() throws Exception {
    deClient.close();
    de.close();
    de = null;
    String id = api(frClient).submitDraft(submit(ping("DE/poc"))).getMessageId();

    ListOutboxResponse outbox = api(frClient).listOutbox(ListOutboxRequest.getDefaultInstance());

    assertThat(outbox.getEntries(0).getMessageId()).isEqualTo(id);
    assertThat(outbox.getEntries(0).getState()).isEqualTo(DeliveryState.DELIVERY_STATE_PENDING);
    assertThat(outbox.getPendingByPartyMap()).containsEntry("DE", 1L);
  }

  @Test
  void watchInbox_replaysEntriesAfterTheCursor_thenSendsNewOnesLive() throws Exception {
    String first = api(frClient).submitDraft(submit(ping("DE/poc"))).getMessageId();
    String second = api(frClient).submitDraft(submit(ping("DE/poc"))).getMessageId();
    awaitCompleted(frClient, first);
    awaitCompleted(frClient, second);
    InboxSummary older;
    InboxSummary newer;
    try (InboxStream all = InboxStream.open(deClient, 0, true)) {
      older = all.next();
      newer = all.next();
      awaitClosed(all);
      assertThat(all.closedWith().getCode()).as("a listing ends").isEqualTo(Status.Code.OK);
    }
    // Deliveries run in parallel: storage order, not submission order, decides the seq.
    assertThat(List.of(older.getMessageId(), newer.getMessageId())).containsExactlyInAnyOrder(first, second);
    assertThat(older.getSeq()).isLessThan(newer.getSeq());

    try (InboxStream resumed = InboxStream.open(deClient, older.getSeq(), false)) {
      assertThat(resumed.next().getMessageId()).isEqualTo(newer.getMessageId());
      String third = api(frClient).submitDraft(submit(ping("DE/poc"))).getMessageId();
      assertThat(resumed.next().getMessageId()).isEqualTo(third);
      assertThat(resumed.poll(300)).isNull();
    }
  }

  @Test
  void watchInbox_missesNothing_whenMessagesArriveWhileItReplays() throws Exception {
    int before = 110;  // more than one page of the replay
    int during = 10;
    for (int i = 0; i < before; i++) {
      api(frClient).submitDraft(submit(ping("DE/poc")));
    }
    try (InboxStream watch = InboxStream.open(deClient, 0, false)) {
      CompletableFuture<Void> more = CompletableFuture.runAsync(() -> {
        for (int i = 0; i < during; i++) {
          api(frClient).submitDraft(submit(ping("DE/poc")));
        }
      });
      java.util.Map<String, Long> seen = new java.util.HashMap<>();
      for (int i = 0; i < before + during; i++) {
        InboxSummary e = watch.next();
        assertThat(seen.put(e.getMessageId(), e.getSeq())).as("sent once: %s", e).isNull();
      }
      more.get(30, TimeUnit.SECONDS);
      InboxSummary extra = watch.poll(300);
      assertThat(extra).as("nothing twice").isNull();
    }
  }

  @Test
  void clientCertificateOfAnotherParty_isRefusedAtTheHandshake() throws Exception {
    ClientCredentials deAsClient = ClientCredentials.fromNetwork(net.pki.layout().dir(), new PartyCode("DE"),
        Clock.systemUTC());
    // DE's valid TLS key, dialling FR's national API (and accepting FR's server certificate).
    ClientCredentials misdirected = ClientCredentials.of(deAsClient.key(), deAsClient.chain(),
        deAsClient.validator(), new PartyCode("FR"));
    try (NationalApiClient intruder = NationalApiClient.connect("localhost", fr.apiPort(), misdirected)) {
      assertThatThrownBy(() -> api(intruder).listOutbox(ListOutboxRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(causes(e)).anyMatch(t -> t instanceof javax.net.ssl.SSLException);
          });
    }
    assertThat(fr.outboxStore().recent(10)).isEmpty();
  }

  @Test
  void nodeOfAnotherParty_isRefusedByTheClient() throws Exception {
    // FR's client dialling DE's API: the client insists on a node of its own Party.
    try (NationalApiClient lost = NationalApiClient.connect("localhost", de.apiPort(),
        ClientCredentials.fromNetwork(net.pki.layout().dir(), new PartyCode("FR"), Clock.systemUTC()))) {
      assertThatThrownBy(() -> api(lost).listOutbox(ListOutboxRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(causes(e)).anyMatch(t -> String.valueOf(t.getMessage())
                .contains("server certificate of Party DE (expected: a node of FR)"));
          });
    }
  }

  @Test
  void health_isServing_andReflectionListsTheNationalApi() throws Exception {
    HealthCheckResponse health = HealthGrpc.newBlockingStub(frClient.channel()).withDeadlineAfter(20, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(NationalApiServiceGrpc.SERVICE_NAME).build());
    assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    assertThat(HealthGrpc.newBlockingStub(frClient.channel()).check(HealthCheckRequest.getDefaultInstance())
        .getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(frClient.channel())
        .serverReflectionInfo(new StreamObserver<>() {
          @Override
          public void onNext(ServerReflectionResponse value) {
            answer.complete(value);
          }

          @Override
          public void onError(Throwable t) {
            answer.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {}
        });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
    List<String> services = answer.get(20, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
        .map(ServiceResponse::getName).toList();
    requests.onCompleted();
    assertThat(services).contains("relay247.v1.NationalApiService", "grpc.health.v1.Health");
  }

  @Test
  void invalidDrafts_areInvalidArgument_namingTheField() throws Exception {
    InnerMessage good = ping("DE/poc");
    assertInvalid(good.toBuilder().setRouting(Routing.newBuilder().setPriority(Priority.PRIORITY_ROUTINE)).build(),
        "routing.recipient: missing");
    assertInvalid(ping("FR/poc"), "routing.recipient: FR/poc (expected: an authority of another Party");
    assertInvalid(ping("US/poc"), "routing.recipient: US/poc (Party US is not in the network directory");
    assertInvalid(ping("DE/nobody"), "routing.recipient: DE/nobody (Party DE lists no authority \"nobody\"");
    assertInvalid(ping("germany"), "routing.recipient: \"germany\" (expected: PARTY/authority");
    assertInvalid(good.toBuilder().setRouting(good.getRouting().toBuilder().setSender("DE/poc")).build(),
        "routing.sender: DE/poc (expected: an authority of FR");
    assertInvalid(good.toBuilder().setRouting(good.getRouting().toBuilder().clearPriority()).build(),
        "routing.priority: unset");
    assertInvalid(good.toBuilder().clearPing().build(), "body: not set");
    assertInvalid(good.toBuilder().setRouting(good.getRouting().toBuilder().setMessageId("42")).build(),
        "routing.message_id: \"42\" (expected: a lower-case UUID version 7)");
    assertThat(fr.outboxStore().recent(10)).isEmpty();
  }

  private void assertInvalid(InnerMessage draft, String message) {
    assertThatThrownBy(() -> api(frClient).submitDraft(submit(draft)))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).startsWith(message);
        });
  }

  @Test
  void resubmittingAClientChosenMessageId_returnsTheFirstSubmission_unlessTheContentDiffers() throws Exception {
    String id = MessageIds.next(Clock.systemUTC());
    InnerMessage draft = ping("DE/poc").toBuilder()
        .setRouting(ping("DE/poc").getRouting().toBuilder().setMessageId(id)).build();

    SubmitDraftResponse first = api(frClient).submitDraft(submit(draft));
    SubmitDraftResponse retry = api(frClient).submitDraft(submit(draft));

    assertThat(first.getMessageId()).isEqualTo(id);
    assertThat(retry).isEqualTo(first);
    assertThat(fr.outboxStore().recent(10)).hasSize(1);
    InnerMessage other = draft.toBuilder().setPing(Ping.newBuilder().setNonce("other")).build();
    assertThatThrownBy(() -> api(frClient).submitDraft(submit(other)))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
          assertThat(e.getStatus().getDescription()).startsWith("routing.message_id: " + id);
        });
  }

  @Test
  void aDamagedStoredMessage_isInternal_notTheCallersFault() throws Exception {
    String id = api(frClient).submitDraft(submit(ping("DE/poc"))).getMessageId();
    awaitCompleted(frClient, id);
    // Bytes that are not an InnerMessage (field 31, wire type 7 does not exist), as a damaged disk would leave them.
    int rows = fr.database().inTransaction(c -> {
      try (var ps = c.prepareStatement("UPDATE outbox SET inner_message = ? WHERE message_id = ?")) {
        ps.setBytes(1, new byte[] {(byte) 0xff, 0x01});
        ps.setString(2, id);
        return ps.executeUpdate();
      }
    });
    assertThat(rows).isEqualTo(1);

    assertThatThrownBy(() -> api(frClient).getMessage(GetMessageRequest.newBuilder().setMessageId(id).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
          assertThat(e.getStatus().getDescription()).isEqualTo(
              "a stored message of this node is damaged (details in the node's log)");
        });
  }

  @Test
  void unknownIds_areNotFound_andAcknowledgeNeedsARole() throws Exception {
    String unknown = MessageIds.next(Clock.systemUTC());
    assertStatus(() -> api(frClient).getMessage(GetMessageRequest.newBuilder().setMessageId(unknown).build()),
        Status.Code.NOT_FOUND, "message " + unknown + " is neither in the inbox nor in the outbox of this node");
    assertStatus(() -> api(frClient).acknowledge(AcknowledgeRequest.newBuilder().setMessageId(unknown)
        .setOperatorRole("duty").build()), Status.Code.NOT_FOUND, "message " + unknown + " is not in the inbox");
    assertStatus(() -> api(frClient).acknowledge(AcknowledgeRequest.newBuilder().setMessageId(unknown).build()),
        Status.Code.INVALID_ARGUMENT, "operator_role: empty");
    assertStatus(() -> api(frClient).getMessage(GetMessageRequest.getDefaultInstance()),
        Status.Code.INVALID_ARGUMENT, "message_id: missing");
    assertStatus(() -> api(frClient).listOutbox(ListOutboxRequest.newBuilder().setLimit(5000).build()),
        Status.Code.INVALID_ARGUMENT, "limit: 5000");
  }

  private static void assertStatus(Runnable call, Status.Code code, String message) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(code);
      assertThat(e.getStatus().getDescription()).startsWith(message);
    });
  }

  @Test
  void closingTheNode_endsOpenWatchStreams() throws Exception {
    try (InboxStream watch = InboxStream.open(deClient, 0, false)) {
      api(deClient).listOutbox(ListOutboxRequest.getDefaultInstance());  // the stream is established
      de.close();
      de = null;
      awaitClosed(watch);
      assertThat(watch.closedWith().getCode()).isNotEqualTo(Status.Code.OK);
    }
  }

  private static void awaitClosed(InboxStream stream) {
    await("stream closed").atMost(Duration.ofSeconds(20)).until(() -> stream.closedWith() != null);
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> all = new java.util.ArrayList<>();
    for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
      all.add(t);
    }
    return all;
  }
}
