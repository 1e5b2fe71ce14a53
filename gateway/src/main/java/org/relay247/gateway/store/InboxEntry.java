package org.relay247.gateway.store;

import java.time.Instant;
import java.util.Optional;

/** One accepted message as stored: routing, proof (signed CMS) and the receipt it got. */
public record InboxEntry(
    long seq, String messageId, String sender, String recipient, int priorityRank, String caseId,
    String replyToId, String bodyCase, Instant createdAt, Instant receivedAt, Instant signedAt,
    String signerSubject, byte[] envelope, byte[] envelopeSha256, byte[] signedData, byte[] innerMessage,
    byte[] receipt, Optional<Instant> acknowledgedAt, Optional<String> acknowledgedBy) {

  /** This entry under the sequence number the store gave it. */
  public InboxEntry withSeq(long assigned) {
    return new InboxEntry(assigned, messageId, sender, recipient, priorityRank, caseId, replyToId, bodyCase, createdAt,
        receivedAt, signedAt, signerSubject, envelope, envelopeSha256, signedData, innerMessage, receipt,
        acknowledgedAt, acknowledgedBy);
  }
}
