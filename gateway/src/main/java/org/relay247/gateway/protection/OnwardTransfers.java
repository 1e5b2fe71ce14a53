package org.relay247.gateway.protection;

import com.google.protobuf.util.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.relay247.gateway.store.Database;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.OnwardTransferDecision;
import org.relay247.protocol.v1.OnwardTransferOutcome;

/**
 * Art. 14.10 authorisations, persisted (table {@code onward_transfer}): each
 * OnwardTransferAuthorisationRequest this node sends, and the OnwardTransferDecision that answers
 * it, accepted only from the Party the request was sent to. Thread-safe.
 */
public final class OnwardTransfers {
  /** One request and where it stands. */
  public record Authorisation(String requestMessageId, String caseId, Address requestedOf, String destination,
      Instant requestedAt, Optional<String> decisionMessageId, Optional<OnwardTransferOutcome> outcome,
      Optional<Instant> validUntil) {

    /** Authorised (with or without conditions) and not expired at {@code at}. */
    public boolean authorises(String wanted, Instant at) {
      return destination.equalsIgnoreCase(wanted.strip())
          && outcome.filter(o -> o == OnwardTransferOutcome.ONWARD_TRANSFER_OUTCOME_AUTHORISED
              || o == OnwardTransferOutcome.ONWARD_TRANSFER_OUTCOME_AUTHORISED_WITH_CONDITIONS).isPresent()
          && validUntil.map(at::isBefore).orElse(true);
    }
  }

  private final Database db;
  private final PartyCode self;

  public OnwardTransfers(Database db, PartyCode self) {
    this.db = db;
    this.self = self;
  }

  /** Records a request sent or a decision received, in the caller's transaction; other bodies are ignored. */
  void record(Connection c, InnerMessage m, Instant now) throws SQLException {
    Address sender = Address.parse(m.getRouting().getSender());
    if (m.getBodyCase() == InnerMessage.BodyCase.ONWARD_TRANSFER_AUTHORISATION_REQUEST && sender.party().equals(self)) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO onward_transfer (request_message_id, case_id,"
          + " requested_of, destination, requested_at) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, m.getRouting().getMessageId());
        ps.setString(2, m.getRouting().getCaseId());
        ps.setString(3, m.getRouting().getRecipient());
        ps.setString(4, m.getOnwardTransferAuthorisationRequest().getDestination().strip());
        ps.setLong(5, now.toEpochMilli());
        ps.executeUpdate();
      }
    } else if (m.getBodyCase() == InnerMessage.BodyCase.ONWARD_TRANSFER_DECISION && !sender.party().equals(self)) {
      OnwardTransferDecision d = m.getOnwardTransferDecision();
      // Only the Party asked may decide: "DE/%" matches a request sent to any authority of DE.
      try (PreparedStatement ps = c.prepareStatement("UPDATE onward_transfer SET decision_message_id = ?,"
          + " outcome = ?, decided_at = ?, valid_until = ? WHERE request_message_id = ? AND requested_of LIKE ?")) {
        ps.setString(1, m.getRouting().getMessageId());
        ps.setString(2, d.getOutcome().name());
        ps.setLong(3, now.toEpochMilli());
        if (d.hasValidUntil()) {
          ps.setLong(4, Timestamps.toMillis(d.getValidUntil()));
        } else {
          ps.setNull(4, java.sql.Types.BIGINT);
        }
        ps.setString(5, d.getRequestMessageId());
        ps.setString(6, sender.party().code() + "/%");
        ps.executeUpdate();
      }
    }
  }

  /** The requests of a case, oldest first. */
  public List<Authorisation> of(String caseId) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT request_message_id, case_id, requested_of, destination,"
          + " requested_at, decision_message_id, outcome, valid_until FROM onward_transfer WHERE case_id = ?"
          + " ORDER BY requested_at, request_message_id")) {
        ps.setString(1, caseId);
        List<Authorisation> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long until = rs.getLong(8);
            Optional<Instant> validUntil = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until));
            out.add(new Authorisation(rs.getString(1), rs.getString(2), Address.parse(rs.getString(3)),
                rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)), Optional.ofNullable(rs.getString(6)),
                Optional.ofNullable(rs.getString(7)).map(OnwardTransferOutcome::valueOf), validUntil));
          }
        }
        return out;
      }
    });
  }
}
