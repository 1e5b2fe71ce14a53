package org.relay247.protocol.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.protocol.directory.DirectoryYaml;
import org.relay247.protocol.seal.DirectoryVerifier;
import org.relay247.protocol.v1.Directory;

/** {@code relay247 directory sign}: the documented YAML in, a directory every node accepts out. */
class DirectoryCommandTest {
  static final Path YAML = CliNetwork.EXAMPLES.resolve("directory.yaml");

  @TempDir static Path shared;
  static CliNetwork net;

  @TempDir Path tmp;

  @BeforeAll
  static void network() throws Exception {
    net = new CliNetwork(shared.resolve("net"));
  }

  private CliNetwork.Run sign(Path in, Path out, String... extra) {
    String[] args = new String[8 + extra.length];
    System.arraycopy(new String[] {"directory", "sign", "--network", net.path(), "--in", in.toString(),
        "--out", out.toString()}, 0, args, 0, 8);
    System.arraycopy(extra, 0, args, 8, extra.length);
    return net.run(args);
  }

  @Test
  void sign_exampleYaml_writesTheSameDirectorySigned_whichVerifyAccepts() throws Exception {
    Path out = tmp.resolve("directory.bin");

    CliNetwork.Run r = sign(YAML, out);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("Signed directory version 7 (3 Parties: FR, DE, US; 3 pairs; ")
        .endsWith("bytes): " + out + System.lineSeparator());
    Directory signed = new DirectoryVerifier(net.pki.validator()).verify(Files.readAllBytes(out), 0);
    assertThat(signed).isEqualTo(DirectoryYaml.read(YAML));

    CliNetwork.Run verify = net.run("verify", out.toString(), "--network", net.path());
    assertThat(verify.exit()).as(verify.out()).isZero();
    assertThat(verify.out()).startsWith("VALID directory version 7 issued 2025-11-24T09:00:00Z by \"Relay247 test network");
  }

  @Test
  void sign_versionOption_replacesTheYamlVersion() throws Exception {
    Path out = tmp.resolve("v8.bin");

    CliNetwork.Run r = sign(YAML, out, "--version", "8");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(new DirectoryVerifier(net.pki.validator()).verify(Files.readAllBytes(out), 8).getVersion())
        .isEqualTo(8);
  }

  @Test
  void sign_versionBelowOne_isAUsageError() {
    CliNetwork.Run r = sign(YAML, tmp.resolve("x.bin"), "--version", "0");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("0 (expected: a whole number >= 1)");
  }

  @Test
  void sign_refusesToReplaceAFile_unlessForced() throws Exception {
    Path out = Files.writeString(tmp.resolve("taken.bin"), "old");

    CliNetwork.Run refused = sign(YAML, out);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("already exists (add --force to replace it)");
    assertThat(Files.readString(out)).isEqualTo("old");

    assertThat(sign(YAML, out, "--force").exit()).isZero();
    assertThat(new DirectoryVerifier(net.pki.validator()).verify(Files.readAllBytes(out), 0).getVersion()).isEqualTo(7);
  }

  @Test
  void sign_invalidYaml_exitsOneWithTheFileAndYamlPath() throws Exception {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, Files.readString(YAML).replaceFirst("version: 7", "version: seven"));

    CliNetwork.Run r = sign(bad, tmp.resolve("x.bin"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("relay247 directory sign: " + bad + ": version: ");
    assertThat(tmp.resolve("x.bin")).doesNotExist();
  }

  @Test
  void sign_withoutNetwork_exitsOne() {
    CliNetwork.Run r = net.run("directory", "sign", "--network", tmp.resolve("none").toString(), "--in",
        YAML.toString(), "--out", tmp.resolve("x.bin").toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("is not a network directory");
  }

  @Test
  void sign_usesTheInjectedClockAsSigningTime() throws Exception {
    Path out = tmp.resolve("t.bin");
    java.time.Instant before = Clock.systemUTC().instant().minusSeconds(1);

    assertThat(sign(YAML, out).exit()).isZero();

    assertThat(org.relay247.protocol.seal.SignedDataCodec.verify(Files.readAllBytes(out)).signingTime())
        .isAfter(before);
  }
}
