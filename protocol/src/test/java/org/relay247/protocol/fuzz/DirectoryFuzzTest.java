package org.relay247.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.pki.CertificatePurpose;
import org.relay247.protocol.directory.DirectoryYaml;
import org.relay247.protocol.directory.DirectoryYamlException;
import org.relay247.protocol.seal.DirectorySigner;
import org.relay247.protocol.seal.DirectoryVerificationException;
import org.relay247.protocol.seal.DirectoryVerifier;
import org.relay247.protocol.seal.SignedDataCodec;
import org.relay247.protocol.v1.Directory;

/**
 * Fuzzes the two ways a directory enters a node. {@link DirectoryYaml#parse} turns any text into
 * a {@link Directory} or a {@link DirectoryYamlException} (nothing else: not another
 * IllegalArgumentException, not a SnakeYAML or JDK runtime exception). {@link
 * DirectoryVerifier#verify} turns any bytes into a verified directory or a {@link
 * DirectoryVerificationException}; a tampered signed directory that still verifies must carry
 * the signed directory unchanged, and a verified version is never older than the one held.
 *
 * <p>The YAML target reads the fuzz input as UTF-8, so its seeds are plain YAML files; certificate
 * paths resolve against a temporary directory holding this run's CA and node certificates under
 * {@code certs/}. Regression inputs: {@code src/test/resources/org/relay247/protocol/fuzz/
 * DirectoryFuzzTestInputs/<method>/}; see {@code docs/fuzzing.md}.
 */
class DirectoryFuzzTest {
  /** A small valid directory: the YAML seeds start from it, the signed template is made of it. */
  static final String MINIMAL_YAML = """
      version: 7
      issued_at: 2025-11-24T09:00:00Z
      parties:
        - code: FR
          name: France
          status: {protocol_in_force_from: 2025-01-01, eu_member: true}
          ca_certificates: [certs/fr-ca.pem]
          nodes:
            - id: fr-1
              endpoints: [relay.fr.example:8443]
              certificates:
                signing: certs/fr-1-signing.pem
                encryption: certs/fr-1-encryption.pem
          authorities:
            - id: poc
              name: 24/7 point of contact
              roles: [point_of_contact]
              node: fr-1
          declarations:
            - article: "6.6"
              effective_from: 2025-01-01
              authority: poc
        - code: DE
          name: Germany
          status: {protocol_in_force_from: 2025-03-01}
          declarations:
            - article: "9.1.b"
              effective_from: 2025-03-01
      pairs:
        - parties: [FR, DE]
          protocol_in_force_from: 2025-03-01
          data_protection_regime: art14
      """;
  private static final long HELD_VERSION = 5;

  @TempDir static Path dir;
  static FuzzNetwork net;
  static Path yamlBase;
  static Directory templateDirectory;
  static byte[] templateSignedDirectory;

  @BeforeAll
  static void network() throws IOException {
    RegressionMode.skipJazzerHooksUnlessFuzzing();
    net = new FuzzNetwork(dir.resolve("net"));
    yamlBase = Files.createDirectories(dir.resolve("yaml"));
    Path certs = Files.createDirectories(yamlBase.resolve("certs"));
    var layout = net.pki.layout();
    Files.copy(layout.partyCaCertificate(FuzzNetwork.FR), certs.resolve("fr-ca.pem"));
    Files.copy(layout.nodeCertificate(FuzzNetwork.FR, CertificatePurpose.SIGN), certs.resolve("fr-1-signing.pem"));
    Files.copy(layout.nodeCertificate(FuzzNetwork.FR, CertificatePurpose.ENC), certs.resolve("fr-1-encryption.pem"));
    templateDirectory = DirectoryYaml.parse(MINIMAL_YAML, yamlBase);
    templateSignedDirectory = new DirectorySigner(net.directoryKey, net.clock).sign(templateDirectory);
  }

  @FuzzTest(maxDuration = "60s")
  void anyYamlText_parsesOrFailsAsDirectoryYamlException(byte[] utf8) {
    String yaml = new String(utf8, StandardCharsets.UTF_8);
    try {
      DirectoryYaml.parse(yaml, yamlBase);
    } catch (DirectoryYamlException expected) {
      // the contract: a path and what was expected
    }
  }

  @FuzzTest(maxDuration = "60s")
  void anyBytes_verifyOrFailAsDirectoryVerificationException(byte[] bytes) {
    verifyOrNull(bytes);
  }

  @FuzzTest(maxDuration = "60s")
  void tamperedSignedDirectory_verifiesOnlyAsTheSignedDirectory(byte[] script) {
    Directory verified = verifyOrNull(EditScript.apply(templateSignedDirectory, script));
    if (verified != null) {
      assertThat(verified).isEqualTo(templateDirectory);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void anyContent_signedByTheDirectoryKey_isANewEnoughDirectoryOrRefused(byte[] content) {
    Directory verified = verifyOrNull(SignedDataCodec.sign(content, net.directoryKey, net.clock.instant()));
    if (verified != null) {
      assertThat(Long.compareUnsigned(verified.getVersion(), HELD_VERSION)).isNotNegative();
    }
  }

  private static Directory verifyOrNull(byte[] signed) {
    try {
      return new DirectoryVerifier(net.validator).verify(signed, HELD_VERSION);
    } catch (DirectoryVerificationException expected) {
      return null;
    }
  }
}
