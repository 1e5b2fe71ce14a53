package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.cli.CliRun.relay247;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEntry;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.config.NodeConfig;
import org.relay247.gateway.store.Database;
import org.relay247.pki.PartyCode;

/** {@code relay247 audit verify|export} on a real node config (the node need not run). */
class AuditCommandTest {
  static final String CASE_A = "019ab54e-5100-7196-8869-e56daca792d2";
  static final String CASE_B = "019ab54e-6200-7196-8869-e56daca79333";

  @TempDir Path dir;
  TestNetwork net;
  Path config;

  @BeforeEach
  void network() throws Exception {
    net = TestNetwork.create(dir, "FR", "DE");
    config = dir.resolve("FR.conf");
  }

  private Database nodeDatabase() {
    NodeConfig cfg = net.config(new PartyCode("FR"));
    return Database.open(cfg.databaseUrl(), cfg.databaseUser(), cfg.databasePassword(), 2);
  }

  /** What the node would have logged: a case A exchange and a case B message, interleaved. */
  private List<AuditEntry> logSomeActions() {
    try (Database db = nodeDatabase()) {
      AuditLog log = new AuditLog(db, Clock.systemUTC());
      List<AuditEntry> out = new ArrayList<>();
      out.add(log.append(new AuditEvent("duty officer", AuditAction.MESSAGE_SUBMITTED, CASE_A, "m-1", "")));
      out.add(log.append(AuditEvent.byNode(AuditAction.MESSAGE_RECEIVED, CASE_B, "m-2", "")));
      out.add(log.append(AuditEvent.byNode(AuditAction.MESSAGE_DELIVERED, CASE_A, "m-1", "receipt ACCEPTED")));
      out.add(log.append(new AuditEvent("duty officer", AuditAction.MESSAGE_OPENED, CASE_B, "m-2", "")));
      return out;
    }
  }

