package org.relay247.protocol.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.Openssl;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Pem;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;

/** {@code relay247 envelope seal|open|cms} as a tester runs them: output, exit codes, files. */
class EnvelopeCommandTest {
  @TempDir static Path shared;
  static CliNetwork net;

  @TempDir Path tmp;

  @BeforeAll
  static void network() throws Exception {
    net = new CliNetwork(shared.resolve("net"));
  }

  static InnerMessage parse(Path json) throws Exception {
    InnerMessage.Builder b = InnerMessage.newBuilder();
    JsonFormat.parser().merge(Files.readString(json), b);
    return b.build();
  }

  /** The JSON that 'envelope open' prints after its VALID line. */
  static InnerMessage printedInner(String out) throws Exception {
    InnerMessage.Builder b = InnerMessage.newBuilder();
    JsonFormat.parser().merge(out.substring(out.indexOf('\n') + 1), b);
    return b.build();
  }

  private Path seal(Path body, String... extra) {
    Path out = tmp.resolve("m-" + System.nanoTime() + ".env");
    CliNetwork.Run r = sealTo(out, body, extra);
    assertThat(r.exit()).as(r.err()).isZero();
    return out;
  }

  private CliNetwork.Run sealTo(Path out, Path body, String... extra) {
    List<String> args = new ArrayList<>(List.of("envelope", "seal", "--network", net.path(),
        "--body", body.toString(), "--out", out.toString()));
    args.addAll(List.of(extra));
    return net.run(args.toArray(String[]::new));
  }

  private CliNetwork.Run open(Path env, String as, String... extra) {
    List<String> args = new ArrayList<>(List.of("envelope", "open", "--network", net.path(), "--as", as,
        "--in", env.toString()));
    args.addAll(List.of(extra));
    return net.run(args.toArray(String[]::new));
  }

