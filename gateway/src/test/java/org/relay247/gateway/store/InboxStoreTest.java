package org.relay247.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;

/** The inbox on a real database (SQLite, or PostgreSQL in the PostgreSQL run). */
public class InboxStoreTest {
  @TempDir Path dir;
  Database db;
  InboxStore inbox;

  @BeforeEach
  void open() throws Exception {
    db = TestNetwork.testDatabase(dir);
    inbox = new InboxStore(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  /** A stored message with placeholder bytes (also the store copy's test data). */
  public static InboxEntry entry(String id, byte[] envelope) {
    Instant t = Instant.ofEpochMilli(1_700_000_000_000L);
    return new InboxEntry(0, id, "FR/poc", "DE/poc", 1, "019ab54e-5100-7196-8869-e56daca792d2", null, "PING", t, t, t,
        "CN=fr-node", envelope, new byte[32], new byte[] {1}, new byte[] {2}, new byte[] {3}, Optional.empty(),
        Optional.empty());
  }

  @Test
  void messageId_isStoredOnce() {
    assertThat(inbox.insert(entry("019ab54e-52c2-7193-be88-8aeddbf52dd7", new byte[] {9}))).isTrue();
    assertThat(inbox.insert(entry("019ab54e-52c2-7193-be88-8aeddbf52dd7", new byte[] {8}))).isFalse();
    assertThat(inbox.count()).isEqualTo(1);
    assertThat(inbox.find("019ab54e-52c2-7193-be88-8aeddbf52dd7").orElseThrow().envelope()).containsExactly(9);
  }

  @Test
  void entries_comeBackInArrivalOrderAfterACursor() {
    inbox.insert(entry("019ab54e-0000-7000-8000-000000000001", new byte[] {1}));
    inbox.insert(entry("019ab54e-0000-7000-8000-000000000002", new byte[] {2}));
    inbox.insert(entry("019ab54e-0000-7000-8000-000000000003", new byte[] {3}));
    long first = inbox.after(0, 1).get(0).seq();
    assertThat(inbox.after(first, 10)).extracting(InboxEntry::messageId)
        .containsExactly("019ab54e-0000-7000-8000-000000000002", "019ab54e-0000-7000-8000-000000000003");
  }

  @Test
  void insert_answersTheEntryUnderTheSequenceNumberItWasStoredWith() {
    InboxEntry first = inbox.insert(entry("019ab54e-0000-7000-8000-000000000011", new byte[] {1}), c -> null)
        .orElseThrow();
    InboxEntry second = inbox.insert(entry("019ab54e-0000-7000-8000-000000000012", new byte[] {2}), c -> null)
        .orElseThrow();

    assertThat(second.seq()).isGreaterThan(first.seq());
    assertThat(inbox.find(second.messageId()).orElseThrow().seq()).isEqualTo(second.seq());
    assertThat(inbox.insert(entry("019ab54e-0000-7000-8000-000000000012", new byte[] {3}), c -> null)).isEmpty();
  }

  @Test
  void acknowledge_isRecordedOnce() {
    inbox.insert(entry("019ab54e-0000-7000-8000-000000000009", new byte[] {1}));
    Instant at = Instant.ofEpochMilli(1_700_000_100_000L);
    assertThat(inbox.acknowledge("019ab54e-0000-7000-8000-000000000009", "duty officer", at)).isTrue();
    assertThat(inbox.acknowledge("019ab54e-0000-7000-8000-000000000009", "someone else", at.plusSeconds(5))).isFalse();
    InboxEntry e = inbox.find("019ab54e-0000-7000-8000-000000000009").orElseThrow();
    assertThat(e.acknowledgedAt()).contains(at);
    assertThat(e.acknowledgedBy()).contains("duty officer");
  }
}
