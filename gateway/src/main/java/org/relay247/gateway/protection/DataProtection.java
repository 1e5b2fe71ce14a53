package org.relay247.gateway.protection;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.cases.CaseService;
import org.relay247.gateway.cluster.FencedOut;
import org.relay247.gateway.delivery.OutboxService;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.EscalationStore;
import org.relay247.gateway.store.Fence;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.seal.SigningKey;
import org.relay247.protocol.v1.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's Art. 14 data-protection controls as case operations (docs/data-protection.md):
 * retention and purge with proof (14.5), incident notification (14.7.b-c), onward-transfer
 * authorisation before export (14.10), personal-notice restrictions (14.11.c) and suspensions per
 * pair (14.15). The controls on the message paths are a pipeline step ({@link ProtectionStep}),
 * built before the paths; {@link #start} adds the case operations over the same state and starts
 * the retention review; {@link #close} stops it.
 */
public final class DataProtection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DataProtection.class);

  private final ProtectionSettings settings;
  private final Suspensions suspensions;
  private final OnwardTransfers transfers;
  private final PersonalNotices notices;
  private final Retention retention;
  private final CasePurger purger;
  private final CaseExports exports;
  private final IncidentNotifier incidents;
  private final RetentionWorker worker;
  private final CaseMessages messages;
  private ScheduledExecutorService schedule;

  private DataProtection(ProtectionSettings settings, ProtectionStep step, PartyCode self, Database db,
      AuditLog audit, EscalationStore escalations, OutboxService outbox, CaseService cases,
      Supplier<SigningKey> signing, Supplier<Directory> directory, Clock clock) {
    this.settings = settings;
    messages = new CaseMessages(db);
    suspensions = step.suspensions();
    transfers = step.transfers();
    notices = step.notices();
    retention = new Retention(db, audit, clock, settings.retentionDays());
    purger = new CasePurger(db, audit, clock, self, signing, retention, cases);
    TransferringAuthorities authorities = new TransferringAuthorities(directory);
    exports = new CaseExports(messages, transfers, authorities, cases, audit, clock);
    incidents = new IncidentNotifier(messages, authorities, outbox, audit, clock);
    worker = new RetentionWorker(retention, purger, messages, escalations, db, audit, clock, settings.onExpiry());
  }

  /**
   * Builds the case operations over the state of {@code step} (the step already in the node's
   * pipeline) and schedules the retention review every {@link ProtectionSettings#reviewInterval()}
   * (first run after one interval) whenever {@code retentionFence} gives the fence of its writes:
   * on a single node always ({@link Fence#NONE}), in a cluster while this member holds the retention
   * lease (the fence checks that lease's epoch). Empty when this member must not review.
   */
  public static DataProtection start(ProtectionSettings settings, ProtectionStep step, PartyCode self, Database db,
      AuditLog audit, EscalationStore escalations, OutboxService outbox, CaseService cases,
      Supplier<SigningKey> signing, Supplier<Directory> directory, Clock clock,
      Supplier<Optional<Fence>> retentionFence) {
    Objects.requireNonNull(settings, "settings");
    DataProtection p = new DataProtection(settings, step, self, db, audit, escalations, outbox, cases, signing,
        directory, clock);
    p.schedule = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "relay247-retention");
      t.setDaemon(true);
      return t;
    });
    long every = settings.reviewInterval().toMillis();
    p.schedule.scheduleWithFixedDelay(() -> retentionFence.get().ifPresent(p::review), every, every,
        TimeUnit.MILLISECONDS);
    return p;
  }

  private void review(Fence fence) {
    try {
      RetentionWorker.Run run = worker.runOnce(fence);
      if (!run.flagged().isEmpty() || !run.purged().isEmpty()) {
        LOG.atInfo().addKeyValue("flagged", run.flagged().size()).addKeyValue("purged", run.purged().size())
            .log("retention review");
      }
    } catch (FencedOut e) {
      LOG.info("cluster: retention review stopped, its lease was taken over: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("retention review failed, retrying at the next interval: {}", e.toString());
    }
  }

  public ProtectionSettings settings() {
    return settings;
  }

  /** Art. 14.5: periods per case. */
  public Retention retention() {
    return retention;
  }

  /** Art. 14.5: purge with signed proof. */
  public CasePurger purger() {
    return purger;
  }

  /** Art. 14.5: the periodic review (the node runs it on its schedule; tests call it directly). */
  public RetentionWorker retentionWorker() {
    return worker;
  }

  /** Art. 14.10: export after authorisation. */
  public CaseExports exports() {
    return exports;
  }

  /** Art. 14.7.b-c: incident notifications. */
  public IncidentNotifier incidents() {
    return incidents;
  }

  /** Art. 14.15: suspensions per pair. */
  public Suspensions suspensions() {
    return suspensions;
  }

  /** Art. 14.11.c: personal-notice restrictions per case. */
  public PersonalNotices personalNotices() {
    return notices;
  }

  @Override
  public void close() {
    if (schedule != null) {
      schedule.shutdownNow();
    }
  }
}
