package org.relay247.protocol.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Pem;
import org.relay247.pki.RevocationReason;
import org.relay247.protocol.directory.DefaultDirectory;
import org.relay247.protocol.seal.ReceiptSigner;
import org.relay247.protocol.seal.ReceiptVerifier;
import org.relay247.protocol.seal.SignedDataCodec;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Receipt;
import org.relay247.protocol.v1.ReceiptStatus;
import org.relay247.protocol.v1.RejectionReason;

/** {@code relay247 verify FILE} on receipts, evidence manifests, other signed messages and directories. */
class VerifyCommandTest {
  static final PartyCode DE = new PartyCode("DE");
  static final PartyCode FR = new PartyCode("FR");

  @TempDir static Path shared;
  static CliNetwork net;
  static Path envelope;
  static byte[] envelopeBytes;

  @TempDir Path tmp;

  @BeforeAll
  static void network() throws Exception {
    net = new CliNetwork(shared.resolve("net"));
    envelope = shared.resolve("art9.env");
    CliNetwork.Run seal = net.run("envelope", "seal", "--network", net.path(), "--body",
        CliNetwork.EXAMPLES.resolve("art9-request.json").toString(), "--out", envelope.toString());
    assertThat(seal.exit()).as(seal.err()).isZero();
    envelopeBytes = Files.readAllBytes(envelope);
  }

  private CliNetwork.Run verify(Path file, String... extra) {
    String[] args = new String[3 + extra.length];
    args[0] = "verify";
    args[1] = file.toString();
    args[2] = "--network=" + net.path();
    System.arraycopy(extra, 0, args, 3, extra.length);
    return net.run(args);
  }

  private Path receipt(PartyCode signer, Receipt receipt) throws Exception {
    Envelope sent = Envelope.parseFrom(envelopeBytes);
    byte[] signed = new ReceiptSigner(NodeKeys.signing(net.pki, signer), Clock.systemUTC())
        .sign(sent.getRouting(), receipt);
    return Files.write(tmp.resolve("receipt-" + System.nanoTime() + ".der"), signed);
  }

  private static Receipt accepted() {
    return Receipt.newBuilder().setMessageId("019aa430-9a40-7593-9e3f-13c7dd8924e5")
        .setEnvelopeSha256(ByteString.copyFrom(ReceiptVerifier.sha256(envelopeBytes)))
        .setStatus(ReceiptStatus.RECEIPT_STATUS_ACCEPTED)
        .setReceivedAt(Timestamps.fromMillis(System.currentTimeMillis())).build();
  }

  private Path signedExample(String example, PartyCode signer) throws Exception {
    InnerMessage inner = EnvelopeCommandTest.parse(CliNetwork.EXAMPLES.resolve(example));
    byte[] signed = SignedDataCodec.sign(inner.toByteArray(), NodeKeys.signing(net.pki, signer),
        java.time.Instant.now());
    return Files.write(tmp.resolve("signed-" + System.nanoTime() + ".der"), signed);
  }

  @Test
  void verify_acceptanceReceipt_saysWhoAcceptedWhichEnvelopeAndWhen() throws Exception {
    CliNetwork.Run r = verify(receipt(DE, accepted()));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("VALID receipt from DE/poc to FR/poc: ACCEPTED envelope "
            + "019aa430-9a40-7593-9e3f-13c7dd8924e5 (SHA-256 "
            + HexFormat.of().formatHex(ReceiptVerifier.sha256(envelopeBytes)) + "), received ")
        .contains("; signed by CN=de-node,OU=sign,").contains("(Party DE) at ");
  }

