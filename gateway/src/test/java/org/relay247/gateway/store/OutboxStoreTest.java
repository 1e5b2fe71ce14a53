package org.relay247.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;

/** The outbox state machine on a real database (SQLite, or PostgreSQL in the PostgreSQL run). */
class OutboxStoreTest {
  private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);
  @TempDir Path dir;
  Database db;
  OutboxStore outbox;

  @BeforeEach
  void open() throws Exception {
    db = TestNetwork.testDatabase(dir);
    outbox = new OutboxStore(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static OutboxEntry entry(String id, int rank, Instant created) {
    return OutboxEntry.pending(id, "DE/poc", "DE", rank, null, "PING", created, created.plusSeconds(60),
        new byte[] {1}, new byte[] {2});
  }

  @Test
  void pending_listsMostUrgentThenOldestFirst() {
    outbox.insert(entry("019ab54e-0000-7000-8000-000000000001", 3, T0));
    outbox.insert(entry("019ab54e-0000-7000-8000-000000000002", 1, T0.plusSeconds(5)));
    outbox.insert(entry("019ab54e-0000-7000-8000-000000000003", 3, T0.minusSeconds(5)));
    assertThat(outbox.pending()).extracting(OutboxEntry::messageId).containsExactly(
        "019ab54e-0000-7000-8000-000000000002", "019ab54e-0000-7000-8000-000000000003",
        "019ab54e-0000-7000-8000-000000000001");
    assertThat(outbox.pendingByParty()).containsEntry("DE", 3L);
  }

  @Test
  void completedEntry_leavesPending_andIgnoresLateFailuresAndASecondCompletion() {
    String id = "019ab54e-0000-7000-8000-000000000004";
    outbox.insert(entry(id, 1, T0));
    outbox.recordFailure(id, 1, T0.plusSeconds(1), "UNAVAILABLE: connection refused");
    java.util.concurrent.atomic.AtomicInteger audited = new java.util.concurrent.atomic.AtomicInteger();
    outbox.complete(id, OutboxEntry.State.DELIVERED, new byte[] {7}, "RECEIPT_STATUS_ACCEPTED", null, null,
        T0.plusSeconds(2), c -> audited.incrementAndGet());
    outbox.complete(id, OutboxEntry.State.REJECTED, new byte[] {8}, "RECEIPT_STATUS_REJECTED", "TREATY_RULE", "9.3",
        T0.plusSeconds(3), c -> audited.incrementAndGet());
    outbox.recordFailure(id, 2, T0.plusSeconds(3), "late");
    // The work joined to the completion (the audit entry) ran once, with the first completion.
    assertThat(audited).hasValue(1);
    OutboxEntry e = outbox.find(id).orElseThrow();
    assertThat(e.state()).isEqualTo(OutboxEntry.State.DELIVERED);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.lastError()).isEmpty();
    assertThat(e.receipt()).hasValueSatisfying(r -> assertThat(r).containsExactly(7));
    assertThat(outbox.pending()).isEmpty();
  }

  @Test
  void escalation_isMarkedOnce() {
    String id = "019ab54e-0000-7000-8000-000000000005";
    outbox.insert(entry(id, 1, T0));
    assertThat(outbox.markEscalated(id, T0.plusSeconds(61))).isTrue();
    assertThat(outbox.markEscalated(id, T0.plusSeconds(62))).isFalse();
  }
}
