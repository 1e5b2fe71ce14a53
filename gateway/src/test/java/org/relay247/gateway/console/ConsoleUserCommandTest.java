package org.relay247.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.cli.Relay247Command;
import org.relay247.gateway.config.NodeConfigLoader;
import org.relay247.gateway.store.Database;
import picocli.CommandLine;

/** {@code relay247 user add|passwd|disable|list} on a node's database, as an administrator runs it. */
class ConsoleUserCommandTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run relay247(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Relay247Command.newCommandLine(Clock.systemUTC());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void addPasswdDisableList_onTheNodesDatabase_withArgon2idHashes_andAudited() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR");
    String config = dir.resolve("FR.conf").toString();
    Path pass = dir.resolve("pass");
    Files.writeString(pass, "a long enough password");

    Run added = relay247("user", "add", "marie.dupont", "--config", config, "--name", "Marie Dupont", "--role",
        "supervisor", "--language", "fr", "--password-file", pass.toString(), "--actor", "admin");
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.out()).contains("added marie.dupont (Marie Dupont), role supervisor, language fr");

    Run list = relay247("user", "list", "--config", config);
    assertThat(list.out()).containsPattern("marie\\.dupont\\s+Marie Dupont\\s+supervisor\\s+fr\\s+active");

    try (Database db = open(net)) {
      String hash = db.read(c -> {
        try (var ps = c.prepareStatement("SELECT password_hash FROM console_user WHERE username = 'marie.dupont'");
             var rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      });
      assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("a long enough password");
      ConsoleUsers users = new ConsoleUsers(db, new AuditLog(db, Clock.systemUTC()), Clock.systemUTC());
      assertThat(users.signIn("marie.dupont", "a long enough password".toCharArray(), 5, Duration.ofMinutes(1)))
          .isEqualTo(ConsoleUsers.SignIn.OK);
    }

    Files.writeString(pass, "another long password");
    assertThat(relay247("user", "passwd", "marie.dupont", "--config", config, "--password-file", pass.toString())
        .exit()).isZero();
    assertThat(relay247("user", "disable", "marie.dupont", "--config", config).out()).contains("disabled marie.dupont");
    assertThat(relay247("user", "list", "--config", config).out()).contains("disabled");
    try (Database db = open(net)) {
      ConsoleUsers users = new ConsoleUsers(db, new AuditLog(db, Clock.systemUTC()), Clock.systemUTC());
      assertThat(users.signIn("marie.dupont", "another long password".toCharArray(), 5, Duration.ofMinutes(1)))
          .isEqualTo(ConsoleUsers.SignIn.DISABLED);
      long audited = db.read(c -> {
        try (var ps = c.prepareStatement("SELECT COUNT(*) FROM audit_log WHERE action = 'ACCOUNT_CHANGED'"
            + " AND details LIKE 'console account marie.dupont%'"); var rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      });
      assertThat(audited).isEqualTo(3);
    }
  }

  @Test
  void shortPassword_badRole_andPasswordOnTheCommandLine_areRefused() throws Exception {
    TestNetwork.create(dir, "FR");
    String config = dir.resolve("FR.conf").toString();
    Path pass = dir.resolve("pass");
    Files.writeString(pass, "short");
    Run shortOne = relay247("user", "add", "bob", "--config", config, "--name", "Bob", "--role", "operator",
        "--password-file", pass.toString());
    assertThat(shortOne.exit()).isEqualTo(1);
    assertThat(shortOne.err()).contains("password: 5 characters (expected: at least 12)");
    Run badRole = relay247("user", "add", "bob", "--config", config, "--name", "Bob", "--role", "admin",
        "--password-file", pass.toString());
    assertThat(badRole.exit()).isEqualTo(2);
    assertThat(badRole.err()).contains("role: \"admin\" (expected: operator, supervisor or auditor)");
    assertThat(relay247("user", "add", "bob", "--config", config, "--name", "Bob", "--role", "operator",
        "--password", "secret-on-the-command-line").exit()).isEqualTo(2);
  }

  private static Database open(TestNetwork net) {
    var cfg = NodeConfigLoader.load(net.dir.resolve("FR.conf"));
    return Database.open(cfg.databaseUrl(), cfg.databaseUser(), cfg.databasePassword(), 2);
  }
}
