package org.relay247.gateway.protection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.relay247.gateway.store.Database;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.InnerMessage;

/**
 * Art. 14.11.c per case (table {@code personal_notice}), on both sides of the transfer: the
 * transferring Party flagged a transfer {@code personal_notice_required} (its law requires
 * notice to the persons concerned); the receiving Party may ask for confidentiality on 14.12.a.i
 * grounds, the transferring Party may inquire whether the restriction still holds, and a
 * RestrictionLifted ends it. Recorded from the messages as they are sent or received.
 */
public final class PersonalNotices {
  /** Where the requirement stands. */
  public enum State {
    /** Transfer flagged; no confidentiality asked: the transferring Party may give notice. */
    NOTICE_REQUIRED,
    /** The receiving Party asked for confidentiality: no notice while it holds. */
    CONFIDENTIALITY_REQUESTED,
    /** The transferring Party asked whether the restriction still holds; no notice yet. */
    INQUIRY_SENT,
    /** The receiving Party lifted the restriction: notice may be given. */
    RESTRICTION_LIFTED;

    /** Whether the transferring Party may now give notice to the persons concerned. */
    public boolean noticeMayBeGiven() {
      return this == NOTICE_REQUIRED || this == RESTRICTION_LIFTED;
    }
  }

  /** The state of one case. */
  public record Status(String caseId, State state, PartyCode transferringParty, String requirementMessageId,
      Optional<String> confidentialityRequestId, String lastMessageId, Instant updatedAt) {
    public Status {
      Objects.requireNonNull(caseId, "caseId");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(confidentialityRequestId, "confidentialityRequestId");
    }
  }

  private final Database db;

  public PersonalNotices(Database db) {
    this.db = db;
  }

  /** Records what the message changes, in the caller's transaction; other bodies are ignored. */
  void record(Connection c, InnerMessage m, Instant now) throws SQLException {
    String caseId = m.getRouting().getCaseId();
    String id = m.getRouting().getMessageId();
    switch (m.getBodyCase()) {
      case EVIDENCE_MANIFEST -> {
        if (m.getEvidenceManifest().getPersonalNoticeRequired() && read(c, caseId).isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO personal_notice (case_id, state,"
              + " transferring_party, requirement_message_id, last_message_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, caseId);
            ps.setString(2, State.NOTICE_REQUIRED.name());
            ps.setString(3, Address.parse(m.getRouting().getSender()).party().code());
            ps.setString(4, id);
            ps.setString(5, id);
            ps.setLong(6, now.toEpochMilli());
            ps.executeUpdate();
          }
        }
      }
      case CONFIDENTIALITY_REQUEST -> update(c, caseId, State.CONFIDENTIALITY_REQUESTED, id, true, now);
      case TRANSFEROR_INQUIRY -> update(c, caseId, State.INQUIRY_SENT, id, false, now);
      case RESTRICTION_LIFTED -> update(c, caseId, State.RESTRICTION_LIFTED, id, false, now);
      default -> { }
    }
  }

  /** The case's state; empty when no transfer of the case was flagged. */
  public Optional<Status> of(String caseId) {
    return db.read(c -> read(c, caseId));
  }

  private static void update(Connection c, String caseId, State state, String messageId, boolean confidentiality,
      Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE personal_notice SET state = ?, last_message_id = ?,"
        + " updated_at = ?" + (confidentiality ? ", confidentiality_request_id = ?" : "") + " WHERE case_id = ?")) {
      ps.setString(1, state.name());
      ps.setString(2, messageId);
      ps.setLong(3, now.toEpochMilli());
      int i = 4;
      if (confidentiality) {
        ps.setString(i++, messageId);
      }
      ps.setString(i, caseId);
      ps.executeUpdate();
    }
  }

  private static Optional<Status> read(Connection c, String caseId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT state, transferring_party, requirement_message_id,"
        + " confidentiality_request_id, last_message_id, updated_at FROM personal_notice WHERE case_id = ?")) {
      ps.setString(1, caseId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Status(caseId, State.valueOf(rs.getString(1)), PartyCode.of(rs.getString(2)),
            rs.getString(3), Optional.ofNullable(rs.getString(4)), rs.getString(5),
            Instant.ofEpochMilli(rs.getLong(6))));
      }
    }
  }
}
