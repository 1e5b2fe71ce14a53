package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditHead;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.EscalationStore;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.InboxStore;
import org.relay247.gateway.store.InboxStoreTest;
import org.relay247.gateway.store.StoreException;

/**
 * The one-off move of a store into a new database (docs/deployment.md, "Moving from H2"), shown
 * with an SQLite source (the copy is plain JDBC: an H2 source differs only by its driver) into the
 * store of this run (SQLite, or PostgreSQL in the PostgreSQL run).
 */
class StoreCopyTest {
  @TempDir Path dir;

  @Test
  void copiedStore_keepsEveryRowItsSequenceNumbersAndItsAuditChain_andGoesOnNumberingAfterThem() throws Exception {
    AuditHead sourceHead;
    try (Database source = Database.open("jdbc:sqlite:" + dir.resolve("old.db"), "", Optional.empty(), 2)) {
      InboxStore inbox = new InboxStore(source);
      inbox.insert(InboxStoreTest.entry("019ab54e-0000-7000-8000-000000000001", new byte[] {1, 2, 3}));
      inbox.insert(InboxStoreTest.entry("019ab54e-0000-7000-8000-000000000002", new byte[] {4}));
      AuditLog audit = new AuditLog(source, Clock.systemUTC());
      for (int i = 0; i < 3; i++) {
        audit.append(AuditEvent.byNode(AuditAction.MESSAGE_RECEIVED, "c-" + i, "019ab54e-0000-7000-8000-00000000000" + i,
            "note " + i));
      }
      source.inTransaction(c -> {
        sql(c, "INSERT INTO case_file (case_id, opened_at) VALUES ('c-1', 5)");
        return sql(c, "INSERT INTO case_event (case_id, at, event, body_type, actor) VALUES ('c-1', 6, 'SENT', 'PING',"
            + " 'node')");
      });
      new EscalationStore(source).raise("019ab54e-0000-7000-8000-000000000001", "OVERDUE", Instant.EPOCH, "late");
      sourceHead = audit.verify();

      Files.createDirectories(dir.resolve("new"));
      try (Database target = TestNetwork.testDatabase(dir.resolve("new"));
          Connection from = source.dataSource().getConnection()) {
        StoreCopy.Report report = StoreCopy.copy(from, target);

        assertThat(report.rows()).containsEntry("inbox", 2L).containsEntry("audit_log", 3L)
            .containsEntry("case_file", 1L).containsEntry("case_event", 1L).containsEntry("escalation", 1L);
        assertThat(report.auditHead()).isEqualTo(sourceHead);
        InboxStore copied = new InboxStore(target);
        InboxEntry second = copied.find("019ab54e-0000-7000-8000-000000000002").orElseThrow();
        assertThat(second.seq()).isEqualTo(inbox.find("019ab54e-0000-7000-8000-000000000002").orElseThrow().seq());
        assertThat(copied.find("019ab54e-0000-7000-8000-000000000001").orElseThrow().envelope())
            .containsExactly(1, 2, 3);
        copied.insert(InboxStoreTest.entry("019ab54e-0000-7000-8000-000000000003", new byte[] {5}));
        assertThat(copied.after(second.seq(), 10)).extracting(InboxEntry::messageId)
            .containsExactly("019ab54e-0000-7000-8000-000000000003");
        assertThat(new AuditLog(target, Clock.systemUTC()).append(AuditEvent.byNode(AuditAction.MESSAGE_RECEIVED,
            "c-9", "019ab54e-0000-7000-8000-000000000009", "after the move")).seq()).isEqualTo(4);

        assertThatThrownBy(() -> StoreCopy.copy(from, target)).isInstanceOf(StoreException.class)
            .hasMessageContaining("the target is not empty");
      }
    }
  }

  private static int sql(Connection c, String sql) throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      return ps.executeUpdate();
    }
  }
}
