package org.relay247.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditChainBrokenException;
import org.relay247.gateway.audit.AuditChainBrokenException.Reason;
import org.relay247.gateway.audit.AuditEncoding;
import org.relay247.gateway.audit.AuditEntry;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditHash;
import org.relay247.gateway.audit.AuditHead;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.audit.CaseAuditRecord;

/**
 * The audit log on a real database (SQLite, or PostgreSQL in the PostgreSQL run): the chain, concurrent
 * appends, tampering with rows directly in SQL, and the per-case export. Lives in the store
 * package so that the PostgreSQL run includes it.
 */
class AuditLogTest {
  static final String CASE_A = "019ab54e-5100-7196-8869-e56daca792d2";
  static final String CASE_B = "019ab54e-6200-7196-8869-e56daca79333";
  static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);

  @TempDir Path dir;
  Database db;
  AuditLog log;

  @BeforeEach
  void open() throws Exception {
    db = TestNetwork.testDatabase(dir);
    log = new AuditLog(db, Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static AuditEvent event(int i, String caseId) {
    return new AuditEvent(i % 2 == 0 ? AuditEvent.NODE : "duty officer " + i,
        i % 2 == 0 ? AuditAction.MESSAGE_RECEIVED : AuditAction.MESSAGE_OPENED, caseId,
        "019ab54e-0000-7000-8000-" + String.format("%012d", i), i == 3 ? "" : "note " + i);
  }

  /** Five entries: cases A, B, A, B, A. */
  private List<AuditEntry> appendFive() {
    List<AuditEntry> out = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      out.add(log.append(event(i, i % 2 == 1 ? CASE_A : CASE_B)));
    }
    return out;
  }

  private int sql(String sql, Object... params) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) {
          ps.setObject(i + 1, params[i]);
        }
        return ps.executeUpdate();
      }
    });
  }

  private AuditChainBrokenException broken() {
    return catchThrowableOfType(AuditChainBrokenException.class, () -> log.verify());
  }

  @Test
  void emptyLog_verifiesWithTheGenesisHead() throws Exception {
    assertThat(log.verify()).isEqualTo(new AuditHead(0, AuditHash.GENESIS));
    assertThat(log.head()).isEqualTo(new AuditHead(0, AuditHash.GENESIS));
    assertThat(log.entries(CASE_A)).isEmpty();
  }

  @Test
  void append_chainsFromGenesis_storesExactlyWhatItReturns_andVerifies() throws Exception {
    List<AuditEntry> appended = appendFive();

    assertThat(appended).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(appended.get(0).prevHash()).isEqualTo(AuditHash.GENESIS);
    for (int i = 1; i < appended.size(); i++) {
      assertThat(appended.get(i).prevHash()).isEqualTo(appended.get(i - 1).entryHash());
    }
    for (AuditEntry e : appended) {
      assertThat(e.computedHash()).isEqualTo(e.entryHash());
      assertThat(e.at()).isEqualTo(T0);
    }
    assertThat(appended.get(2).details()).isEmpty();
    assertThat(appended.get(0).action()).isEqualTo("MESSAGE_OPENED");

    AuditHead head = log.verify();
    assertThat(head).isEqualTo(new AuditHead(5, appended.get(4).entryHash()));
    assertThat(head.entries()).isEqualTo(5);
    assertThat(log.head()).isEqualTo(head);
    assertThat(log.entries(CASE_A)).containsExactly(appended.get(0), appended.get(2), appended.get(4));
    assertThat(log.find(appended.get(1).entryHash())).contains(appended.get(1));
    assertThat(log.find(AuditHash.GENESIS)).isEmpty();
  }

  @Test
  void entriesWithoutCaseOrMessage_roundTrip() throws Exception {
    AuditEntry e = log.append(new AuditEvent("supervisor", AuditAction.INCIDENT_RECORDED, null, null, "été ✓ \"q\""));
    assertThat(log.find(e.entryHash())).contains(e);
    assertThat(e.caseId()).isNull();
    assertThat(log.verify().seq()).isEqualTo(1);
  }

  @Test
  void concurrentAppends_fromManyThreadsAndTwoLogInstances_formOneLinearChain() throws Exception {
    AuditLog other = new AuditLog(db, Clock.systemUTC());
    int threads = 8;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<List<Long>>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        AuditLog writer = t % 2 == 0 ? log : other;
        int thread = t;
        work.add(() -> {
          List<Long> seqs = new ArrayList<>();
          for (int i = 0; i < each; i++) {
            seqs.add(writer.append(event(thread * 1000 + i, thread % 2 == 0 ? CASE_A : CASE_B)).seq());
          }
          return seqs;
        });
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : pool.invokeAll(work)) {
        all.addAll(f.get());
      }
      assertThat(all).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, threads * each).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
    assertThat(log.verify().seq()).isEqualTo(threads * each);
  }

  @Test
  void appendInTheCallersTransaction_rollsBackWithIt_leavingNoGap() throws Exception {
    log.append(event(1, CASE_A));
    assertThatThrownBy(() -> db.inTransaction(c -> {
      log.append(c, event(2, CASE_A));
      throw new IllegalStateException("the recorded action failed");
    })).hasMessage("the recorded action failed");
    AuditEntry committed = db.inTransaction(c -> log.append(c, event(3, CASE_A)));

    assertThat(committed.seq()).isEqualTo(2);
    assertThat(log.verify()).isEqualTo(new AuditHead(2, committed.entryHash()));
  }

  @Test
  void appendOnAConnectionWithoutATransaction_isRefused() throws Exception {
    try (java.sql.Connection c = db.dataSource().getConnection()) {
      assertThatThrownBy(() -> log.append(c, event(1, CASE_A))).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("auto-commit is on");
    }
    assertThat(log.verify().seq()).isZero();
  }

  @Test
  void tamperedDetails_areDetectedAtThatEntry() {
    appendFive();
    assertThat(sql("UPDATE audit_log SET details = ? WHERE seq = 3", "nothing to see")).isEqualTo(1);

    AuditChainBrokenException e = broken();
    assertThat(e.seq()).isEqualTo(3);
    assertThat(e.reason()).isEqualTo(Reason.HASH_MISMATCH);
    assertThat(e.getMessage()).startsWith("audit chain broken at entry 3: hash mismatch: ");
  }

  @Test
  void tamperedActorCaseOrTime_areDetectedAtThatEntry() {
    appendFive();
    sql("UPDATE audit_log SET actor = ? WHERE seq = 2", "someone else");
    assertThat(broken().seq()).isEqualTo(2);
    sql("UPDATE audit_log SET actor = ? WHERE seq = 2", AuditEvent.NODE);
    sql("UPDATE audit_log SET at = at + 1 WHERE seq = 1");
    assertThat(broken().seq()).isEqualTo(1);
  }

  @Test
  void deletedEntry_isDetectedAsMissing() {
    appendFive();
    assertThat(sql("DELETE FROM audit_log WHERE seq = 3")).isEqualTo(1);

    AuditChainBrokenException e = broken();
    assertThat(e.seq()).isEqualTo(3);
    assertThat(e.reason()).isEqualTo(Reason.MISSING_ENTRY);
    assertThat(e.getMessage()).isEqualTo("audit chain broken at entry 3: missing entry: it was deleted"
        + " (the next stored entry is 4)");
  }

  @Test
  void deletedLastEntries_areDetectedAgainstTheHead() {
    appendFive();
    sql("DELETE FROM audit_log WHERE seq >= 4");

    AuditChainBrokenException e = broken();
    assertThat(e.seq()).isEqualTo(4);
    assertThat(e.reason()).isEqualTo(Reason.MISSING_ENTRY);
    assertThat(e.detail()).contains("the log ends at entry 3 but its head records 5 entries");
  }

  @Test
  void editedEntryHash_isDetectedAtThatEntry() {
    appendFive();
    byte[] forged = new byte[32];
    forged[0] = 7;
    assertThat(sql("UPDATE audit_log SET entry_hash = ? WHERE seq = 2", (Object) forged)).isEqualTo(1);

    AuditChainBrokenException e = broken();
    assertThat(e.seq()).isEqualTo(2);
    assertThat(e.reason()).isEqualTo(Reason.HASH_MISMATCH);
    assertThat(e.detail()).contains("stored 0700000000000000...");
  }

  @Test
  void editedPrevHash_isDetectedAsAChangedLink() {
    appendFive();
    sql("UPDATE audit_log SET prev_hash = ? WHERE seq = 4", (Object) new byte[32]);

    AuditChainBrokenException e = broken();
    assertThat(e.seq()).isEqualTo(4);
    assertThat(e.reason()).isEqualTo(Reason.PREV_LINK_CHANGED);
    assertThat(e.detail()).startsWith("changed link: its previous-entry hash 0000000000000000... is not the hash"
        + " of entry 3 ");
  }

  @Test
  void entryRewrittenWithAValidHash_breaksTheNextLink() {
    List<AuditEntry> five = appendFive();
    AuditEntry third = five.get(2);
    AuditHash rewritten = AuditEncoding.hash(3, third.at().toEpochMilli(), third.actor(), third.action(),
        third.caseId(), third.messageId(), "rewritten", third.prevHash());
    sql("UPDATE audit_log SET details = ?, entry_hash = ? WHERE seq = 3", "rewritten", rewritten.bytes());

    AuditChainBrokenException e = broken();
    assertThat(e.seq()).isEqualTo(4);
    assertThat(e.reason()).isEqualTo(Reason.PREV_LINK_CHANGED);
  }

  @Test
  void insertedEntryBeyondTheHead_isDetected_andBlocksFurtherAppends() {
    List<AuditEntry> five = appendFive();
    AuditHash prev = five.get(4).entryHash();
    AuditHash hash = AuditEncoding.hash(6, T0.toEpochMilli(), "intruder", "CASE_PURGED", CASE_A, null, "", prev);
    sql("INSERT INTO audit_log (seq, at, actor, action, case_id, message_id, details, prev_hash, entry_hash)"
        + " VALUES (6, ?, 'intruder', 'CASE_PURGED', ?, NULL, '', ?, ?)", T0.toEpochMilli(), CASE_A, prev.bytes(),
        hash.bytes());

    AuditChainBrokenException e = broken();
    assertThat(e.seq()).isEqualTo(6);
    assertThat(e.reason()).isEqualTo(Reason.UNRECORDED_ENTRY);
    assertThatThrownBy(() -> log.append(event(7, CASE_A))).isInstanceOf(StoreException.class);
  }

  @Test
  void renumberedEntry_isDetected() {
    appendFive();
    sql("UPDATE audit_log SET seq = 0 WHERE seq = 1");

    AuditChainBrokenException e = broken();
    assertThat(e.seq()).isEqualTo(0);
    assertThat(e.reason()).isEqualTo(Reason.OUT_OF_SEQUENCE);
  }

  @Test
  void deletedHead_isDetected_andAppendsFailWithAClearMessage() {
    appendFive();
    sql("DELETE FROM audit_head");

    assertThat(broken().reason()).isEqualTo(Reason.HEAD_MISMATCH);
    assertThatThrownBy(() -> log.append(event(6, CASE_A))).isInstanceOf(StoreException.class)
        .hasMessageContaining("head record (table audit_head) is missing");
  }

  @Test
  void consistentRewriteOfTheWholeTail_isOnlyDetectedWithAHeadKeptElsewhere() throws Exception {
    List<AuditEntry> five = appendFive();
    AuditHead keptElsewhere = log.verify();
    // An administrator rewrites entry 3 and recomputes every later hash and the head: the chain is
    // consistent again, which is why the head must also be kept outside the database.
    AuditHash prev = five.get(1).entryHash();
    for (AuditEntry e : five.subList(2, 5)) {
      String details = e.seq() == 3 ? "rewritten" : e.details();
      AuditHash h = AuditEncoding.hash(e.seq(), e.at().toEpochMilli(), e.actor(), e.action(), e.caseId(),
          e.messageId(), details, prev);
      sql("UPDATE audit_log SET details = ?, prev_hash = ?, entry_hash = ? WHERE seq = ?", details, prev.bytes(),
          h.bytes(), e.seq());
      prev = h;
    }
    sql("UPDATE audit_head SET last_hash = ? WHERE id = 1", (Object) prev.bytes());

    assertThat(log.verify().seq()).isEqualTo(5);
    assertThat(log.find(keptElsewhere.hash())).isEmpty();
  }

  @Test
  void export_holdsOnlyThatCasesEntries_withTheirHashes_recomputableFromTheJson() throws Exception {
    List<AuditEntry> five = appendFive();

    CaseAuditRecord record = log.export(CASE_B);
    assertThat(record.intact()).isTrue();
    assertThat(record.entries()).containsExactly(five.get(1), five.get(3));
    assertThat(record.verifiedHead()).contains(new AuditHead(5, five.get(4).entryHash()));

    JsonObject json = JsonParser.parseString(record.json()).getAsJsonObject();
    assertThat(json.get("format").getAsString()).isEqualTo("relay247.audit.case-record.v1");
    assertThat(json.get("case_id").getAsString()).isEqualTo(CASE_B);
    JsonObject chain = json.getAsJsonObject("chain");
    assertThat(chain.get("intact").getAsBoolean()).isTrue();
    assertThat(chain.get("entries").getAsLong()).isEqualTo(5);
    assertThat(chain.get("head_hash").getAsString()).isEqualTo(five.get(4).entryHash().hex());
    JsonArray entries = json.getAsJsonArray("entries");
    assertThat(entries).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonObject e = entries.get(i).getAsJsonObject();
      AuditEntry expected = five.get(2 * i + 1);
      assertThat(e.get("seq").getAsLong()).isEqualTo(expected.seq());
      assertThat(e.get("case_id").getAsString()).isEqualTo(CASE_B);
      assertThat(e.get("at").getAsString()).isEqualTo("2023-11-14T22:13:20Z");
      // Offline re-verification: every hashed field is in the export.
      AuditHash recomputed = AuditEncoding.hash(e.get("seq").getAsLong(), e.get("at_ms").getAsLong(),
          e.get("actor").getAsString(), e.get("action").getAsString(), text(e.get("case_id")),
          text(e.get("message_id")), e.get("details").getAsString(), AuditHash.parse(e.get("prev_hash").getAsString()));
      assertThat(recomputed.hex()).isEqualTo(e.get("entry_hash").getAsString()).isEqualTo(expected.entryHash().hex());
    }
    assertThat(record.json()).doesNotContain(CASE_A);
  }

  @Test
  void export_ofABrokenChain_saysWhereItIsBroken() {
    appendFive();
    sql("UPDATE audit_log SET details = ? WHERE seq = 2", "edited");

    CaseAuditRecord record = log.export(CASE_A);
    assertThat(record.intact()).isFalse();
    assertThat(record.entries()).hasSize(3);
    JsonObject chain = JsonParser.parseString(record.json()).getAsJsonObject().getAsJsonObject("chain");
    assertThat(chain.get("intact").getAsBoolean()).isFalse();
    assertThat(chain.get("broken_at").getAsLong()).isEqualTo(2);
    assertThat(chain.get("reason").getAsString()).isEqualTo("HASH_MISMATCH");
  }

  @Test
  void export_ofAnUnknownCase_isEmpty() {
    appendFive();
    CaseAuditRecord record = log.export("no-such-case");
    assertThat(record.entries()).isEmpty();
    assertThat(JsonParser.parseString(record.json()).getAsJsonObject().getAsJsonArray("entries")).isEmpty();
  }

  private static String text(JsonElement e) {
    return e.isJsonNull() ? null : e.getAsString();
  }
}
