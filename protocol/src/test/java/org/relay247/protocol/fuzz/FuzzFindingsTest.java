package org.relay247.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.protocol.directory.DirectoryYaml;
import org.relay247.protocol.directory.DirectoryYamlException;
import org.relay247.protocol.seal.AuthEnvelopedCodec;
import org.relay247.protocol.seal.DirectoryVerificationException;
import org.relay247.protocol.seal.DirectoryVerifier;
import org.relay247.protocol.seal.EnvelopeRejectedException;
import org.relay247.protocol.v1.Envelope;

/**
 * What the fuzz tests found, each pinned down without depending on where a fuzz input happened
 * to land in a network generated for one run (see {@code docs/fuzzing.md}, "Findings").
 */
class FuzzFindingsTest {
  @TempDir static Path dir;
  static FuzzNetwork net;

  @BeforeAll
  static void network() throws IOException {
    net = new FuzzNetwork(dir.resolve("net"));
  }

  @Test
  void envelopeWhoseSignedDataCarriesAnUnreadableCertificate_isRejectedAsMalformed() {
    byte[] signedData = Der.keyUsageExtensionValueAsSequence(net.templateSignedData);
    Envelope envelope = net.templateEnvelope.toBuilder()
        .setSealed(ByteString.copyFrom(AuthEnvelopedCodec.encrypt(signedData, net.recipientEncryptionCertificate)))
        .build();

    assertThatThrownBy(() -> net.newOpener().open(envelope))
        .isInstanceOf(EnvelopeRejectedException.Malformed.class)
        .hasMessageContaining("certificate");
  }

  @Test
  void signedDirectoryCarryingAnUnreadableCertificate_isRefused() {
    byte[] signed = Der.keyUsageExtensionValueAsSequence(net.signedDirectory(9));

    assertThatThrownBy(() -> new DirectoryVerifier(net.validator).verify(signed, 0))
        .isInstanceOf(DirectoryVerificationException.class);
  }

  @Test
  void yamlTagSnakeYamlRefusesWithIllegalArgument_failsAsDirectoryYamlException() {
    assertThatThrownBy(() -> DirectoryYaml.parse("!?%5", dir))
        .isExactlyInstanceOf(DirectoryYamlException.class)
        .hasMessageStartingWith("not valid YAML");
  }

  @Test
  void certificatePathWithNul_failsAsDirectoryYamlExceptionNamingThePath() {
    String yaml = DirectoryFuzzTest.MINIMAL_YAML.replace("[certs/fr-ca.pem]", "[\"certs/fr-ca\\0.pem\"]");

    assertThatThrownBy(() -> DirectoryYaml.parse(yaml, dir))
        .isExactlyInstanceOf(DirectoryYamlException.class)
        .hasMessageStartingWith("parties[0].ca_certificates[0]: ");
  }
}
