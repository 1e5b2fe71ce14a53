package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.node.ProtectionMessages.resultsFor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.protection.RetentionWorker;
import org.relay247.pki.PartyCode;
import org.relay247.pki.TestClock;
import org.relay247.protocol.v1.InnerMessage;

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
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    net.writeConfig(new PartyCode("FR"), "protection { retention-days = 10 }");
    TestClock clock = TestClock.stoppedAt(Instant.now());
    try (GatewayNode fr = GatewayNode.start(net.config(new PartyCode("FR")), clock); GatewayNode de = net.start("DE")) {
      InnerMessage data = de.outbox().submit(resultsFor(fr, de));
      String caseId = data.getRouting().getCaseId();
      Awaits.received(fr, data.getRouting().getMessageId());
      RetentionWorker worker = fr.protection().retentionWorker();

      assertThat(worker.runOnce().flagged()).isEmpty();
      clock.advance(Duration.ofDays(11));
      assertThat(worker.runOnce().flagged()).containsExactly(caseId);
      assertThat(fr.escalations().recent(10)).filteredOn(e -> e.kind().equals(RetentionWorker.ESCALATION))
          .singleElement().satisfies(e -> assertThat(e.detail()).contains(caseId).contains("10 days"));
      assertThat(worker.runOnce().flagged()).isEmpty();
      assertThat(fr.inbox().find(data.getRouting().getMessageId()).orElseThrow().innerMessage()).isNotEmpty();

      fr.protection().retention().set(caseId, 30, "dpo");
      assertThat(worker.runOnce().flagged()).isEmpty();
      clock.advance(Duration.ofDays(20));
      assertThat(worker.runOnce().flagged()).containsExactly(caseId);
      assertThat(fr.audit().entries(caseId)).filteredOn(e -> e.action().equals("RETENTION_REVIEWED")).hasSize(3);
    }
  }

  @Test
  void elapsedCase_isPurgedWithProof_whenConfiguredToPurge() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    net.writeConfig(new PartyCode("FR"), "protection { retention-days = 10, on-expiry = purge }");
    TestClock clock = TestClock.stoppedAt(Instant.now());
    try (GatewayNode fr = GatewayNode.start(net.config(new PartyCode("FR")), clock); GatewayNode de = net.start("DE")) {
      InnerMessage data = de.outbox().submit(resultsFor(fr, de));
      String caseId = data.getRouting().getCaseId();
      Awaits.received(fr, data.getRouting().getMessageId());

      clock.advance(Duration.ofDays(11));
      assertThat(fr.protection().retentionWorker().runOnce().purged()).containsExactly(caseId);
      assertThat(fr.inbox().find(data.getRouting().getMessageId()).orElseThrow().innerMessage()).isEmpty();
      assertThat(fr.protection().purger().proofs(caseId)).hasSize(1);
      assertThat(fr.protection().retention().status(caseId).purgedAt()).isPresent();
      assertThat(fr.protection().retentionWorker().runOnce().purged()).isEmpty();
    }
  }
}
