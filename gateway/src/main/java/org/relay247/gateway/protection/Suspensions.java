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
import org.relay247.gateway.rules.KnownSuspension;
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
 * Art. 14.15 suspensions recorded from SuspensionNotice messages this node sent or received
 * (tables {@code pair_suspension}, {@code suspension_notice}), in the one model of
 * {@link KnownSuspension}: the sender of a notice with step IMPOSED suspends transfers of personal
 * data <em>to</em> the other Party, from its {@code effective_at} (or when recorded), for its scope;
 * a notice with step LIFTED ends the suspension it names ({@code related_notice_message_id}) with
 * the counter-suspensions of the pair, or all of the pair's suspensions when it names none
 * (reciprocal suspensions lift at the same time). Step NOTICE announces: it is recorded as the
 * prior notice a suspension of kind FULL requires ("after reasonable notice"); one imposed without
 * it gets the warning {@value #NO_NOTICE} at submit and is marked when recorded. The treaty rules
 * (SUSP_14_15, SUSP_14_15_ANSWER) enforce what is recorded here together with the directory's
 * suspensions. Thread-safe.
 */
public final class Suspensions {
  /** Finding code of a full suspension imposed without the prior notice Art. 14.15 requires. */
  public static final String NO_NOTICE = "SUSP_14_15_NOTICE";

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
    if (notice.getStep() == SuspensionStep.SUSPENSION_STEP_NOTICE) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO suspension_notice (notice_message_id,"
          + " suspending_party, other_party, noticed_at) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, m.getRouting().getMessageId());
        ps.setString(2, sender.code());
        ps.setString(3, recipient.code());
        ps.setLong(4, now.toEpochMilli());
        ps.executeUpdate();
      }
    } else if (notice.getStep() == SuspensionStep.SUSPENSION_STEP_IMPOSED) {
      boolean withoutNotice = notice.getKind() == SuspensionKind.SUSPENSION_KIND_FULL
          && !noticed(c, sender.code(), recipient.code());
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO pair_suspension (notice_message_id, other_party,"
          + " suspending_party, kind, scope, effective_from, without_prior_notice) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, m.getRouting().getMessageId());
        ps.setString(2, other.code());
        ps.setString(3, sender.code());
        ps.setString(4, notice.getKind().name());
        ps.setString(5, notice.getScopeList().stream().map(Enum::name).collect(Collectors.joining(",")));
        ps.setLong(6, effective.toEpochMilli());
        ps.setInt(7, withoutNotice ? 1 : 0);
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

  private static boolean noticed(Connection c, String suspending, String other) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM suspension_notice WHERE suspending_party = ?"
        + " AND other_party = ?")) {
      ps.setString(1, suspending);
      ps.setString(2, other);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * The warning on a draft SuspensionNotice imposing a FULL suspension when this Party gave the
   * other no prior notice (step NOTICE): Art. 14.15 allows it only after reasonable notice (a
   * provisional suspension, on an imminent risk, may follow its notice at once).
   */
  List<Finding> warnings(InnerMessage m) {
    if (m.getBodyCase() != InnerMessage.BodyCase.SUSPENSION_NOTICE
        || m.getSuspensionNotice().getStep() != SuspensionStep.SUSPENSION_STEP_IMPOSED
        || m.getSuspensionNotice().getKind() != SuspensionKind.SUSPENSION_KIND_FULL) {
      return List.of();
    }
    String other = Address.parse(m.getRouting().getRecipient()).party().code();
    if (db.read(c -> noticed(c, self.code(), other))) {
      return List.of();
    }
    return List.of(new Finding(Severity.WARN, NO_NOTICE, "14.15",
        Text.of("This full suspension of transfers to " + other + " follows no notice of step NOTICE sent to " + other
                + ": Art. 14.15 allows a suspension only after reasonable notice and consultation.",
            "Cette suspension complète des transferts vers " + other + " ne suit aucune notification d'étape NOTICE"
                + " adressée à " + other + " : l'art. 14.15 ne permet de suspendre qu'après un préavis raisonnable"
                + " et une consultation."),
        Text.of("Send a SuspensionNotice of step NOTICE (with consultation offered) first, or impose a provisional"
                + " suspension if there is an imminent risk.",
            "Envoyez d'abord une notification de suspension d'étape NOTICE (avec offre de consultation), ou une"
                + " suspension provisoire en cas de risque imminent.")));
  }

  /** Every suspension recorded with {@code other}, lifted ones included, oldest first. */
  public List<PairSuspension> with(PartyCode other) {
    return rows(" WHERE other_party = ?", other.code());
  }

  /** Every suspension recorded, lifted ones included, oldest first. */
  public List<PairSuspension> all() {
    return rows("", null);
  }

  private List<PairSuspension> rows(String where, String arg) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT notice_message_id, other_party, suspending_party, kind,"
          + " scope, effective_from, lifted_at, without_prior_notice FROM pair_suspension" + where
          + " ORDER BY effective_from, notice_message_id")) {
        if (arg != null) {
          ps.setString(1, arg);
        }
        List<PairSuspension> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long lifted = rs.getLong(7);
            Optional<Instant> liftedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lifted));
            String scope = rs.getString(5);
            PartyCode otherParty = PartyCode.of(rs.getString(2));
            PartyCode suspending = PartyCode.of(rs.getString(3));
            out.add(new PairSuspension(rs.getString(1), otherParty, suspending,
                SuspensionKind.valueOf(rs.getString(4)), scope.isEmpty() ? List.of()
                    : Arrays.stream(scope.split(",")).map(CooperationType::valueOf).toList(),
                Instant.ofEpochMilli(rs.getLong(6)), liftedAt, rs.getInt(8) == 1));
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

  /** Every recorded suspension in the one model the rules use (lifted ones end at their lifting). */
  public List<KnownSuspension> known() {
    return all().stream().map(s -> s.known(self)).toList();
  }
}
