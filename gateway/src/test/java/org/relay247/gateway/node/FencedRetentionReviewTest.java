package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relay247.gateway.node.ProtectionMessages.resultsFor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.cluster.FencedOut;
import org.relay247.gateway.cluster.Lease;
import org.relay247.gateway.cluster.LeaseStore;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.protection.RetentionWorker;
import org.relay247.pki.PartyCode;
import org.relay247.pki.TestClock;
import org.relay247.protocol.v1.InnerMessage;

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
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    net.writeConfig(new PartyCode("FR"), "protection { retention-days = 10 }");
    TestClock clock = TestClock.stoppedAt(Instant.now());
    try (GatewayNode fr = GatewayNode.start(net.config(new PartyCode("FR")), clock); GatewayNode de = net.start("DE")) {
      InnerMessage data = de.outbox().submit(resultsFor(fr, de));
      String caseId = data.getRouting().getCaseId();
      Awaits.received(fr, data.getRouting().getMessageId());
      clock.advance(Duration.ofDays(11));
      LeaseStore leases = new LeaseStore(fr.database(), clock);
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
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    net.writeConfig(new PartyCode("FR"), "protection { retention-days = 10, on-expiry = purge }");
    TestClock clock = TestClock.stoppedAt(Instant.now());
    try (GatewayNode fr = GatewayNode.start(net.config(new PartyCode("FR")), clock); GatewayNode de = net.start("DE")) {
      InnerMessage data = de.outbox().submit(resultsFor(fr, de));
      String caseId = data.getRouting().getCaseId();
      Awaits.received(fr, data.getRouting().getMessageId());
      clock.advance(Duration.ofDays(11));
      LeaseStore leases = new LeaseStore(fr.database(), clock);
      Lease old = leases.acquire("retention", "fr-1/run-a", TTL).orElseThrow();
      leases.release(old);

      assertThatThrownBy(() -> fr.protection().retentionWorker().runOnce(leases.fence(old)))
          .isInstanceOf(FencedOut.class).hasMessageContaining("released");
      assertThat(fr.inbox().find(data.getRouting().getMessageId()).orElseThrow().innerMessage()).isNotEmpty();
      assertThat(fr.protection().purger().proofs(caseId)).isEmpty();
      assertThat(fr.protection().retention().status(caseId).purgedAt()).isEmpty();

      Lease current = leases.acquire("retention", "fr-2/run-a", TTL).orElseThrow();
      assertThat(fr.protection().retentionWorker().runOnce(leases.fence(current)).purged()).containsExactly(caseId);
      assertThat(fr.protection().purger().proofs(caseId)).hasSize(1);
    }
  }
}
