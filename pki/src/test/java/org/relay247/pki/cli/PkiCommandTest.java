package org.relay247.pki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.pki.Pem;
import picocli.CommandLine;

/** The pki commands as an operator runs them: output, exit codes, files. */
class PkiCommandTest {
  @TempDir Path tmp;

  private record Run(int exit, String out, String err) {}

  private Run pki(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CliErrors.install(new CommandLine(new PkiCommand(Clock.systemUTC())));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path initNetwork() {
    Path net = tmp.resolve("net");
    Run r = pki("init-network", "--parties", "FR,DE,US", "--out", net.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    return net;
  }

  @Test
  void help_listsEveryCommand_andEachCommandHasHelp() {
    Run help = pki("--help");
    assertThat(help.exit()).isZero();
    List<String> commands = List.of("init-network", "create-root", "add-party", "issue", "renew", "revoke",
        "crl", "verify", "export-key");
    commands.forEach(c -> assertThat(help.out()).contains(c));
    for (String c : commands) {
      Run sub = pki(c, "--help");
      assertThat(sub.exit()).as(c).isZero();
      assertThat(sub.out()).as(c).startsWith("Usage: pki " + c);
    }
  }

  @Test
  void verify_exitsZeroWhenValid_andOneWithTheReasonWhenNot() {
    Path net = initNetwork();
    Run ok = pki("verify", "--network", net.toString(), "--purpose", "tls", net.resolve("FR/tls.pem").toString());
    assertThat(ok.exit()).isZero();
    assertThat(ok.out()).startsWith("VALID tls: ").contains("(Party FR)");

    Run wrong = pki("verify", "--network", net.toString(), "--purpose", "sign", net.resolve("FR/tls.pem").toString());
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.out()).startsWith("INVALID WRONG_PURPOSE");
  }

  @Test
  void revoke_rewritesCrl_andVerifyThenRefuses() throws Exception {
    Path net = initNetwork();
    Run revoke = pki("revoke", "--network", net.toString(), "--party", "DE", "--cert",
        net.resolve("DE/sign.pem").toString(), "--reason", "key-compromise");
    assertThat(revoke.exit()).as(revoke.err()).isZero();
    assertThat(revoke.out()).contains("CRL number 2");
    assertThat(Pem.readCrl(net.resolve("DE/crl.pem"))
        .isRevoked(Pem.readCertificate(net.resolve("DE/sign.pem")))).isTrue();

    Run verify = pki("verify", "--network", net.toString(), "--purpose", "sign", net.resolve("DE/sign.pem").toString());
    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.out()).contains("REVOKED").contains("KEY_COMPROMISE");
  }

  @Test
  void revokingAnotherPartysCertificate_failsWithOneSentence() {
    Path net = initNetwork();
    Run r = pki("revoke", "--network", net.toString(), "--party", "US", "--cert", net.resolve("FR/tls.pem").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("pki revoke: ").contains("was not issued by the CA of US")
        .doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void badInput_isAUsageError() {
    assertThat(pki("init-network", "--parties", "FR,ZZ", "--out", tmp.resolve("x").toString()).exit()).isEqualTo(2);
    assertThat(pki("verify", "--network", "x", "--purpose", "mail", "f").exit()).isEqualTo(2);
    assertThat(pki("revoke", "--network", "x", "--party", "FR", "--cert", "f", "--reason", "boredom").exit()).isEqualTo(2);
    Run missing = pki("verify", "--purpose", "tls", "f");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing required option: '--network=DIR'");
  }

  @Test
  void missingNetwork_failsWithWhatToDo() {
    Run r = pki("verify", "--network", tmp.resolve("nowhere").toString(), "--purpose", "tls",
        tmp.resolve("nowhere/FR/tls.pem").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("nowhere");
  }

  @Test
  void initNetwork_refusesANonEmptyDirectory() {
    Path net = initNetwork();
    Run again = pki("init-network", "--parties", "FR", "--out", net.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("is not empty");
  }

  @Test
  void exportKey_writesOwnerOnlyPemMatchingTheCertificate_andNeverOverwrites() throws Exception {
    Path net = initNetwork();
    Path key = tmp.resolve("fr-sign.key");
    Run r = pki("export-key", "--network", net.toString(), "--party", "FR", "--which", "sign", "--out", key.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    String pkcs8Label = "PRIVATE KEY-----";  // the PKCS#8 PEM header, not SEC1's "EC ..." one
    assertThat(Files.readString(key)).startsWith("-----BEGIN " + pkcs8Label);
    assertThat(Pem.readPrivateKey(key).getAlgorithm()).isIn("EC", "ECDSA");

    Run twice = pki("export-key", "--network", net.toString(), "--party", "FR", "--which", "sign", "--out", key.toString());
    assertThat(twice.exit()).isEqualTo(1);
    assertThat(twice.err()).contains("file already exists");
  }

  @Test
  void exportKey_takesPasswordFromFileOrVariable_neverFromAnArgument() throws Exception {
    Path net = initNetwork();
    Path wrong = tmp.resolve("wrong.pass");
    Files.writeString(wrong, "nope");
    Run r = pki("export-key", "--network", net.toString(), "--party", "FR", "--which", "enc",
        "--out", tmp.resolve("k.pem").toString(), "--password-file", wrong.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("wrong password");

    Run env = pki("export-key", "--network", net.toString(), "--party", "FR", "--which", "enc",
        "--out", tmp.resolve("k2.pem").toString(), "--password-env", "RELAY247_TEST_UNSET_VARIABLE");
    assertThat(env.exit()).isEqualTo(1);
    assertThat(env.err()).contains("RELAY247_TEST_UNSET_VARIABLE: not set");

    List<String> passwordOptions = new ArrayList<>();
    collectOptions(new CommandLine(new PkiCommand()), passwordOptions);
    assertThat(passwordOptions).allMatch(o -> o.equals("--password-file") || o.equals("--password-env"));
  }

  @Test
  void issueRenewAndCrl_workOnAnExistingNetwork() throws Exception {
    Path net = tmp.resolve("real");
    assertThat(pki("create-root", "--out", net.toString(), "--name", "Test network").exit()).isZero();
    assertThat(pki("add-party", "--network", net.toString(), "--party", "it").exit()).isZero();
    Run issue = pki("issue", "--network", net.toString(), "--party", "IT", "--which", "tls",
        "--host", "relay.example.it", "--host", "192.0.2.10");
    assertThat(issue.exit()).as(issue.err()).isZero();
    assertThat(Pem.readCertificate(net.resolve("IT/tls.pem")).getSubjectAlternativeNames()).hasSize(2);
    Run renew = pki("renew", "--network", net.toString(), "--party", "IT", "--which", "tls", "--revoke-old");
    assertThat(renew.exit()).as(renew.err()).isZero();
    assertThat(renew.out()).contains("superseded");
    Run crl = pki("crl", "--network", net.toString(), "--party", "root");
    assertThat(crl.exit()).isZero();
    assertThat(crl.out()).contains("CRL number 2 of root");
    Run verify = pki("verify", "--network", net.toString(), "--purpose", "tls", net.resolve("IT/tls.pem").toString());
    assertThat(verify.exit()).as(verify.out()).isZero();
  }

  private static void collectOptions(CommandLine cli, List<String> out) {
    cli.getCommandSpec().options().stream().flatMap(o -> List.of(o.names()).stream())
        .filter(n -> n.toLowerCase().contains("pass")).forEach(out::add);
    cli.getSubcommands().values().forEach(sub -> collectOptions(sub, out));
  }
}
