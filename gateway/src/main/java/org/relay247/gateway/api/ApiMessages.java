package org.relay247.gateway.api;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.relay247.gateway.store.EscalationStore;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.protocol.seal.CmsException;
import org.relay247.protocol.seal.SignedDataCodec;
import org.relay247.protocol.v1.Acknowledgement;
import org.relay247.protocol.v1.DeliveryState;
import org.relay247.protocol.v1.Escalation;
import org.relay247.protocol.v1.InboxSummary;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.OutboxStatus;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Receipt;
import org.relay247.protocol.v1.ReceiptStatus;
import org.relay247.protocol.v1.RejectionReason;

/** Store records to national API messages. Summaries carry routing facts only, never content. */
final class ApiMessages {
  private ApiMessages() {}

  static InboxSummary summary(InboxEntry e) {
    InboxSummary.Builder b = InboxSummary.newBuilder().setSeq(e.seq()).setMessageId(e.messageId())
        .setSender(e.sender()).setRecipient(e.recipient()).setPriority(priority(e.priorityRank()))
        .setCaseId(nullToEmpty(e.caseId())).setReplyToId(nullToEmpty(e.replyToId()))
        .setBodyType(bodyType(e.bodyCase())).setCreatedAt(timestamp(e.createdAt()))
        .setReceivedAt(timestamp(e.receivedAt()));
    e.acknowledgedAt().ifPresent(at -> b.setAcknowledgement(Acknowledgement.newBuilder()
        .setAcknowledgedAt(timestamp(at)).setOperatorRole(e.acknowledgedBy().orElse(""))));
    return b.build();
  }

  static OutboxStatus status(OutboxEntry e) {
    OutboxStatus.Builder b = OutboxStatus.newBuilder().setMessageId(e.messageId()).setRecipient(e.recipient())
        .setPriority(priority(e.priorityRank())).setCaseId(nullToEmpty(e.caseId()))
        .setBodyType(bodyType(e.bodyCase())).setCreatedAt(timestamp(e.createdAt()))
        .setDeadlineAt(timestamp(e.deadlineAt())).setState(state(e.state())).setAttempts(e.attempts());
    if (e.state() == OutboxEntry.State.PENDING) {
      b.setNextAttemptAt(timestamp(e.nextAttemptAt()));
    }
    e.lastError().ifPresent(b::setLastError);
    e.escalatedAt().ifPresent(at -> b.setEscalatedAt(timestamp(at)));
    e.receiptStatus().flatMap(s -> enumValue(ReceiptStatus.class, s)).ifPresent(b::setReceiptStatus);
    e.receiptReason().flatMap(s -> enumValue(RejectionReason.class, s)).ifPresent(b::setReceiptReason);
    e.receiptArticle().ifPresent(b::setReceiptArticle);
    e.completedAt().ifPresent(at -> b.setCompletedAt(timestamp(at)));
    return b.build();
  }

  static Escalation escalation(EscalationStore.Escalation e) {
    return Escalation.newBuilder().setId(e.id()).setMessageId(nullToEmpty(e.messageId())).setKind(e.kind())
        .setRaisedAt(timestamp(e.raisedAt())).setDetail(nullToEmpty(e.detail())).build();
  }

  /**
   * The Receipt inside signed receipt bytes. The signature was checked when the receipt was made
   * or received; this only reads it, so unreadable bytes give empty rather than an error.
   */
  static Optional<Receipt> receipt(byte[] signedReceipt) {
    if (signedReceipt == null || signedReceipt.length == 0) {
      return Optional.empty();
    }
    try {
      InnerMessage inner = InnerMessage.parseFrom(SignedDataCodec.verify(signedReceipt).content());
      return inner.hasReceipt() ? Optional.of(inner.getReceipt()) : Optional.empty();
    } catch (CmsException | InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  /** "ART9_REQUEST" (a stored body case) as the body field's name, "art9_request". */
  static String bodyType(String bodyCase) {
    try {
      InnerMessage.BodyCase c = InnerMessage.BodyCase.valueOf(bodyCase);
      FieldDescriptor field = InnerMessage.getDescriptor().findFieldByNumber(c.getNumber());
      if (field != null) {
        return field.getName();
      }
    } catch (IllegalArgumentException | NullPointerException e) {
      // an unknown case (stored by a newer node): fall through
    }
    return bodyCase == null ? "" : bodyCase.toLowerCase(Locale.ROOT);
  }

  static Timestamp timestamp(Instant at) {
    return Timestamps.fromMillis(at.toEpochMilli());
  }

  private static DeliveryState state(OutboxEntry.State state) {
    return switch (state) {
      case PENDING -> DeliveryState.DELIVERY_STATE_PENDING;
      case DELIVERED -> DeliveryState.DELIVERY_STATE_DELIVERED;
      case REJECTED -> DeliveryState.DELIVERY_STATE_REJECTED;
    };
  }

  private static Priority priority(int rank) {
    Priority p = Priority.forNumber(rank);
    return p == null ? Priority.PRIORITY_UNSPECIFIED : p;
  }

  private static <E extends Enum<E>> Optional<E> enumValue(Class<E> type, String name) {
    try {
      return Optional.of(Enum.valueOf(type, name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
