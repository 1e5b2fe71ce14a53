package org.relay247.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.protocol.fuzz.EditScript.script;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.Party;

/**
 * Writes the committed seed inputs of the fuzz tests. Skipped in the normal build; run it after
 * renaming a fuzz test method or to refresh the seeds:
 *
 * <pre>./mvnw -pl protocol test -Dtest=FuzzSeedsWriter -Drelay247.fuzz.writeSeeds=true</pre>
 *
 * <p>Edit-script seeds do not depend on any key. The raw-bytes seeds are an envelope and a signed
 * directory of a throwaway network generated here and then deleted: no private key is written
 * to the source tree, and since the fuzz tests generate their own network, those seeds exercise
 * parsing and the CMS checks up to the recipient (envelope) or the signer's trust (directory).
 * Files it does not write, such as Jazzer's {@code crash-*} findings, stay: they are regression
 * inputs too.
 */
@EnabledIfSystemProperty(named = "relay247.fuzz.writeSeeds", matches = "true")
class FuzzSeedsWriter {
  private static final Path RESOURCES = Path.of(System.getProperty("basedir", "."))
      .resolve("src/test/resources/org/relay247/protocol/fuzz");
  private static final Path EXAMPLE_DIRECTORY = Path.of(System.getProperty("basedir", "."))
      .resolve("../docs/examples/directory.yaml").normalize();

  @TempDir Path dir;

  @Test
  void writesEverySeed() throws IOException {
    FuzzNetwork throwaway = new FuzzNetwork(dir.resolve("throwaway"));
    writeEnvelopeSeeds(throwaway);
    writeDirectorySeeds(throwaway);
  }

  private static void writeEnvelopeSeeds(FuzzNetwork other) throws IOException {
    Path root = RESOURCES.resolve("EnvelopeOpenerFuzzTestInputs");

    Path wire = root.resolve("wireBytes_failOnlyAsUnparseableOrRejected");
    byte[] envelope = other.templateEnvelope.toByteArray();
    write(wire, "envelope-of-another-network.bin", envelope);
    write(wire, "envelope-truncated.bin", Arrays.copyOf(envelope, envelope.length * 3 / 5));
    byte[] flipped = envelope.clone();
    flipped[12] ^= 0x04;  // inside routing.message_id
    write(wire, "envelope-bit-flipped-in-routing.bin", flipped);
    write(wire, "envelope-for-another-party.bin", other.templateEnvelope.toBuilder()
        .setRouting(other.templateEnvelope.getRouting().toBuilder().setRecipient("US/poc")).build().toByteArray());
    write(wire, "envelope-without-routing.bin", Envelope.newBuilder()
        .setSealed(other.templateEnvelope.getSealed()).build().toByteArray());
    write(wire, "envelope-with-garbage-sealed.bin", other.templateEnvelope.toBuilder()
        .setSealed(ByteString.copyFromUtf8("0\u0080not DER")).build().toByteArray());
    write(wire, "not-protobuf.bin", new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});

