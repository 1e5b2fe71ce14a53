package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.cases.CaseView;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.pki.PartyCode;

/**
 * A peer's signed rejection is recorded on the case exactly once, even when the node fails after
 * recording it and before the outbox entry's completion commits (here: FR's database refuses the
 * completion's audit entry, the last write of that transaction, until the test lifts the fault;
 * the delivery is retried meanwhile and DE rejects it again each time).
 */
class RejectionRecordedOnceTest {
  private static final String FAULT = "crash_before_completion";

  @TempDir Path dir;

  @Test
  void rejection_isRecordedOnce_acrossAFailureBetweenTheCaseUpdateAndTheCompletion() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    Path deDirectory = dir.resolve("de-directory.bin");
    net.writeDirectory(2, deDirectory, TreatyEnforcementTest.DE_DECLARES_9_1_B);
    net.writeConfig(new PartyCode("DE"), "directory-file = \"" + deDirectory + "\"");
    try (GatewayNode fr = net.start("FR"); GatewayNode de = net.start("DE")) {
      failCompletionsOfRejections(fr.database());
      var sent = fr.outbox().submit(TreatyEnforcementTest.subscriberOnlyArt9());
      String id = sent.getRouting().getMessageId();
      // Two failed completions, each after DE's rejection came back (and after the case update,
      // had it been committed on its own).
      OutboxEntry failedTwice = await("two failed completions of " + id).atMost(Duration.ofSeconds(30))
          .until(() -> fr.outboxStore().find(id).orElseThrow(), e -> e.attempts() >= 2
              && e.lastError().filter(err -> err.contains("simulated crash")).isPresent());
      assertThat(failedTwice.state()).isEqualTo(OutboxEntry.State.PENDING);

      liftFault(fr.database());
      OutboxEntry done = Awaits.completed(fr, id);

      assertThat(done.state()).isEqualTo(OutboxEntry.State.REJECTED);
      String caseId = sent.getRouting().getCaseId();
      assertThat(fr.cases().timeline(caseId)).filteredOn(e -> e.event().equals("REJECTED")).hasSize(1);
      CaseView view = fr.cases().find(caseId).orElseThrow();
      assertThat(view.flags()).filteredOn(f -> f.code().equals("REJECTED_BY_RECIPIENT")).hasSize(1);
    }
  }

  /** Makes every commit of a rejection's completion fail, at its audit entry (the last write). */
  private static void failCompletionsOfRejections(Database db) {
    db.inTransaction(c -> {
      try (Statement s = c.createStatement()) {
        if (db.vendor() == Database.Vendor.POSTGRESQL) {
          s.execute("CREATE FUNCTION " + FAULT + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
              + " IF NEW.action = 'MESSAGE_REFUSED_BY_PEER' THEN RAISE EXCEPTION 'simulated crash'; END IF;"
              + " RETURN NEW; END $$");
          s.execute("CREATE TRIGGER " + FAULT + " BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION "
              + FAULT + "()");
        } else {
          s.execute("CREATE TRIGGER " + FAULT + " BEFORE INSERT ON audit_log WHEN NEW.action ="
              + " 'MESSAGE_REFUSED_BY_PEER' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END");
        }
      }
      return null;
    });
  }

  private static void liftFault(Database db) {
    db.inTransaction(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("DROP TRIGGER " + FAULT + (db.vendor() == Database.Vendor.POSTGRESQL ? " ON audit_log" : ""));
      }
      return null;
    });
  }
}
