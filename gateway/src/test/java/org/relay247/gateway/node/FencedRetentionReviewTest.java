package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.cluster.FencedOut;
import org.relay247.gateway.cluster.Lease;
import org.relay247.gateway.cluster.LeaseStore;
import org.relay247.gateway.protection.ProtectionSettings.OnExpiry;
import org.relay247.gateway.protection.RetentionWorker;

/**
 * The Art. 14.5 review as cluster work: run under a {@code retention} lease that another member has
 * since taken over, its flag and its purge are refused by the fence and write nothing (no flag,
 * audit entry or escalation; the content stays); under the current lease they go through. FR's
 * node with a clock the test moves, on its real database.
 */
class FencedRetentionReviewTest {
  private static final Duration TTL = Duration.ofSeconds(3);
  @TempDir Path dir;

  @Test
  void flagUnderATakenOverRetentionLease_isRefused_andWritesNothing() throws Exception {
    try (RetainedCase held = RetainedCase.received(dir, OnExpiry.FLAG)) {
      GatewayNode fr = held.fr();
      String caseId = held.caseId();
      held.elapse();
      LeaseStore leases = new LeaseStore(fr.database(), held.clock());
      Lease old = leases.acquire("retention", "fr-1/run-a", TTL).orElseThrow();
      Lease current = leases.takeOver("retention", "fr-2/run-a", "fr-1/run-a", TTL).orElseThrow();
      RetentionWorker worker = fr.protection().retentionWorker();

      assertThatThrownBy(() -> worker.runOnce(leases.fence(old))).isInstanceOf(FencedOut.class)
          .hasMessageContaining("lease retention: epoch 1 of fr-1/run-a is over (now epoch 2 of fr-2/run-a)");
      assertThat(fr.protection().retention().status(caseId).reviewFlaggedAt()).isEmpty();
      assertThat(fr.escalations().recent(10)).noneMatch(e -> e.kind().equals(RetentionWorker.ESCALATION));
      assertThat(fr.audit().entries(caseId)).noneMatch(e -> e.action().equals("RETENTION_REVIEWED"));

      assertThat(worker.runOnce(leases.fence(current)).flagged()).containsExactly(caseId);
      assertThat(fr.protection().retention().status(caseId).reviewFlaggedAt()).isPresent();
      assertThat(fr.escalations().recent(10)).filteredOn(e -> e.kind().equals(RetentionWorker.ESCALATION)).hasSize(1);
    }
  }

  @Test
  void purgeUnderATakenOverRetentionLease_isRefused_andTheContentStays() throws Exception {
    try (RetainedCase held = RetainedCase.received(dir, OnExpiry.PURGE)) {
      GatewayNode fr = held.fr();
      String caseId = held.caseId();
      held.elapse();
      LeaseStore leases = new LeaseStore(fr.database(), held.clock());
      Lease old = leases.acquire("retention", "fr-1/run-a", TTL).orElseThrow();
      leases.release(old);

      assertThatThrownBy(() -> fr.protection().retentionWorker().runOnce(leases.fence(old)))
          .isInstanceOf(FencedOut.class).hasMessageContaining("released");
      assertThat(fr.inbox().find(held.messageId()).orElseThrow().innerMessage()).isNotEmpty();
      assertThat(fr.protection().purger().proofs(caseId)).isEmpty();
      assertThat(fr.protection().retention().status(caseId).purgedAt()).isEmpty();

      Lease current = leases.acquire("retention", "fr-2/run-a", TTL).orElseThrow();
      assertThat(fr.protection().retentionWorker().runOnce(leases.fence(current)).purged()).containsExactly(caseId);
      assertThat(fr.protection().purger().proofs(caseId)).hasSize(1);
    }
  }
}
