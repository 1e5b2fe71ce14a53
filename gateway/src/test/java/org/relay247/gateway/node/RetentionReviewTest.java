package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.protection.ProtectionSettings.OnExpiry;
import org.relay247.gateway.protection.RetentionWorker;

/**
 * The Art. 14.5 review on FR's node, whose clock the test moves: a case received from DE becomes
 * due when its retention elapses; with on-expiry = flag it is flagged once (escalation and audit
 * entry), a longer period set by an operator takes it off the list, and with on-expiry = purge the
 * worker purges it with a proof.
 */
class RetentionReviewTest {
  @TempDir Path dir;

  @Test
  void elapsedCase_isFlaggedOnce_andALongerPeriodTakesItOff() throws Exception {
    try (RetainedCase held = RetainedCase.received(dir, OnExpiry.FLAG)) {
      GatewayNode fr = held.fr();
      String caseId = held.caseId();
      RetentionWorker worker = fr.protection().retentionWorker();

      assertThat(worker.runOnce().flagged()).isEmpty();
      held.elapse();
      assertThat(worker.runOnce().flagged()).containsExactly(caseId);
      assertThat(fr.escalations().recent(10)).filteredOn(e -> e.kind().equals(RetentionWorker.ESCALATION))
          .singleElement().satisfies(e -> assertThat(e.detail()).contains(caseId).contains("10 days"));
      assertThat(worker.runOnce().flagged()).isEmpty();
      assertThat(fr.inbox().find(held.messageId()).orElseThrow().innerMessage()).isNotEmpty();

      fr.protection().retention().set(caseId, 30, "dpo");
      assertThat(worker.runOnce().flagged()).isEmpty();
      held.clock().advance(Duration.ofDays(20));
      assertThat(worker.runOnce().flagged()).containsExactly(caseId);
      assertThat(fr.audit().entries(caseId)).filteredOn(e -> e.action().equals("RETENTION_REVIEWED")).hasSize(3);
    }
  }

  @Test
  void elapsedCase_isPurgedWithProof_whenConfiguredToPurge() throws Exception {
    try (RetainedCase held = RetainedCase.received(dir, OnExpiry.PURGE)) {
      GatewayNode fr = held.fr();
      String caseId = held.caseId();

      held.elapse();
      assertThat(fr.protection().retentionWorker().runOnce().purged()).containsExactly(caseId);
      assertThat(fr.inbox().find(held.messageId()).orElseThrow().innerMessage()).isEmpty();
      assertThat(fr.protection().purger().proofs(caseId)).hasSize(1);
      assertThat(fr.protection().retention().status(caseId).purgedAt()).isPresent();
      assertThat(fr.protection().retentionWorker().runOnce().purged()).isEmpty();
    }
  }
}
