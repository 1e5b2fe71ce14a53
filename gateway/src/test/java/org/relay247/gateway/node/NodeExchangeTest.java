package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.relay247.gateway.RunningNetwork;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Ping;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/** Two nodes in this JVM exchanging over real mutual TLS on loopback, with their real stores. */
class NodeExchangeTest {
  @RegisterExtension final RunningNetwork net = new RunningNetwork();
  GatewayNode fr;
  GatewayNode de;

  @BeforeEach
  void nodes() {
    fr = net.fr();
    de = net.de();
  }

  static InnerMessage ping(String to, Priority priority) {
    return InnerMessage.newBuilder()
        .setRouting(Routing.newBuilder().setRecipient(to).setPriority(priority))
        .setPing(Ping.newBuilder().setNonce("n").build()).build();
  }

  @Test
  void submittedMessage_isStoredAtRecipient_andSenderHoldsVerifiedReceipt() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    de.events().onInbox(e -> arrived.countDown());

    InnerMessage sent = fr.outbox().submit(ping("DE/poc", Priority.PRIORITY_EMERGENCY));

    assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
    InboxEntry stored = de.inbox().find(sent.getRouting().getMessageId()).orElseThrow();
    assertThat(InnerMessage.parseFrom(stored.innerMessage())).isEqualTo(sent);
    assertThat(stored.sender()).isEqualTo("FR/poc");
    assertThat(stored.signerSubject()).contains("OU=sign").contains("C=FR");

    OutboxEntry delivered = Awaits.completed(fr, sent.getRouting().getMessageId());
    assertThat(delivered.state()).isEqualTo(OutboxEntry.State.DELIVERED);
    assertThat(delivered.receiptStatus()).contains("RECEIPT_STATUS_ACCEPTED");
    assertThat(delivered.receipt()).isPresent();
    assertThat(fr.metrics().scrape()).contains("relay247_messages_total{direction=\"outbound\"");
  }

  /** A message a person opens (a ping is answered and acknowledged by the node itself). */
  static InnerMessage consultation(String to, Priority priority) {
    return InnerMessage.newBuilder().setLanguage("en")
        .setRouting(Routing.newBuilder().setRecipient(to).setPriority(priority))
        .setConsultationMessage(org.relay247.protocol.v1.ConsultationMessage.newBuilder().setSubject("check")
            .setText("Please confirm the contact details of your duty desk.")).build();
  }

  @Test
  void everyAction_isInTheHashChainedAuditLogOfBothNodes() throws Exception {
    InnerMessage sent = fr.outbox().submit(consultation("DE/poc", Priority.PRIORITY_URGENT));
    String id = sent.getRouting().getMessageId();
    String caseId = sent.getRouting().getCaseId();
    Awaits.completed(fr, id);
    de.acknowledgements().acknowledge(id, "24/7 duty officer");

    assertThat(fr.audit().entries(caseId)).extracting(e -> e.action())
        .contains("MESSAGE_SUBMITTED", "MESSAGE_DELIVERED");
    assertThat(de.audit().entries(caseId)).extracting(e -> e.action())
        .contains("MESSAGE_RECEIVED", "MESSAGE_ACKNOWLEDGED");
    assertThat(de.audit().entries(caseId)).filteredOn(e -> e.action().equals("MESSAGE_ACKNOWLEDGED"))
        .extracting(e -> e.actor()).containsExactly("24/7 duty officer");
    fr.audit().verify();
    de.audit().verify();
  }

  @Test
  void acknowledgingAnOpenedNotice_sendsNoNoticeBack() throws Exception {
    InnerMessage sent = fr.outbox().submit(consultation("DE/poc", Priority.PRIORITY_URGENT));
    String id = sent.getRouting().getMessageId();
    Awaits.completed(fr, id);
    String noticeId = de.acknowledgements().acknowledge(id, "24/7 duty officer").notice().orElseThrow()
        .getRouting().getMessageId();
    Awaits.completed(de, noticeId);

    var outcome = fr.acknowledgements().acknowledge(noticeId, "24/7 duty officer");

    assertThat(outcome.notice()).isEmpty();
    assertThat(outcome.entry().acknowledgedAt()).isPresent();
    assertThat(fr.outboxStore().recent(10)).extracting(OutboxEntry::messageId).containsExactly(id);
  }
}