    Path sealed = root.resolve("tamperedSealedBytes_neverOpen_andFailOnlyAsRejected");
    write(sealed, "flip-outer-tag.bin", script().flip(0, 0x01).build());
    write(sealed, "flip-in-header.bin", script().flip(0.05, 0x10).build());
    write(sealed, "flip-in-ciphertext.bin", script().flip(0.6, 0x80).build());
    write(sealed, "flip-in-tag.bin", script().flip(0.995, 0x01).build());
    write(sealed, "truncate-half.bin", script().truncate(0.5).build());
    write(sealed, "delete-in-recipient-info.bin", script().delete(0.1, 7).build());
    write(sealed, "insert-in-header.bin", script().insert(0.02, new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}).build());

    Path routing = root.resolve("tamperedRouting_opensOnlyWhenUnchanged_andFailsOnlyAsRejected");
    write(routing, "flip-in-message-id.bin", script().flip(0.1, 0x01).build());
    write(routing, "priority-overridden.bin", script().insert(1, new byte[] {0x20, 0x03}).build());
    write(routing, "recipient-overridden.bin", script().insert(1, field(3, "FR/poc")).build());
    write(routing, "sender-overridden.bin", script().insert(1, field(2, "DE/poc")).build());
    write(routing, "unknown-field-appended.bin", script().insert(1, new byte[] {0x78, 0x01}).build());
    write(routing, "truncated.bin", script().truncate(0.9).build());

    Path signedData = root.resolve("tamperedSignedData_underValidEncryption_opensOnlyAsTheSignedContent");
    write(signedData, "flip-outer-tag.bin", script().flip(0, 0x01).build());
    write(signedData, "flip-in-content.bin", script().flip(0.04, 0x02).build());
    write(signedData, "flip-in-certificates.bin", script().flip(0.5, 0x40).build());
    write(signedData, "flip-in-signature.bin", script().flip(0.99, 0x01).build());
    write(signedData, "truncate.bin", script().truncate(0.95).build());
    write(signedData, "delete-in-certificates.bin", script().delete(0.3, 12).build());

    Path inner = root.resolve("anyInnerMessage_validlySignedAndSealed_opensOnlyWithTheClearRouting");
    write(inner, "empty-message.bin", script().truncate(0).build());
    write(inner, "routing-truncated.bin", script().truncate(0.2).build());
    write(inner, "body-replaced.bin", script().insert(1, new byte[] {(byte) 0x92, 0x01, 0x00}).build());
    write(inner, "routing-field-flipped.bin", script().flip(0.3, 0x01).build());
    write(inner, "unknown-field-appended.bin", script().insert(1, new byte[] {(byte) 0xf8, 0x7f, 0x01}).build());
  }

  private static void writeDirectorySeeds(FuzzNetwork other) throws IOException {
    Path root = RESOURCES.resolve("DirectoryFuzzTestInputs");

    Path yaml = root.resolve("anyYamlText_parsesOrFailsAsDirectoryYamlException");
    write(yaml, "minimal.yaml", utf8(DirectoryFuzzTest.MINIMAL_YAML));
    write(yaml, "docs-example.yaml", Files.readAllBytes(EXAMPLE_DIRECTORY));
    write(yaml, "certificate-missing.yaml", utf8(DirectoryFuzzTest.MINIMAL_YAML.replace("certs/fr-ca.pem", "certs/none.pem")));
    write(yaml, "certificate-not-pem.yaml", utf8(DirectoryFuzzTest.MINIMAL_YAML.replace("certs/fr-ca.pem", "certs")));
    // Found by reading PemCertificates: Path.resolve threw InvalidPathException, not DirectoryYamlException.
    write(yaml, "certificate-path-with-nul.yaml", utf8(DirectoryFuzzTest.MINIMAL_YAML.replace(
        "[certs/fr-ca.pem]", "[\"certs/fr-ca\\0.pem\"]")));
    write(yaml, "dates-reversed.yaml", utf8(DirectoryFuzzTest.MINIMAL_YAML.replace(
        "effective_from: 2025-01-01\n", "effective_from: 2025-01-01\n      effective_to: 2024-12-31\n")));
    write(yaml, "duplicate-key.yaml", utf8("version: 1\nversion: 2\n"));
    write(yaml, "alias-bomb.yaml", utf8("a: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"));
    write(yaml, "not-yaml.yaml", utf8("{[: \t\"\n"));
    write(yaml, "scalar.yaml", utf8("just text\n"));

    Directory small = Directory.newBuilder().setVersion(9)
        .addParties(Party.newBuilder().setCode("FR").setName("France")).build();
    byte[] signed = new org.relay247.protocol.seal.DirectorySigner(other.directoryKey, other.clock).sign(small);
    Path bytes = root.resolve("anyBytes_verifyOrFailAsDirectoryVerificationException");
    write(bytes, "signed-by-another-network.bin", signed);
    write(bytes, "truncated.bin", Arrays.copyOf(signed, signed.length / 2));
    byte[] flipped = signed.clone();
    flipped[flipped.length - 10] ^= 0x01;  // in the signature
    write(bytes, "signature-flipped.bin", flipped);
    write(bytes, "not-der.bin", utf8("version: 9"));
    // Finding 1 (docs/fuzzing.md): BouncyCastle threw IllegalArgumentException reading this certificate.
    write(bytes, "certificate-extension-not-an-octet-string.bin", Der.keyUsageExtensionValueAsSequence(signed));

    Path tampered = root.resolve("tamperedSignedDirectory_verifiesOnlyAsTheSignedDirectory");
    write(tampered, "flip-in-content.bin", script().flip(0.1, 0x01).build());
    write(tampered, "flip-in-certificates.bin", script().flip(0.7, 0x20).build());
    write(tampered, "flip-in-signature.bin", script().flip(0.99, 0x01).build());
    write(tampered, "truncate.bin", script().truncate(0.8).build());
    write(tampered, "delete-in-signed-attributes.bin", script().delete(0.9, 5).build());

    Path content = root.resolve("anyContent_signedByTheDirectoryKey_isANewEnoughDirectoryOrRefused");
    write(content, "newer-directory.bin", small.toByteArray());
    write(content, "older-directory.bin", small.toBuilder().setVersion(3).build().toByteArray());
    write(content, "unsigned-overflow-version.bin", Directory.newBuilder().setVersion(-1).build().toByteArray());
    write(content, "not-a-directory.bin", new byte[] {0x0a, (byte) 0xff, 0x7f});
  }

  /** A length-delimited protobuf field with a short string value. */
  private static byte[] field(int number, String value) {
    byte[] text = utf8(value);
    byte[] out = new byte[2 + text.length];
    out[0] = (byte) (number << 3 | 2);
    out[1] = (byte) text.length;
    System.arraycopy(text, 0, out, 2, text.length);
    return out;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void write(Path dir, String name, byte[] bytes) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve(name), bytes);
    assertThat(dir.resolve(name)).hasBinaryContent(bytes);
  }
}
