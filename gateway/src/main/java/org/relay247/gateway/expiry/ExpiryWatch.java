package org.relay247.gateway.expiry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.relay247.gateway.events.NodeEvents;
import org.relay247.gateway.metrics.NodeMetrics;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.EscalationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches everything the node relies on that runs out (an {@link ExpiryInventory}): publishes the
 * time left of each as the gauge {@code relay247_expiry_remaining_seconds{item,kind}}, and raises
 * an escalation {@code EXPIRY_WARNING} / {@code EXPIRY_CRITICAL} the first time an item enters
 * each level (once per item, notAfter and level, across restarts). The node runs {@link #run}
 * every {@code expiry.check-interval}; {@code relay247 node check} uses {@link #evaluate} alone.
 */
public final class ExpiryWatch implements Runnable {
  public static final String WARNING_KIND = "EXPIRY_WARNING";
  public static final String CRITICAL_KIND = "EXPIRY_CRITICAL";
  private static final Logger LOG = LoggerFactory.getLogger(ExpiryWatch.class);

  private final Supplier<List<ExpiryItem>> inventory;
  private final ExpirySettings settings;
  private final Clock clock;
  private final NodeMetrics metrics;
  private final Database database;
  private final EscalationStore escalations;
  private final NodeEvents events;

  public ExpiryWatch(Supplier<List<ExpiryItem>> inventory, ExpirySettings settings, Clock clock, NodeMetrics metrics,
      Database database, EscalationStore escalations, NodeEvents events) {
    this.inventory = inventory;
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
    this.database = database;
    this.escalations = escalations;
    this.events = events;
  }

  /** Each item's time left and level at {@code now}, the soonest to run out first. */
  public static List<ExpiryStatus> evaluate(List<ExpiryItem> items, ExpirySettings settings, Instant now) {
    List<ExpiryStatus> out = new ArrayList<>();
    for (ExpiryItem item : items) {
      Duration left = Duration.between(now, item.notAfter());
      out.add(new ExpiryStatus(item, left, settings.level(item, left)));
    }
    out.sort(Comparator.comparing(ExpiryStatus::left).thenComparing(s -> s.item().id()));
    return out;
  }

  @Override
  public void run() {
    try {
      check();
    } catch (RuntimeException e) {
      // The next run tries again; a failed check must not stop the schedule.
      LOG.warn("expiry check failed: {}", e.toString());
    }
  }

  /** Evaluates now, updates the gauges, raises the escalations not raised yet; returns the statuses. */
  public List<ExpiryStatus> check() {
    List<ExpiryStatus> statuses = evaluate(inventory.get(), settings, clock.instant());
    metrics.expiry(statuses.stream().map(s -> new NodeMetrics.Remaining(s.item().id(), s.item().kind(), s.left()))
        .toList());
    for (ExpiryStatus s : statuses) {
      Optional<EscalationStore.Escalation> raised = s.level() == ExpiryLevel.OK ? Optional.empty() : raiseOnce(s);
      if (raised.isPresent()) {
        metrics.escalation(raised.get().kind());
        events.publishEscalation(raised.get());
        LOG.atWarn().addKeyValue("item", s.item().id()).addKeyValue("notAfter", s.item().notAfter())
            .addKeyValue("level", s.level()).log("expiry {}", s.leftInWords());
      }
    }
    return statuses;
  }

  private Optional<EscalationStore.Escalation> raiseOnce(ExpiryStatus s) {
    return database.inTransaction(c -> {
      if (alreadyRaised(c, s)) {
        return Optional.<EscalationStore.Escalation>empty();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO expiry_alert (item, not_after, level, raised_at) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, s.item().id());
        ps.setLong(2, s.item().notAfter().toEpochMilli());
        ps.setString(3, s.level().name());
        ps.setLong(4, clock.millis());
        ps.executeUpdate();
      }
      String itemRef = s.item().id().length() <= 36 ? s.item().id() : s.item().id().substring(0, 36);
      return Optional.of(escalations.raise(c, itemRef, s.level() == ExpiryLevel.CRITICAL ? CRITICAL_KIND : WARNING_KIND,
          clock.instant(), detail(s)));
    });
  }

  private static boolean alreadyRaised(Connection c, ExpiryStatus s) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM expiry_alert WHERE item = ? AND not_after = ? AND level = ?")) {
      ps.setString(1, s.item().id());
      ps.setLong(2, s.item().notAfter().toEpochMilli());
      ps.setString(3, s.level().name());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The escalation's plain explanation: what, when, and what to do. */
  static String detail(ExpiryStatus s) {
    String what = switch (s.item().kind()) {
      case "crl" -> "the " + s.item().subject() + " is current until";
      case "directory" -> "the directory signer (" + s.item().subject() + ") expires";
      case "peer" -> "peer certificate " + s.item().id().substring("peer/".length()) + " (" + s.item().subject()
          + ") expires";
      default -> s.item().id() + " (" + s.item().subject() + ") expires";
    };
    String todo = switch (s.item().kind()) {
      case "crl" -> "its CA must publish a fresh CRL ('relay247 pki crl')";
      case "certificate" -> "renew it ('relay247 pki renew') and announce it in a new directory version";
      case "ca" -> "the CA must be re-issued and the directory updated";
      case "directory" -> "the directory signer must be re-issued by the root";
      default -> "its Party must renew it and announce it in a new directory version";
    };
    return s.level() + ": " + what + " " + s.item().notAfter() + " (" + s.leftInWords() + "); " + todo;
  }
}
