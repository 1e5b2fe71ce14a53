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
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.Crypto;
import org.relay247.pki.NodeIdentity;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Pem;
import org.relay247.pki.Validity;
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

  @Test
  void bindCertificate_storesTheFingerprint_andRefusesWhatIsNotACertificateOfThisParty() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    String config = dir.resolve("FR.conf").toString();
    Path pass = dir.resolve("pass");
    Files.writeString(pass, "a long enough password");
    Path french = certificateOf(net, "FR", "fr.pem");

    Run added = relay247("user", "add", "marie.dupont", "--config", config, "--name", "Marie Dupont", "--role",
        "operator", "--password-file", pass.toString(), "--certificate", french.toString());
    assertThat(added.exit()).as(added.err()).isZero();
    String fingerprint = CertificateFingerprint.of(Pem.readCertificate(french)).hex();
    assertThat(added.out()).contains("certificate SHA-256 " + fingerprint);
    try (Database db = open(net)) {
      ConsoleUsers users = new ConsoleUsers(db, new AuditLog(db, Clock.systemUTC()), Clock.systemUTC());
      assertThat(users.findByCertificate(new CertificateFingerprint(fingerprint)).orElseThrow().username())
          .isEqualTo("marie.dupont");
    }
    relay247("user", "add", "jean.martin", "--config", config, "--name", "Jean Martin", "--role", "operator",
        "--password-file", pass.toString());
    Run taken = relay247("user", "bind-certificate", "jean.martin", french.toString(), "--config", config);
    assertThat(taken.exit()).isEqualTo(1);
    assertThat(taken.err()).contains("already bound to account marie.dupont");

    Path other = certificateOf(net, "FR", "fr2.pem");
    Run bound = relay247("user", "bind-certificate", "jean.martin", other.toString(), "--config", config);
    assertThat(bound.exit()).as(bound.err()).isZero();
    assertThat(bound.out()).contains("bound certificate SHA-256 "
        + CertificateFingerprint.of(Pem.readCertificate(other)).hex() + " to jean.martin");

    Run missing = relay247("user", "bind-certificate", "jean.martin", dir.resolve("absent.pem").toString(),
        "--config", config);
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("absent.pem: not found (expected: a PEM certificate)");
    Run notACertificate = relay247("user", "bind-certificate", "jean.martin", pass.toString(), "--config", config);
    assertThat(notACertificate.exit()).isEqualTo(1);
    assertThat(notACertificate.err()).contains("not a readable certificate").contains("no PEM certificate found");
    Run german = relay247("user", "bind-certificate", "jean.martin", certificateOf(net, "DE", "de.pem").toString(),
        "--config", config);
    assertThat(german.exit()).isEqualTo(1);
    assertThat(german.err()).contains("de.pem: refused: PARTY_MISMATCH: certificate of Party DE (expected: one issued by the CA"
        + " of FR)");
    assertThat(relay247("user", "bind-certificate", "--help").out()).contains("FILE.pem")
        .contains("TLS certificate of this Party's CA");
  }

  /** A TLS certificate of {@code party}'s CA for a fresh key, written as PEM. */
  private Path certificateOf(TestNetwork net, String party, String name) throws Exception {
    PartyCode p = new PartyCode(party);
    Path file = dir.resolve(name);
    Pem.writeCertificate(file, net.pki.partyCa(p).issueNodeCertificate(NodeIdentity.localDefault(p),
        CertificatePurpose.TLS, Crypto.newKeyPair().getPublic(), Validity.ofDays(Clock.systemUTC(), 30)));
    return file;
  }

  private static Database open(TestNetwork net) {
    var cfg = NodeConfigLoader.load(net.dir.resolve("FR.conf"));
    return Database.open(cfg.databaseUrl(), cfg.databaseUser(), cfg.databasePassword(), 2);
  }
}