  @Test
  void verify_receiptWithItsEnvelope_checksThatItAnswersThoseBytes() throws Exception {
    Path receipt = receipt(DE, accepted());

    CliNetwork.Run ok = verify(receipt, "--envelope", envelope.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("it answers envelope 019aa430-9a40-7593-9e3f-13c7dd8924e5 (SHA-256 of the envelope bytes matches)");

    byte[] other = envelopeBytes.clone();
    other[other.length - 1] ^= 1;
    Path altered = Files.write(tmp.resolve("altered.env"), other);
    CliNetwork.Run mismatch = verify(receipt, "--envelope", altered.toString());
    assertThat(mismatch.exit()).isEqualTo(1);
    assertThat(mismatch.out()).startsWith("INVALID NOT_FOR_THIS_ENVELOPE: receipt.envelope_sha256 does not match");
  }

  @Test
  void verify_signedRejection_isValid_andShowsReasonArticleAndDetail() throws Exception {
    Receipt rejection = accepted().toBuilder().setStatus(ReceiptStatus.RECEIPT_STATUS_REJECTED)
        .setReason(RejectionReason.REJECTION_REASON_TREATY_RULE).setArticle("9.1.b")
        .setDetail("subscriber information only").build();

    CliNetwork.Run r = verify(receipt(DE, rejection));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains(": REJECTED envelope 019aa430-9a40-7593-9e3f-13c7dd8924e5")
        .contains(" with TREATY_RULE (Art. 9.1.b): subscriber information only");
  }

  @Test
  void verify_evidenceManifest_givesItemCountAndSize() throws Exception {
    CliNetwork.Run r = verify(signedExample("evidence-manifest.json", DE));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("VALID evidence manifest 019aa524-2200-72b6-92a3-755c32627d55 from DE/poc to FR/poc:"
        + " 3 items, 12561265 bytes, answering request 019aa430-9a40-7593-9e3f-13c7dd8924e5 (official copy);"
        + " signed by CN=de-node");
  }

  @Test
  void verify_manifestSignedByAnotherPartysNode_exitsOneWithSignerNotSender() throws Exception {
    CliNetwork.Run r = verify(signedExample("evidence-manifest.json", FR));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("INVALID SIGNER_NOT_SENDER: signed by a node of FR but sent as DE/poc"
        + System.lineSeparator());
  }

  @Test
  void verify_otherSignedMessage_namesItsBody() throws Exception {
    CliNetwork.Run r = verify(signedExample("art9-request.json", FR));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("VALID signed message 019aa430-9a40-7593-9e3f-13c7dd8924e5 (art9_request)"
        + " from FR/poc to DE/poc; signed by CN=fr-node");
  }

  @Test
  void verify_defaultDirectory_givesVersionAndParties() throws Exception {
    Path file = tmp.resolve("directory.bin");
    Files.write(file, DefaultDirectory.sign(net.pki, DefaultDirectory.forNetwork(net.pki, java.time.Instant.now()),
        Clock.systemUTC()));

    CliNetwork.Run r = verify(file);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("VALID directory version 1 issued ")
        .contains(": 3 Parties (DE, FR, US), 3 pairs; signed by ")
        .contains("(network directory signer) at ");
  }

  @Test
  void verify_pemEncodedFile_isReadToo() throws Exception {
    byte[] der = Files.readAllBytes(receipt(DE, accepted()));
    Path pem = Files.writeString(tmp.resolve("receipt.pem"), "-----BEGIN CMS-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END CMS-----\n");

    assertThat(verify(pem).exit()).isZero();
  }

  @Test
  void verify_tamperedSignedContent_exitsOne() throws Exception {
    byte[] bytes = Files.readAllBytes(receipt(DE, accepted()));
    int at = indexOf(bytes, "019aa430".getBytes(StandardCharsets.US_ASCII));
    bytes[at] = '1';
    Path tampered = Files.write(tmp.resolve("tampered.der"), bytes);

    CliNetwork.Run r = verify(tampered);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("INVALID SIGNATURE_INVALID: ");
  }

  @Test
  void verify_sealedEnvelope_exitsOneSayingToOpenIt() {
    CliNetwork.Run r = verify(envelope);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("INVALID MALFORMED: this is a sealed envelope, not a signed file");
  }

  @Test
  void verify_receiptOfARevokedSigner_exitsOneWithRevoked() throws Exception {
    CliNetwork revoking = new CliNetwork(tmp.resolve("net2"));
    Path file = tmp.resolve("r.der");
    Files.write(file, SignedDataCodec.sign(EnvelopeCommandTest.parse(CliNetwork.EXAMPLES.resolve("receipt.json"))
        .toByteArray(), NodeKeys.signing(revoking.pki, DE), java.time.Instant.now()));
    revoking.pki.revoke(DE, Pem.readCertificate(revoking.pki.layout().nodeCertificate(DE, CertificatePurpose.SIGN)),
        RevocationReason.KEY_COMPROMISE);

    CliNetwork.Run r = revoking.run("verify", file.toString(), "--network", revoking.path());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("INVALID SIGNER_CERTIFICATE_REVOKED: signer certificate: REVOKED");
  }

  @Test
  void verify_againstAnotherNetwork_exitsOneWithUntrusted() throws Exception {
    CliNetwork other = new CliNetwork(tmp.resolve("other"));

    CliNetwork.Run r = other.run("verify", receipt(DE, accepted()).toString(), "--network", other.path());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).startsWith("INVALID SIGNER_CERTIFICATE_UNTRUSTED: ");
  }

  @Test
  void verify_withoutANetworkDirectory_exitsOneAskingForIt() throws Exception {
    CliNetwork.Run r = net.run("verify", receipt(DE, accepted()).toString(), "--network", tmp.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("is not a network directory (no root/ca.pem): pass --network DIR");
  }

  @Test
  void verify_envelopeOptionOnADirectory_isAUsageError() throws Exception {
    Path file = Files.write(tmp.resolve("d.bin"), DefaultDirectory.sign(net.pki,
        DefaultDirectory.forNetwork(net.pki, java.time.Instant.now()), Clock.systemUTC()));

    CliNetwork.Run r = verify(file, "--envelope", envelope.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--envelope applies to receipts only");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
