package org.relay247.gateway.metrics;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.PairStats;

/**
 * Delivery per country pair (this Party to each recipient Party), from the store so it survives
 * restarts: time to receipt (submission to verified receipt), time to first answer (submission to
 * the first message received that replies to it; opened notices are not answers), and failures.
 */
public final class PairStatistics {
  private static final String OPENED = InnerMessage.BodyCase.OPENED_NOTICE.name();

  private final Database db;
  private final String self;
  private final java.time.Clock clock;

  public PairStatistics(Database db, String self, java.time.Clock clock) {
    this.db = db;
    this.self = self;
    this.clock = clock;
  }

  /** The start of the default period: 30 days ago. */
  public Instant defaultSince() {
    return clock.instant().minus(Duration.ofDays(30));
  }

  /** One row per recipient Party of the messages submitted at or after {@code since}, by Party code. */
  public List<PairStats> since(Instant since) {
    Map<String, Accumulator> pairs = new TreeMap<>();
    db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT recipient_party, state, attempts, escalated_at,"
          + " created_at, completed_at FROM outbox WHERE created_at >= ?")) {
        ps.setLong(1, since.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Accumulator a = pairs.computeIfAbsent(rs.getString(1), p -> new Accumulator());
            a.sent++;
            switch (rs.getString(2)) {
              case "DELIVERED" -> a.delivered++;
              case "REJECTED" -> a.rejected++;
              default -> a.pending++;
            }
            a.failedAttempts += rs.getInt(3);
            rs.getLong(4);
            if (!rs.wasNull()) {
              a.overdue++;
            }
            long completed = rs.getLong(6);
            if (!rs.wasNull()) {
              a.receipts.add(completed - rs.getLong(5));
            }
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT o.recipient_party, o.created_at, MIN(i.received_at)"
          + " FROM outbox o JOIN inbox i ON i.reply_to_id = o.message_id WHERE o.created_at >= ?"
          + " AND i.body_case <> ? GROUP BY o.message_id, o.recipient_party, o.created_at")) {
        ps.setLong(1, since.toEpochMilli());
        ps.setString(2, OPENED);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            pairs.computeIfAbsent(rs.getString(1), p -> new Accumulator()).answers.add(rs.getLong(3) - rs.getLong(2));
          }
        }
      }
      return null;
    });
    List<PairStats> out = new ArrayList<>();
    pairs.forEach((to, a) -> out.add(a.toProto(self, to)));
    return out;
  }

  /**
   * If {@code received} (as stored, with its {@code seq}) is the first answer to a message this
   * node sent, the time from that message's submission to this answer's arrival. The first is the
   * one the store took first; on SQLite (one writer) exactly one answer is the first, on
   * PostgreSQL two committed at the same instant may both count.
   */
  public Optional<FirstAnswer> firstAnswer(InboxEntry received) {
    if (received.replyToId() == null || OPENED.equals(received.bodyCase())) {
      return Optional.empty();
    }
    return db.read(c -> {
      long created;
      String to;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT created_at, recipient_party FROM outbox WHERE message_id = ?")) {
        ps.setString(1, received.replyToId());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          created = rs.getLong(1);
          to = rs.getString(2);
        }
      }
      // Earlier by the store's order, not by received_at: two answers stored in the same
      // millisecond would each see the other as earlier and neither would count as the first.
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM inbox WHERE reply_to_id = ?"
          + " AND body_case <> ? AND seq < ?")) {
        ps.setString(1, received.replyToId());
        ps.setString(2, OPENED);
        ps.setLong(3, received.seq());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getLong(1) > 0) {
            return Optional.empty();
          }
        }
      }
      return Optional.of(new FirstAnswer(to, Duration.ofMillis(received.receivedAt().toEpochMilli() - created)));
    });
  }

  /** The first answer from Party {@code to} to a message this node sent, after {@code time}. */
  public record FirstAnswer(String to, Duration time) {}

  private static final class Accumulator {
    long sent;
    long delivered;
    long rejected;
    long pending;
    long failedAttempts;
    long overdue;
    final List<Long> receipts = new ArrayList<>();
    final List<Long> answers = new ArrayList<>();

    PairStats toProto(String from, String to) {
      receipts.sort(null);
      answers.sort(null);
      return PairStats.newBuilder().setFrom(from).setTo(to).setSent(sent).setDelivered(delivered)
          .setRejected(rejected).setPending(pending).setFailedAttempts(failedAttempts).setOverdue(overdue)
          .setReceiptP50Ms(percentile(receipts, 50)).setReceiptP95Ms(percentile(receipts, 95))
          .setReceiptMaxMs(receipts.isEmpty() ? 0 : Math.max(0, receipts.get(receipts.size() - 1)))
          .setAnswered(answers.size()).setAnswerP50Ms(percentile(answers, 50))
          .setAnswerP95Ms(percentile(answers, 95)).build();
    }

    /** Nearest-rank percentile of sorted values (0 when empty). */
    private static long percentile(List<Long> sorted, int p) {
      if (sorted.isEmpty()) {
        return 0;
      }
      int rank = (int) Math.ceil(p / 100.0 * sorted.size());
      return Math.max(0, sorted.get(Math.max(0, rank - 1)));
    }
  }
}