  private void sql(String sql, Object... params) {
    try (Database db = nodeDatabase()) {
      db.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
          }
          return ps.executeUpdate();
        }
      });
    }
  }

  @Test
  void help_everywhere_andABareAuditIsAUsageError() {
    assertThat(relay247("--help").out()).contains("audit");
    for (String[] command : new String[][] {{"audit"}, {"audit", "verify"}, {"audit", "export"}}) {
      String[] args = java.util.Arrays.copyOf(command, command.length + 1);
      args[command.length] = "--help";
      CliRun help = relay247(args);
      assertThat(help.exit()).as(String.join(" ", command)).isZero();
      assertThat(help.out()).startsWith("Usage: relay247 " + String.join(" ", command));
    }
    CliRun bare = relay247("audit");
    assertThat(bare.exit()).isEqualTo(2);
    assertThat(bare.err()).contains("Missing an audit command");
    assertThat(relay247("audit", "verify").exit()).isEqualTo(2);
  }

  @Test
  void verify_ofANewNode_isIntactAndEmpty() {
    CliRun verify = relay247("audit", "verify", "--config", config.toString());
    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.out()).isEqualTo("audit chain intact: 0 entries, head " + "0".repeat(64) + "\n");
  }

  @Test
  void verify_detectsARowTamperedWithInTheDatabase_namingTheEntry() {
    List<AuditEntry> entries = logSomeActions();
    CliRun intact = relay247("audit", "verify", "--config", config.toString());
    assertThat(intact.exit()).as(intact.err()).isZero();
    assertThat(intact.out()).isEqualTo("audit chain intact: 4 entries, head " + entries.get(3).entryHash().hex() + "\n");

    sql("UPDATE audit_log SET actor = 'nobody' WHERE seq = 2");

    CliRun broken = relay247("audit", "verify", "--config", config.toString());
    assertThat(broken.exit()).isEqualTo(1);
    assertThat(broken.out()).startsWith("audit chain broken at entry 2: hash mismatch: ");
  }

  @Test
  void verify_detectsADeletedRow() {
    logSomeActions();
    sql("DELETE FROM audit_log WHERE seq = 3");

    CliRun broken = relay247("audit", "verify", "--config", config.toString());
    assertThat(broken.exit()).isEqualTo(1);
    assertThat(broken.out()).isEqualTo("audit chain broken at entry 3: missing entry: it was deleted"
        + " (the next stored entry is 4)\n");
  }

  @Test
  void verify_withAnExpectedHead_checksThatTheChainStillContainsIt() {
    List<AuditEntry> entries = logSomeActions();
    String earlier = entries.get(1).entryHash().hex();

    CliRun ok = relay247("audit", "verify", "--config", config.toString(), "--expect-head", earlier.toUpperCase());
    assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).endsWith("contains the expected head " + earlier + " (entry 2)\n");

    CliRun missing = relay247("audit", "verify", "--config", config.toString(), "--expect-head", "ab".repeat(32));
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.out()).contains("audit chain broken: it does not contain the expected head " + "ab".repeat(32));

    CliRun bad = relay247("audit", "verify", "--config", config.toString(), "--expect-head", "xyz");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--expect-head: not an audit hash (expected: 64 hexadecimal digits): xyz");
  }

  @Test
  void export_writesTheRecordOfOneCase_includingItsOwnExport() throws Exception {
    List<AuditEntry> entries = logSomeActions();
    Path file = dir.resolve("case-a.json");

    CliRun export = relay247("audit", "export", "--config", config.toString(), "--case", CASE_A, "--out",
        file.toString(), "--actor", "DPO liaison");
    assertThat(export.exit()).as(export.err()).isZero();
    assertThat(export.out()).startsWith("wrote the audit record of case " + CASE_A + " to " + file
        + ": 3 entries, the last (5) recording this export\naudit chain intact: 5 entries, head ");
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    assertThat(json.get("case_id").getAsString()).isEqualTo(CASE_A);
    assertThat(json.getAsJsonObject("chain").get("intact").getAsBoolean()).isTrue();
    JsonArray list = json.getAsJsonArray("entries");
    assertThat(list).hasSize(3);
    List<Long> seqs = new ArrayList<>();
    for (JsonElement e : list) {
      assertThat(e.getAsJsonObject().get("case_id").getAsString()).isEqualTo(CASE_A);
      seqs.add(e.getAsJsonObject().get("seq").getAsLong());
    }
    assertThat(seqs).containsExactly(1L, 3L, 5L);
    assertThat(list.get(0).getAsJsonObject().get("entry_hash").getAsString())
        .isEqualTo(entries.get(0).entryHash().hex());
    JsonObject last = list.get(2).getAsJsonObject();
    assertThat(last.get("action").getAsString()).isEqualTo("RECORD_EXPORTED");
    assertThat(last.get("actor").getAsString()).isEqualTo("DPO liaison");
    assertThat(last.get("details").getAsString()).isEqualTo("to file case-a.json");

    CliRun again = relay247("audit", "export", "--config", config.toString(), "--case", CASE_A, "--out",
        file.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).isEqualTo("relay247 audit export: file already exists: " + file + "\n");
  }

  @Test
  void export_toStandardOutput_isTheJsonDocument() {
    logSomeActions();
    CliRun export = relay247("audit", "export", "--config", config.toString(), "--case", CASE_B);
    assertThat(export.exit()).as(export.err()).isZero();
    JsonObject json = JsonParser.parseString(export.out()).getAsJsonObject();
    assertThat(json.getAsJsonArray("entries")).hasSize(3);
    assertThat(export.out()).doesNotContain(CASE_A);
  }

  @Test
  void export_ofABrokenChain_writesTheRecordButFails() throws Exception {
    logSomeActions();
    sql("UPDATE audit_log SET details = 'edited' WHERE seq = 3");
    Path file = dir.resolve("case-a.json");

    CliRun export = relay247("audit", "export", "--config", config.toString(), "--case", CASE_A, "--out",
        file.toString());
    assertThat(export.exit()).isEqualTo(1);
    assertThat(export.err()).startsWith("relay247 audit export: audit chain broken at entry 3: hash mismatch: ")
        .contains("chain.intact is false");
    JsonObject chain = JsonParser.parseString(Files.readString(file)).getAsJsonObject().getAsJsonObject("chain");
    assertThat(chain.get("intact").getAsBoolean()).isFalse();
    assertThat(chain.get("broken_at").getAsLong()).isEqualTo(3);
  }

  @Test
  void failures_areOneSentence() {
    logSomeActions();
    CliRun unknown = relay247("audit", "export", "--config", config.toString(), "--case", "no-such-case");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).isEqualTo("relay247 audit export: no audit entries for case no-such-case\n");

    CliRun noConfig = relay247("audit", "verify", "--config", dir.resolve("XX.conf").toString());
    assertThat(noConfig.exit()).isEqualTo(1);
    assertThat(noConfig.err()).isEqualTo("relay247 audit verify: invalid configuration: config file "
        + dir.resolve("XX.conf") + " does not exist\n");

    CliRun badActor = relay247("audit", "export", "--config", config.toString(), "--case", CASE_A, "--actor", " ");
    assertThat(badActor.exit()).isEqualTo(2);
    assertThat(badActor.err()).contains("--actor: blank");
  }
}