  private Path json(String text) throws Exception {
    Path file = tmp.resolve("body-" + System.nanoTime() + ".json");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void sealThenOpen_ofAnExample_printsValidWithSigner_andTheIdenticalInnerMessage() throws Exception {
    Path example = CliNetwork.EXAMPLES.resolve("art9-request.json");
    Path env = seal(example);

    CliNetwork.Run open = open(env, "DE");

    assertThat(open.exit()).as(open.err()).isZero();
    assertThat(open.out()).startsWith("VALID envelope 019aa430-9a40-7593-9e3f-13c7dd8924e5 from FR/poc to DE/poc,"
        + " signed by CN=fr-node,OU=sign,").contains("(Party FR) at ");
    assertThat(printedInner(open.out())).isEqualTo(parse(example));
  }

  @Test
  void seal_printsWhatItWrote() throws Exception {
    Path out = tmp.resolve("ping.env");
    CliNetwork.Run r = sealTo(out, CliNetwork.EXAMPLES.resolve("ping.json"));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("Sealed envelope ").contains(" from FR/poc to DE/poc (ping, ROUTINE, ")
        .endsWith("bytes): " + out + System.lineSeparator());
    assertThat(Envelope.parseFrom(Files.readAllBytes(out)).getRouting().getSender()).isEqualTo("FR/poc");
  }

  @Test
  void seal_bodyWithoutRouting_fillsIdsAndTimeAndTakesAddressesFromTheOptions() throws Exception {
    Path env = seal(json("{\"ping\": {\"nonce\": \"n-1\"}}"), "--from", "FR/poc", "--to", "US/poc");

    CliNetwork.Run open = open(env, "US");

    assertThat(open.exit()).as(open.out()).isZero();
    InnerMessage inner = printedInner(open.out());
    assertThat(inner.getRouting().getSender()).isEqualTo("FR/poc");
    assertThat(inner.getRouting().getRecipient()).isEqualTo("US/poc");
    assertThat(inner.getRouting().getPriority()).isEqualTo(Priority.PRIORITY_ROUTINE);
    MessageIds.requireValid("message id", inner.getRouting().getMessageId());
    MessageIds.requireValid("case id", inner.getRouting().getCaseId());
    assertThat(inner.getRouting().hasCreatedAt()).isTrue();
    assertThat(inner.getPing().getNonce()).isEqualTo("n-1");
  }

  @Test
  void seal_optionsOverrideTheJson_andNewIdReplacesTheMessageId() throws Exception {
    Path example = CliNetwork.EXAMPLES.resolve("ping.json");
    Path env = seal(example, "--to", "US/poc", "--priority", "emergency", "--new-id");

    InnerMessage inner = printedInner(open(env, "US").out());

    assertThat(inner.getRouting().getRecipient()).isEqualTo("US/poc");
    assertThat(inner.getRouting().getPriority()).isEqualTo(Priority.PRIORITY_EMERGENCY);
    assertThat(inner.getRouting().getMessageId()).isNotEqualTo(parse(example).getRouting().getMessageId());
    assertThat(inner.getRouting().getCaseId()).isEqualTo(parse(example).getRouting().getCaseId());
  }

  @Test
  void seal_unknownJsonField_exitsOneNamingTheField() throws Exception {
    Path body = json("{\"ping\": {\"nonce\": \"n\"}, \"priorty\": \"x\"}");

    CliNetwork.Run r = sealTo(tmp.resolve("x.env"), body, "--from", "FR/poc", "--to", "DE/poc");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("relay247 envelope seal: " + body + ": not an InnerMessage in protobuf JSON")
        .contains("priorty");
    assertThat(tmp.resolve("x.env")).doesNotExist();
  }

  @Test
  void seal_withoutRecipient_exitsOneSayingWhatIsMissing() throws Exception {
    CliNetwork.Run r = sealTo(tmp.resolve("x.env"), json("{\"ping\": {}}"), "--from", "FR/poc");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("routing.recipient: missing (expected: --to or routing.recipient in the JSON)");
  }

  @Test
  void seal_withoutBody_exitsOne() throws Exception {
    CliNetwork.Run r = sealTo(tmp.resolve("x.env"), json("{}"), "--from", "FR/poc", "--to", "DE/poc");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("body: not set");
  }

  @Test
  void seal_badAddressOrPriority_isAUsageError() throws Exception {
    Path body = json("{\"ping\": {}}");

    CliNetwork.Run address = sealTo(tmp.resolve("x.env"), body, "--from", "France", "--to", "DE/poc");
    CliNetwork.Run priority = sealTo(tmp.resolve("x.env"), body, "--from", "FR/poc", "--to", "DE/poc",
        "--priority", "asap");

    assertThat(address.exit()).isEqualTo(2);
    assertThat(address.err()).contains("address: \"France\"");
    assertThat(priority.exit()).isEqualTo(2);
    assertThat(priority.err()).contains("expected: emergency, urgent or routine");
  }

  @Test
  void seal_refusesToReplaceAFile_unlessForced() throws Exception {
    Path out = Files.writeString(tmp.resolve("taken.env"), "keep me");
    Path body = CliNetwork.EXAMPLES.resolve("ping.json");

    CliNetwork.Run refused = sealTo(out, body);
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains(out + " already exists (add --force to replace it)");
    assertThat(Files.readString(out)).isEqualTo("keep me");

    assertThat(sealTo(out, body, "--force").exit()).isZero();
    assertThat(Envelope.parseFrom(Files.readAllBytes(out)).getSealed().size()).isGreaterThan(0);
  }

  @Test
  void seal_toAPartyWithoutNode_exitsOne() throws Exception {
    CliNetwork.Run r = sealTo(tmp.resolve("x.env"), json("{\"ping\": {}}"), "--from", "FR/poc", "--to", "IT/poc");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("Party IT has no node in");
  }

  @Test
  void open_tamperedCiphertext_exitsOneWithDecryptionFailed() throws Exception {
    Path env = seal(CliNetwork.EXAMPLES.resolve("ping.json"));
    byte[] bytes = Files.readAllBytes(env);
    bytes[bytes.length - 20] ^= 0x01;  // inside the encrypted content or its GCM tag
    Files.write(env, bytes);

    CliNetwork.Run r = open(env, "DE");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("INVALID DECRYPTION_FAILED: ");
  }

  @Test
  void open_tamperedClearRouting_exitsOneWithRoutingMismatch() throws Exception {
    Path env = seal(CliNetwork.EXAMPLES.resolve("ping.json"));
    Envelope envelope = Envelope.parseFrom(Files.readAllBytes(env));
    Files.write(env, envelope.toBuilder().setRouting(envelope.getRouting().toBuilder()
        .setPriority(Priority.PRIORITY_EMERGENCY)).build().toByteArray());

    CliNetwork.Run r = open(env, "DE");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("INVALID ROUTING_MISMATCH: ").contains("field priority");
  }

  @Test
  void open_asAnotherParty_exitsOneWithWrongRecipient() throws Exception {
    Path env = seal(CliNetwork.EXAMPLES.resolve("ping.json"));

    CliNetwork.Run r = open(env, "US");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("INVALID WRONG_RECIPIENT: recipient DE/poc is not an authority of US");
  }

  @Test
  void open_notAnEnvelope_exitsOneWithMalformed() throws Exception {
    Path junk = Files.writeString(tmp.resolve("junk.env"), "not an envelope at all");

    CliNetwork.Run r = open(junk, "DE");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("INVALID MALFORMED: " + junk + ": not a serialized Envelope");
  }

  @Test
  void open_longAfterSealing_failsOnSkew_unlessOpenedAtTheTimeOrWithMoreSkew() throws Exception {
    Path env = seal(CliNetwork.EXAMPLES.resolve("ping.json"));
    Instant sealedAt = net.clock().instant();
    net.advance(Duration.ofMinutes(10));
    try {
      CliNetwork.Run late = open(env, "DE");
      assertThat(late.exit()).isEqualTo(1);
      assertThat(late.out()).startsWith("INVALID SIGNING_TIME_SKEW: ").contains("expected: within 300 s");

      assertThat(open(env, "DE", "--at", sealedAt.plusSeconds(60).toString()).exit()).isZero();
      assertThat(open(env, "DE", "--max-skew-seconds", "900").exit()).isZero();
    } finally {
      net.advance(Duration.ofMinutes(-10));
    }
  }

  @Test
  void open_badOptionValues_areUsageErrors() throws Exception {
    Path env = seal(CliNetwork.EXAMPLES.resolve("ping.json"));

    CliNetwork.Run skew = open(env, "DE", "--max-skew-seconds", "0");
    CliNetwork.Run at = open(env, "DE", "--at", "yesterday");
    CliNetwork.Run party = open(env, "Germany");

    assertThat(skew.exit()).isEqualTo(2);
    assertThat(skew.err()).contains("expected: a whole number of seconds > 0");
    assertThat(at.exit()).isEqualTo(2);
    assertThat(at.err()).contains("expected: an ISO-8601 instant");
    assertThat(party.exit()).isEqualTo(2);
  }

  @Test
  void cms_outputDecryptsAndVerifiesWithOpenssl() throws Exception {
    Path example = CliNetwork.EXAMPLES.resolve("art9-request.json");
    Path env = seal(example);
    Path der = tmp.resolve("sealed.der");

    CliNetwork.Run cms = net.run("envelope", "cms", "--in", env.toString(), "--out", der.toString());
    assertThat(cms.exit()).as(cms.err()).isZero();
    assertThat(cms.out()).startsWith("Wrote the CMS AuthEnvelopedData of envelope 019aa430-9a40-7593-9e3f-13c7dd8924e5");
    assertThat(Files.readAllBytes(der)).isEqualTo(Envelope.parseFrom(Files.readAllBytes(env)).getSealed().toByteArray());

    Pem.writePrivateKey(tmp.resolve("de-enc.key"), net.pki.nodeKey(new PartyCode("DE"), CertificatePurpose.ENC));
    Openssl.Result decrypt = Openssl.run(tmp, "cms", "-decrypt", "-binary", "-inform", "DER", "-in", "sealed.der",
        "-recip", net.dir.resolve("DE/enc.pem").toString(), "-inkey", "de-enc.key", "-out", "signed.der");
    assertThat(decrypt.exitCode()).as(decrypt.output()).isZero();
    Openssl.Result verify = Openssl.run(tmp, "cms", "-verify", "-binary", "-inform", "DER", "-in", "signed.der",
        "-CAfile", net.dir.resolve("root/ca.pem").toString(), "-out", "inner.bin");
    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(verify.output()).contains("Verification successful");
    assertThat(InnerMessage.parseFrom(Files.readAllBytes(tmp.resolve("inner.bin")))).isEqualTo(parse(example));
  }

  @Test
  void cms_ofAFileThatIsNoEnvelope_exitsOne() throws Exception {
    Path junk = Files.writeString(tmp.resolve("junk.env"), "");

    CliNetwork.Run r = net.run("envelope", "cms", "--in", junk.toString(), "--out", tmp.resolve("x.der").toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("not a serialized Envelope");
  }

  @Test
  void everyCommand_hasHelp_andABareGroupIsAUsageError() {
    for (List<String> command : List.of(List.of("envelope"), List.of("envelope", "seal"), List.of("envelope", "open"),
        List.of("envelope", "cms"), List.of("directory"), List.of("directory", "sign"), List.of("verify"))) {
      List<String> args = new ArrayList<>(command);
      args.add("--help");
      CliNetwork.Run help = net.run(args.toArray(String[]::new));
      assertThat(help.exit()).as(String.join(" ", command)).isZero();
      assertThat(help.out()).as(String.join(" ", command)).startsWith("Usage: relay247 " + String.join(" ", command));
    }
    assertThat(net.run("envelope").exit()).isEqualTo(2);
    assertThat(net.run("directory").exit()).isEqualTo(2);
  }
}
