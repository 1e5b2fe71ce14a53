package org.relay247.gateway.cases.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.relay247.gateway.cases.CaseEventView;
import org.relay247.gateway.cases.CaseView;
import org.relay247.gateway.cases.ConditionView;
import org.relay247.gateway.cases.FlagView;
import org.relay247.gateway.cases.ObligationView;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TimerView;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.TrackView;
import org.relay247.gateway.cases.UrgencyClass;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.StoreException;
import org.relay247.protocol.v1.ConditionKind;

/**
 * Cases, tracks, timeline, timers, conditions, obligations, flags and manifest items (V3__cases.sql).
 * Methods taking a {@link Connection} run inside the caller's transaction (the one that stores the
 * message); the others read or write on their own.
 */
public final class CaseStore {
  private static final String TRACK_COLUMNS = "track_id, case_id, kind, role, counterpart, state, opened_at,"
      + " updated_at, linked_track_id, facts, version";

  private final Database db;

  public CaseStore(Database db) {
    this.db = db;
  }

  public Database database() {
    return db;
  }

  // ---- in the caller's transaction

  public boolean caseExists(Connection c, String caseId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM case_file WHERE case_id = ?")) {
      ps.setString(1, caseId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Creates the case unless it exists; true when created. */
  public boolean createCase(Connection c, String caseId, Instant at) throws SQLException {
    if (caseExists(c, caseId)) {
      return false;
    }
    update(c, "INSERT INTO case_file (case_id, opened_at) VALUES (?, ?)", caseId, at.toEpochMilli());
    return true;
  }

  public Optional<TrackRow> track(Connection c, String trackId) throws SQLException {
    List<TrackRow> rows = tracks(c, "SELECT " + TRACK_COLUMNS + " FROM case_track WHERE track_id = ?", trackId);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** The track a message of the timeline belongs to (a reply may answer a reply). */
  public Optional<String> trackOfMessage(Connection c, String messageId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT track_id FROM case_event WHERE message_id = ? AND track_id IS NOT NULL ORDER BY seq")) {
      ps.setString(1, messageId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** Whether this message is already on the timeline (a redelivery changes nothing). */
  public boolean seen(Connection c, String messageId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM case_event WHERE message_id = ?")) {
      ps.setString(1, messageId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  public void insertTrack(Connection c, TrackRow t) throws SQLException {
    update(c, "INSERT INTO case_track (" + TRACK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
        t.trackId(), t.caseId(), t.kind().name(), t.role().name(), t.counterpart(), t.state().name(),
        t.openedAt().toEpochMilli(), t.updatedAt().toEpochMilli(), t.linkedTo().orElse(null), Facts.encode(t.facts()));
  }

  /**
   * Writes a track's new state and facts.
   *
   * @throws StoreException when another transaction changed the track since it was read
   */
  public void updateTrack(Connection c, TrackRow read, TrackState state, Map<String, String> facts, Instant at)
      throws SQLException {
    Map<String, String> merged = new LinkedHashMap<>(read.facts());
    merged.putAll(facts);
    int n = update(c, "UPDATE case_track SET state = ?, facts = ?, updated_at = ?, version = version + 1"
        + " WHERE track_id = ? AND version = ?", state.name(), Facts.encode(merged), at.toEpochMilli(),
        read.trackId(), read.version());
    if (n != 1) {
      throw new StoreException("track " + read.trackId() + " changed concurrently (retry)", null);
    }
  }

  /** The track's counterpart becomes {@code counterpart} (a referral to the competent authority). */
  public void setCounterpart(Connection c, String trackId, String counterpart) throws SQLException {
    update(c, "UPDATE case_track SET counterpart = ? WHERE track_id = ?", truncate(counterpart, 64), trackId);
  }

  public void event(Connection c, String caseId, String trackId, String messageId, Instant at, String event,
      String bodyType, TrackState before, TrackState after, String actor) throws SQLException {
    update(c, "INSERT INTO case_event (case_id, track_id, message_id, at, event, body_type, state_before,"
        + " state_after, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", caseId, trackId, messageId, at.toEpochMilli(),
        event, bodyType, before == null ? null : before.name(), after == null ? null : after.name(),
        actor.length() > 128 ? actor.substring(0, 128) : actor);
  }

  public void startTimer(Connection c, String caseId, String trackId, String name, UrgencyClass urgency,
      String article, Instant startedAt, Instant dueAt) throws SQLException {
    // A timer of the same name restarts: the earlier one is cancelled first.
    cancelTimers(c, trackId, name);
    update(c, "INSERT INTO case_timer (case_id, track_id, name, urgency, article, started_at, due_at, status)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, 'ACTIVE')", caseId, trackId, name, urgency.name(), article,
        startedAt.toEpochMilli(), dueAt.toEpochMilli());
  }

  /** Cancels the track's active timer {@code name}, or all of them for "*". */
  public void cancelTimers(Connection c, String trackId, String name) throws SQLException {
    if (name.equals("*")) {
      update(c, "UPDATE case_timer SET status = 'CANCELLED' WHERE track_id = ? AND status = 'ACTIVE'", trackId);
    } else {
      update(c, "UPDATE case_timer SET status = 'CANCELLED' WHERE track_id = ? AND name = ? AND status = 'ACTIVE'",
          trackId, name);
    }
  }

  /** Marks an active timer fired; false when it was no longer active (cancelled, or fired by another member). */
  public boolean fire(Connection c, long timerId) throws SQLException {
    return update(c, "UPDATE case_timer SET status = 'FIRED' WHERE id = ? AND status = 'ACTIVE'", timerId) == 1;
  }

  public void imposeCondition(Connection c, String caseId, ConditionView v) throws SQLException {
    update(c, "INSERT INTO case_condition (track_id, determination_id, condition_id, case_id, kind, text, article,"
        + " status, destination) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", v.trackId(), v.determinationMessageId(),
        v.conditionId(), caseId, v.kind().name(), truncate(v.text(), 2000), truncate(v.article(), 16), v.status().name(),
        v.onwardTransfer() ? truncate(v.destination(), 128) : null);
  }

  /** Replaces the text of every condition of the case by {@code marker} (Art. 14.5 purge); kind and status stay. */
  public void replaceConditionTexts(Connection c, String caseId, String marker) throws SQLException {
    update(c, "UPDATE case_condition SET text = ? WHERE case_id = ?", marker, caseId);
  }

  /** Sets the status of the track's pending (IMPOSED) condition {@code conditionId}. */
  public void answerCondition(Connection c, String trackId, String conditionId, ConditionView.Status status)
      throws SQLException {
    update(c, "UPDATE case_condition SET status = ? WHERE track_id = ? AND condition_id = ? AND status = 'IMPOSED'",
        status.name(), trackId, conditionId);
  }

  public List<ConditionView> conditionsOfTrack(Connection c, String trackId) throws SQLException {
    return conditions(c, "SELECT track_id, determination_id, condition_id, kind, text, article, status, destination"
        + " FROM case_condition WHERE track_id = ? ORDER BY determination_id, condition_id", trackId);
  }

  public void openObligation(Connection c, String caseId, String trackId, ObligationView.Kind kind, Role owedBy,
      String article, Instant at) throws SQLException {
    update(c, "INSERT INTO case_obligation (case_id, track_id, kind, owed_by, article, opened_at)"
        + " VALUES (?, ?, ?, ?, ?, ?)", caseId, trackId, kind.name(), owedBy.name(), article, at.toEpochMilli());
  }

  public void closeObligations(Connection c, String trackId, ObligationView.Kind kind, String messageId, Instant at)
      throws SQLException {
    update(c, "UPDATE case_obligation SET closed_by = ?, closed_at = ? WHERE track_id = ? AND kind = ?"
        + " AND closed_by IS NULL", messageId, at.toEpochMilli(), trackId, kind.name());
  }

  public void flag(Connection c, String caseId, String trackId, String messageId, String code, String detail,
      Instant at) throws SQLException {
    update(c, "INSERT INTO case_flag (case_id, track_id, message_id, code, detail, raised_at) VALUES (?, ?, ?, ?, ?, ?)",
        caseId, trackId, messageId, code, truncate(detail, 1000), at.toEpochMilli());
  }

  public void manifestItem(Connection c, String trackId, String manifestId, String itemId, String copyKind,
      String sha256Hex) throws SQLException {
    update(c, "INSERT INTO case_manifest_item (manifest_id, item_id, track_id, copy_kind, sha256_hex)"
        + " VALUES (?, ?, ?, ?, ?)", manifestId, truncate(itemId, 128), trackId, copyKind, sha256Hex);
  }

  /** Item ids of manifest {@code manifestId} on track {@code trackId}; empty when it is no manifest of the track. */
  public List<String> manifestItemIds(Connection c, String trackId, String manifestId) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT item_id FROM case_manifest_item"
        + " WHERE track_id = ? AND manifest_id = ? ORDER BY item_id")) {
      ps.setString(1, trackId);
      ps.setString(2, manifestId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /** Item id to SHA-256 (hex) of the preliminary copies of a track; the latest copy of an item wins. */
  public Map<String, String> preliminaryHashes(Connection c, String trackId) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT item_id, sha256_hex FROM case_manifest_item"
        + " WHERE track_id = ? AND copy_kind = 'PRELIMINARY' ORDER BY manifest_id")) {
      ps.setString(1, trackId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  // ---- reads on their own

  /** Active timers due at or before {@code now}, earliest first. */
  public List<TimerView> dueTimers(Instant now, int limit) {
    return db.read(c -> timers(c, "SELECT id, track_id, name, urgency, article, started_at, due_at, status"
        + " FROM case_timer WHERE status = 'ACTIVE' AND due_at <= ? ORDER BY due_at, id LIMIT " + limit,
        now.toEpochMilli()));
  }

  /** The facts of a track (investigation reference, dates), empty when there is no such track. */
  public Map<String, String> trackFacts(String trackId) {
    return db.read(c -> track(c, trackId).map(TrackRow::facts).orElse(Map.of()));
  }

  public Optional<CaseView> find(String caseId) {
    return db.read(c -> {
      Long opened = null;
      try (PreparedStatement ps = c.prepareStatement("SELECT opened_at FROM case_file WHERE case_id = ?")) {
        ps.setString(1, caseId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            opened = rs.getLong(1);
          }
        }
      }
      if (opened == null) {
        return Optional.empty();
      }
      List<TrackView> tracks = new ArrayList<>();
      for (TrackRow t : tracks(c, "SELECT " + TRACK_COLUMNS + " FROM case_track WHERE case_id = ?"
          + " ORDER BY opened_at, track_id", caseId)) {
        tracks.add(new TrackView(t.trackId(), t.kind(), t.counterpart(), t.role(), t.state(), t.openedAt(),
            t.updatedAt(), t.linkedTo()));
      }
      return Optional.of(new CaseView(caseId, Instant.ofEpochMilli(opened), tracks,
          timers(c, "SELECT id, track_id, name, urgency, article, started_at, due_at, status FROM case_timer"
              + " WHERE case_id = ? ORDER BY id", caseId),
          obligations(c, caseId),
          conditions(c, "SELECT track_id, determination_id, condition_id, kind, text, article, status, destination"
              + " FROM case_condition WHERE case_id = ? ORDER BY track_id, determination_id, condition_id", caseId),
          flags(c, caseId)));
    });
  }

  /** Case ids, most recently opened first. */
  public List<String> recentCaseIds(int limit) {
    return db.read(c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT case_id FROM case_file ORDER BY opened_at DESC, case_id"
          + " LIMIT " + Math.max(1, limit)); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  public List<CaseEventView> timeline(String caseId) {
    return db.read(c -> {
      List<CaseEventView> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT seq, at, track_id, message_id, event, body_type,"
          + " state_before, state_after, actor FROM case_event WHERE case_id = ? ORDER BY seq")) {
        ps.setString(1, caseId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new CaseEventView(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)),
                Optional.ofNullable(rs.getString(3)), Optional.ofNullable(rs.getString(4)), rs.getString(5),
                rs.getString(6), Optional.ofNullable(rs.getString(7)).map(TrackState::valueOf),
                Optional.ofNullable(rs.getString(8)).map(TrackState::valueOf), rs.getString(9)));
          }
        }
      }
      return out;
    });
  }

  private List<TrackRow> tracks(Connection c, String sql, Object... args) throws SQLException {
    List<TrackRow> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new TrackRow(rs.getString(1), rs.getString(2), TrackKind.valueOf(rs.getString(3)),
              Role.valueOf(rs.getString(4)), rs.getString(5), TrackState.valueOf(rs.getString(6)),
              Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)),
              Optional.ofNullable(rs.getString(9)), Facts.decode(rs.getString(10)), rs.getInt(11)));
        }
      }
    }
    return out;
  }

  private static List<TimerView> timers(Connection c, String sql, Object... args) throws SQLException {
    List<TimerView> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new TimerView(rs.getLong(1), rs.getString(2), rs.getString(3), UrgencyClass.valueOf(rs.getString(4)),
              rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)),
              TimerView.Status.valueOf(rs.getString(8))));
        }
      }
    }
    return out;
  }

  private static List<ConditionView> conditions(Connection c, String sql, Object... args) throws SQLException {
    List<ConditionView> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new ConditionView(rs.getString(1), rs.getString(2), rs.getString(3),
              ConditionKind.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
              ConditionView.Status.valueOf(rs.getString(7)), rs.getString(8)));
        }
      }
    }
    return out;
  }

  private static List<ObligationView> obligations(Connection c, String caseId) throws SQLException {
    List<ObligationView> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, track_id, kind, owed_by, article, opened_at, closed_by,"
        + " closed_at FROM case_obligation WHERE case_id = ? ORDER BY id")) {
      ps.setString(1, caseId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long closedAt = rs.getLong(8);
          boolean open = rs.wasNull();
          out.add(new ObligationView(rs.getLong(1), rs.getString(2), ObligationView.Kind.valueOf(rs.getString(3)),
              Role.valueOf(rs.getString(4)), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)),
              Optional.ofNullable(rs.getString(7)), open ? Optional.empty() : Optional.of(Instant.ofEpochMilli(closedAt))));
        }
      }
    }
    return out;
  }

  private static List<FlagView> flags(Connection c, String caseId) throws SQLException {
    List<FlagView> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT track_id, message_id, code, detail, raised_at FROM case_flag"
        + " WHERE case_id = ? ORDER BY id")) {
      ps.setString(1, caseId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new FlagView(nullToEmpty(rs.getString(1)), nullToEmpty(rs.getString(2)), rs.getString(3),
              rs.getString(4), Instant.ofEpochMilli(rs.getLong(5))));
        }
      }
    }
    return out;
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    }
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
