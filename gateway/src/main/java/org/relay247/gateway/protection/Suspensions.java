package org.relay247.gateway.protection;

import com.google.protobuf.util.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.relay247.gateway.rules.Finding;
import org.relay247.gateway.rules.MessageKinds;
import org.relay247.gateway.rules.Severity;
import org.relay247.gateway.rules.Text;
import org.relay247.gateway.store.Database;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.SuspensionKind;
import org.relay247.protocol.v1.SuspensionNotice;
import org.relay247.protocol.v1.SuspensionStep;

/**
 * Art. 14.15 suspensions per pair, persisted (table {@code pair_suspension}). A SuspensionNotice
 * with step IMPOSED, sent or received, suspends transfers of personal data between this node's
 * Party and the other, in both directions, from its {@code effective_at} (or when recorded); a
 * notice with step LIFTED ends the suspension it names ({@code related_notice_message_id}) with
 * the counter-suspensions of the pair, or all of the pair's suspensions when it names none
 * (reciprocal suspensions lift at the same time). Step NOTICE changes nothing: it announces.
 * Control messages (Art. 14 notices, consultations, determinations, receipts, pings) are never
 * covered. Thread-safe.
 */
public final class Suspensions {
  /** Finding code of a message refused because of a recorded suspension. */
  public static final String CODE = "SUSP_PAIR_14_15";

  private final Database db;
  private final PartyCode self;

  public Suspensions(Database db, PartyCode self) {
    this.db = db;
    this.self = self;
  }

  /** Records what a SuspensionNotice does, in the caller's transaction; other bodies are ignored. */
  void record(Connection c, InnerMessage m, Instant now) throws SQLException {
    if (m.getBodyCase() != InnerMessage.BodyCase.SUSPENSION_NOTICE) {
      return;
    }
    SuspensionNotice notice = m.getSuspensionNotice();
    PartyCode sender = Address.parse(m.getRouting().getSender()).party();
    PartyCode recipient = Address.parse(m.getRouting().getRecipient()).party();
    PartyCode other = sender.equals(self) ? recipient : sender;
    Instant effective = notice.hasEffectiveAt() ? Instant.ofEpochMilli(Timestamps.toMillis(notice.getEffectiveAt()))
        : now;
    if (notice.getStep() == SuspensionStep.SUSPENSION_STEP_IMPOSED) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO pair_suspension (notice_message_id, other_party,"
          + " suspending_party, kind, scope, effective_from) VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, m.getRouting().getMessageId());
        ps.setString(2, other.code());
        ps.setString(3, sender.code());
        ps.setString(4, notice.getKind().name());
        ps.setString(5, notice.getScopeList().stream().map(Enum::name).collect(Collectors.joining(",")));
        ps.setLong(6, effective.toEpochMilli());
        ps.executeUpdate();
      }
    } else if (notice.getStep() == SuspensionStep.SUSPENSION_STEP_LIFTED) {
      String related = notice.getRelatedNoticeMessageId();
      String which = related.isEmpty() ? "" : " AND (notice_message_id = ? OR kind = ?)";
      try (PreparedStatement ps = c.prepareStatement("UPDATE pair_suspension SET lifted_at = ?, lifted_by = ?"
          + " WHERE other_party = ? AND lifted_at IS NULL" + which)) {
        ps.setLong(1, effective.toEpochMilli());
        ps.setString(2, m.getRouting().getMessageId());
        ps.setString(3, other.code());
        if (!related.isEmpty()) {
          ps.setString(4, related);
          ps.setString(5, SuspensionKind.SUSPENSION_KIND_COUNTER.name());
        }
        ps.executeUpdate();
      }
    }
  }

  /** Every suspension recorded with {@code other}, lifted ones included, oldest first. */
  public List<PairSuspension> with(PartyCode other) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT notice_message_id, other_party, suspending_party, kind,"
          + " scope, effective_from, lifted_at FROM pair_suspension WHERE other_party = ?"
          + " ORDER BY effective_from, notice_message_id")) {
        ps.setString(1, other.code());
        List<PairSuspension> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long lifted = rs.getLong(7);
            Optional<Instant> liftedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lifted));
            String scope = rs.getString(5);
            out.add(new PairSuspension(rs.getString(1), PartyCode.of(rs.getString(2)), PartyCode.of(rs.getString(3)),
                SuspensionKind.valueOf(rs.getString(4)), scope.isEmpty() ? List.of()
                    : Arrays.stream(scope.split(",")).map(CooperationType::valueOf).toList(),
                Instant.ofEpochMilli(rs.getLong(6)), liftedAt));
          }
        }
        return out;
      }
    });
  }

  /** The suspensions with {@code other} in effect at {@code at}. */
  public List<PairSuspension> inEffect(PartyCode other, Instant at) {
    return with(other).stream().filter(s -> s.inEffect(at)).toList();
  }

  /**
   * A blocking finding when a suspension in effect with {@code other} covers {@code m} (sent to
   * or received from {@code other}); empty when the message may pass.
   */
  public Optional<Finding> blocking(InnerMessage m, PartyCode other, Instant at) {
    if (!MessageKinds.carriesPersonalData(m)) {
      return Optional.empty();
    }
    return inEffect(other, at).stream().filter(s -> s.covers(m)).findFirst().map(s -> finding(s, other));
  }

  private Finding finding(PairSuspension s, PartyCode other) {
    String pair = self + " and " + other;
    String scopeEn = s.scope().isEmpty() ? "all transfers of personal data"
        : "transfers of personal data under " + s.scope().stream().map(t -> MessageKinds.name(t).en())
            .collect(Collectors.joining(", "));
    String scopeFr = s.scope().isEmpty() ? "tous les transferts de données à caractère personnel"
        : "les transferts de données à caractère personnel au titre de " + s.scope().stream()
            .map(t -> MessageKinds.name(t).fr()).collect(Collectors.joining(", "));
    String since = s.effectiveFrom().toString();
    return new Finding(Severity.BLOCK, CODE, "14.15",
        Text.of("Party " + s.suspendingParty() + " suspended " + scopeEn + " between " + pair
                + " under Art. 14.15 (notice " + s.noticeMessageId() + ", in effect since " + since + ").",
            "La Partie " + s.suspendingParty() + " a suspendu " + scopeFr + " entre " + self + " et " + other
                + " en vertu de l'art. 14.15 (notification " + s.noticeMessageId() + ", en vigueur depuis le "
                + since + ")."),
        Text.of("Send or accept no personal data between " + pair + " while the suspension lasts; Art. 14 control"
                + " messages, consultations and pings still go. It ends with a SuspensionNotice of step LIFTED.",
            "N'envoyez ni n'acceptez de données à caractère personnel entre " + self + " et " + other
                + " tant que dure la suspension ; les messages de contrôle de l'art. 14, les consultations et les"
                + " pings passent. Elle prend fin par une notification de suspension à l'étape LIFTED."));
  }
}
