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
      Optional<Instant> validUntil, List<String> dataMessageIds, List<String> itemIds) {

    public Authorisation {
      dataMessageIds = List.copyOf(dataMessageIds);
      itemIds = List.copyOf(itemIds);
    }

    /**
     * Whether it covers this received message: one it names (a chunk through its manifest), or
     * any when the request named none; with item ids named, only chunks of those items.
     */
    public boolean covers(InnerMessage m) {
      String id = m.getRouting().getMessageId();
      boolean chunk = m.getBodyCase() == InnerMessage.BodyCase.EVIDENCE_CHUNK;
      if (!dataMessageIds.isEmpty() && !dataMessageIds.contains(id)
          && !(chunk && dataMessageIds.contains(m.getEvidenceChunk().getManifestMessageId()))) {
        return false;
      }
      return !chunk || itemIds.isEmpty() || itemIds.contains(m.getEvidenceChunk().getItemId());
    }

    /** The message as far as it is covered: a manifest keeps only the items named (all when none is). */
    public InnerMessage narrow(InnerMessage m) {
      if (m.getBodyCase() != InnerMessage.BodyCase.EVIDENCE_MANIFEST || itemIds.isEmpty()) {
        return m;
      }
      var manifest = m.getEvidenceManifest().toBuilder().clearItems();
      m.getEvidenceManifest().getItemsList().stream().filter(i -> itemIds.contains(i.getItemId()))
          .forEach(manifest::addItems);
      return m.toBuilder().setEvidenceManifest(manifest).build();
    }

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
      var request = m.getOnwardTransferAuthorisationRequest();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO onward_transfer (request_message_id, case_id,"
          + " requested_of, destination, requested_at, data_message_ids, item_ids) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, m.getRouting().getMessageId());
        ps.setString(2, m.getRouting().getCaseId());
        ps.setString(3, m.getRouting().getRecipient());
        ps.setString(4, request.getDestination().strip());
        ps.setLong(5, now.toEpochMilli());
        ps.setString(6, String.join(",", request.getDataMessageIdsList().stream().map(String::strip).toList()));
        ps.setString(7, String.join(",", request.getItemIdsList().stream().map(String::strip).toList()));
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
        if (ps.executeUpdate() == 1 && authorising(d.getOutcome())) {
          recordConditions(c, m, d);
        }
      }
    }
  }

  private static boolean authorising(OnwardTransferOutcome o) {
    return o == OnwardTransferOutcome.ONWARD_TRANSFER_OUTCOME_AUTHORISED
        || o == OnwardTransferOutcome.ONWARD_TRANSFER_OUTCOME_AUTHORISED_WITH_CONDITIONS;
  }

  /**
   * The decision's conditions become BINDING conditions of the case (case_condition, with the
   * destination they travel with), so that {@code relay247 case show} lists them and
   * {@code CaseService.checkUse} applies them like any other condition.
   */
  private static void recordConditions(Connection c, InnerMessage m, OnwardTransferDecision d) throws SQLException {
    if (d.getConditionsCount() == 0) {
      return;
    }
    String caseId;
    String destination;
    try (PreparedStatement ps = c.prepareStatement("SELECT o.case_id, o.destination FROM onward_transfer o"
        + " JOIN case_file f ON f.case_id = o.case_id WHERE o.request_message_id = ?")) {
      ps.setString(1, d.getRequestMessageId());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return;  // the case's content is not on this node (no case file): nothing to bind
        }
        caseId = rs.getString(1);
        destination = rs.getString(2);
      }
    }
    java.util.Set<String> ids = new java.util.HashSet<>();
    int n = 0;
    for (org.relay247.protocol.v1.Condition cond : d.getConditionsList()) {
      n++;
      String id = cond.getId().isBlank() || !ids.add(cond.getId()) ? "t" + n : cond.getId();
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_condition (track_id, determination_id,"
          + " condition_id, case_id, kind, text, article, status, destination) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, d.getRequestMessageId());
        ps.setString(2, m.getRouting().getMessageId());
        ps.setString(3, id.length() > 64 ? id.substring(0, 64) : id);
        ps.setString(4, caseId);
        ps.setString(5, cond.getKind().name());
        ps.setString(6, cond.getText().length() > 2000 ? cond.getText().substring(0, 2000) : cond.getText());
        ps.setString(7, cond.getArticle().isBlank() ? "14.10" : cond.getArticle().strip().length() > 16
            ? cond.getArticle().strip().substring(0, 16) : cond.getArticle().strip());
        ps.setString(8, "BINDING");
        ps.setString(9, destination);
        ps.executeUpdate();
      }
    }
  }

  private static List<String> split(String csv) {
    return csv == null || csv.isBlank() ? List.of() : List.of(csv.split(","));
  }

  /** The requests of a case, oldest first. */
  public List<Authorisation> of(String caseId) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT request_message_id, case_id, requested_of, destination,"
          + " requested_at, decision_message_id, outcome, valid_until, data_message_ids, item_ids FROM onward_transfer"
          + " WHERE case_id = ?"
          + " ORDER BY requested_at, request_message_id")) {
        ps.setString(1, caseId);
        List<Authorisation> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long until = rs.getLong(8);
            Optional<Instant> validUntil = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until));
            out.add(new Authorisation(rs.getString(1), rs.getString(2), Address.parse(rs.getString(3)),
                rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)), Optional.ofNullable(rs.getString(6)),
                Optional.ofNullable(rs.getString(7)).map(OnwardTransferOutcome::valueOf), validUntil,
                split(rs.getString(9)), split(rs.getString(10))));
          }
        }
        return out;
      }
    });
  }
}
