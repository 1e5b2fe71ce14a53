package org.relay247.gateway.store;

import java.time.Instant;
import java.util.Optional;

/** One message to deliver, its sealed envelope, and where its delivery stands. */
public record OutboxEntry(
    String messageId, String recipient, String recipientParty, int priorityRank, String caseId,
    String bodyCase, Instant createdAt, Instant deadlineAt, byte[] innerMessage, byte[] envelope,
    Instant sealedAt, State state, int attempts, Instant nextAttemptAt, Optional<String> lastError,
    Optional<Instant> escalatedAt, Optional<byte[]> receipt, Optional<String> receiptStatus,
    Optional<String> receiptReason, Optional<String> receiptArticle, Optional<Instant> completedAt) {

  /** Delivery state: pending until a verified receipt accepts or rejects it. */
  public enum State { PENDING, DELIVERED, REJECTED }

  /** A new pending entry, due now. */
  public static OutboxEntry pending(String messageId, String recipient, String recipientParty, int priorityRank,
      String caseId, String bodyCase, Instant createdAt, Instant deadlineAt, byte[] innerMessage, byte[] envelope) {
    return new OutboxEntry(messageId, recipient, recipientParty, priorityRank, caseId, bodyCase, createdAt,
        deadlineAt, innerMessage, envelope, createdAt, State.PENDING, 0, createdAt, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
