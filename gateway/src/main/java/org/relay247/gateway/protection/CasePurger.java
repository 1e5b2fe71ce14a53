package org.relay247.gateway.protection;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.cases.CaseService;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.Fence;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.seal.ReceiptVerifier;
import org.relay247.protocol.seal.SignedDataCodec;
import org.relay247.protocol.seal.SigningKey;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.PurgeRecord;
import org.relay247.protocol.v1.PurgedDirection;
import org.relay247.protocol.v1.PurgedMessage;
import org.relay247.protocol.v1.Routing;

/**
 * Art. 14.5 purge of a case: in one transaction, deletes the content of every message of the
 * case that still has it (inbox: envelope, signed data and inner message; outbox: inner message
 * and envelope) and the condition texts its case copied from them, keeps ids, addresses, times,
 * receipts, SHA-256s and the case's states, stores a signed proof of purge, puts PURGED on the
 * case's timeline and appends CASE_PURGED to the audit log. Either all of it commits or nothing
 * changes.
 *
 * <p>The proof is a {@link PurgeRecord} inner message (message ids, SHA-256 of each deleted inner
 * message and envelope, when, by whom, why) signed with the node's signing key as CMS SignedData:
 * anyone holding the network's root can verify it ({@code relay247 verify FILE}). Messages still
 * being delivered are not purged: the purge is refused until their delivery ends.
 */
public final class CasePurger {
  private final Database db;
  private final AuditLog audit;
  private final Clock clock;
  private final PartyCode self;
  private final Supplier<SigningKey> signing;
  private final Retention retention;
  private final CaseService cases;

  CasePurger(Database db, AuditLog audit, Clock clock, PartyCode self, Supplier<SigningKey> signing,
      Retention retention, CaseService cases) {
    this.cases = Objects.requireNonNull(cases, "cases");
    this.db = db;
    this.audit = audit;
    this.clock = clock;
    this.self = self;
    this.signing = signing;
    this.retention = retention;
  }

  /**
   * Purges the case's content and returns the signed proof.
   *
   * @param actor who ordered it (an operator's role, or "node" for the worker)
   * @param reason why, one line without personal data (e.g. "retention period elapsed")
   * @throws IllegalArgumentException for a malformed case id or a blank reason
   * @throws IllegalStateException if the case has no content left to purge, or messages still
   *     being delivered
   */
  public PurgeProof purge(String caseId, String actor, String reason) {
    return purge(caseId, actor, reason, Fence.NONE);
  }

  /**
   * As {@link #purge(String, String, String)}, after {@code fence} in the same transaction (the
   * retention review's lease in a cluster: a purge refused by it writes nothing).
   */
  public PurgeProof purge(String caseId, String actor, String reason, Fence fence) {
    MessageIds.requireValid("case_id", caseId);
    Objects.requireNonNull(actor, "actor");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason: empty (expected: why the case is purged, e.g. \"retention period"
          + " elapsed\")");
    }
    int days = retention.status(caseId).retentionDays();
    return db.inTransaction(c -> {
      fence.check(c);
      List<CaseMessage> messages = CaseMessages.of(c, caseId).stream().filter(m -> !m.purged()).toList();
      long pending = messages.stream().filter(CaseMessage::pending).count();
      if (pending > 0) {
        throw new IllegalStateException("case " + caseId + " has " + pending + " message(s) still being delivered"
            + " (expected: none pending; purge once delivery has ended)");
      }
      if (messages.isEmpty()) {
        throw new IllegalStateException("case " + caseId + " has no message content to purge"
            + " (unknown case, or already purged)");
      }
      Instant now = clock.instant();
      PurgeProof proof = sign(caseId, actor, reason.strip(), days, messages, now);
      for (CaseMessage m : messages) {
        clear(c, m);
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO purge_proof (record_message_id, case_id, purged_at,"
          + " purged_by, message_count, signed_record) VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, proof.message().getRouting().getMessageId());
        ps.setString(2, caseId);
        ps.setLong(3, now.toEpochMilli());
        ps.setString(4, actor);
        ps.setInt(5, messages.size());
        ps.setBytes(6, proof.signedData());
        ps.executeUpdate();
      }
      Retention.purged(c, caseId, now, actor);
      cases.recordPurge(c, caseId, proof.message().getRouting().getMessageId(), actor, now);
      audit.append(c, new AuditEvent(actor, AuditAction.CASE_PURGED, caseId, proof.message().getRouting()
          .getMessageId(), "content of " + messages.size() + " messages deleted; proof of purge signed"));
      return proof;
    });
  }

  /** The proofs of purge stored for a case, oldest first. */
  public List<byte[]> proofs(String caseId) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT signed_record FROM purge_proof WHERE case_id = ?"
          + " ORDER BY purged_at, record_message_id")) {
        ps.setString(1, caseId);
        List<byte[]> out = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getBytes(1));
          }
        }
        return out;
      }
    });
  }

  private PurgeProof sign(String caseId, String actor, String reason, int days, List<CaseMessage> messages,
      Instant now) {
    PurgeRecord.Builder record = PurgeRecord.newBuilder().setCaseId(caseId)
        .setPurgedAt(Timestamps.fromMillis(now.toEpochMilli())).setPurgedBy(actor).setReason(reason)
        .setRetentionDays(days);
    for (CaseMessage m : messages) {
      record.addMessages(PurgedMessage.newBuilder().setMessageId(m.messageId())
          .setDirection(m.received() ? PurgedDirection.PURGED_DIRECTION_RECEIVED : PurgedDirection.PURGED_DIRECTION_SENT)
          .setCounterpart(m.counterpart().toString()).setBodyType(m.bodyCase().toLowerCase(Locale.ROOT))
          .setInnerMessageSha256(ByteString.copyFrom(ReceiptVerifier.sha256(m.innerMessage())))
          .setEnvelopeSha256(ByteString.copyFrom(m.envelopeSha256())));
    }
    String own = self.code() + "/poc";
    // Addressed to the first transferring authority, to whom it may be sent; else to this node's own PoC.
    String recipient = TransferringAuthorities.sources(messages).stream().findFirst()
        .map(s -> s.sender().toString()).orElse(own);
    InnerMessage inner = InnerMessage.newBuilder().setRouting(Routing.newBuilder()
            .setMessageId(MessageIds.next(clock)).setSender(own).setRecipient(recipient)
            .setPriority(Priority.PRIORITY_ROUTINE).setCreatedAt(Timestamps.fromMillis(now.toEpochMilli()))
            .setCaseId(caseId))
        .setLanguage("en").setPurgeRecord(record).build();
    return new PurgeProof(SignedDataCodec.sign(inner.toByteArray(), signing.get(), now), inner);
  }

  private static void clear(Connection c, CaseMessage m) throws SQLException {
    String sql = m.received()
        ? "UPDATE inbox SET envelope = ?, signed_data = ?, inner_message = ? WHERE message_id = ?"
        : "UPDATE outbox SET envelope = ?, inner_message = ? WHERE message_id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      byte[] none = new byte[0];
      int i = 1;
      ps.setBytes(i++, none);
      if (m.received()) {
        ps.setBytes(i++, none);
      }
      ps.setBytes(i++, none);
      ps.setString(i, m.messageId());
      ps.executeUpdate();
    }
  }
}
