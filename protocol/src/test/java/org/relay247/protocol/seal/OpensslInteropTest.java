package org.relay247.protocol.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.protocol.seal.TestNodes.DE;
import static org.relay247.protocol.seal.TestNodes.FR;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.Openssl;
import org.relay247.pki.Pem;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;

/**
 * Envelopes are standard CMS: openssl 3 decrypts and verifies what we seal, and what openssl
 * signs and encrypts with the same keys opens with {@link EnvelopeOpener}.
 */
class OpensslInteropTest {
  @TempDir static Path dir;
  static TestNodes nodes;
  static Path net;

  @BeforeAll
  static void network() throws Exception {
    net = dir.resolve("net");
    nodes = new TestNodes(net);
    Pem.writePrivateKey(dir.resolve("de-enc.key"), nodes.decryptionKey(DE).privateKey());
    Pem.writePrivateKey(dir.resolve("fr-sign.key"), nodes.signingKey(FR).privateKey());
  }

  @Test
  void sealedEnvelope_decryptsAndVerifiesWithOpenssl_givingBackTheInnerBytes() throws Exception {
    InnerMessage inner = nodes.ping("FR/poc", "DE/poc");
    Envelope envelope = new EnvelopeSealer(nodes.signingKey(FR), nodes.clock).seal(inner, nodes.encryptionCertificate(DE));
    Files.write(dir.resolve("sealed.der"), envelope.getSealed().toByteArray());

    Openssl.Result decrypt = Openssl.run(dir, "cms", "-decrypt", "-binary", "-inform", "DER", "-in", "sealed.der",
        "-recip", "net/DE/enc.pem", "-inkey", "de-enc.key", "-out", "signed.der");
    assertThat(decrypt.exitCode()).as(decrypt.output()).isZero();

    Openssl.Result verify = Openssl.run(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", "signed.der",
        "-CAfile", "net/root/ca.pem", "-out", "inner.bin");
    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(verify.output()).contains("Verification successful");
    assertThat(Files.readAllBytes(dir.resolve("inner.bin"))).isEqualTo(inner.toByteArray());
  }

  @Test
  void opensslSignedAndEncryptedMessage_opensWithEnvelopeOpener() throws Exception {
    InnerMessage inner = nodes.ping("FR/poc", "DE/poc");
    Files.write(dir.resolve("inner-o.bin"), inner.toByteArray());

    Openssl.Result sign = Openssl.run(dir, "cms", "-sign", "-binary", "-nodetach", "-md", "sha256",
        "-in", "inner-o.bin", "-signer", "net/FR/sign.pem", "-inkey", "fr-sign.key", "-certfile", "net/FR/ca.pem",
        "-outform", "DER", "-out", "signed-o.der");
    assertThat(sign.exitCode()).as(sign.output()).isZero();
    Openssl.Result encrypt = Openssl.run(dir, "cms", "-encrypt", "-binary", "-aes-256-gcm",
        "-inform", "DER", "-in", "signed-o.der", "-recip", "net/DE/enc.pem", "-keyopt", "ecdh_kdf_md:sha256",
        "-outform", "DER", "-out", "sealed-o.der");
    assertThat(encrypt.exitCode()).as(encrypt.output()).isZero();

    Envelope envelope = Envelope.newBuilder().setRouting(inner.getRouting())
        .setSealed(ByteString.copyFrom(Files.readAllBytes(dir.resolve("sealed-o.der")))).build();
    OpenedEnvelope opened = nodes.opener(DE).open(envelope);
    assertThat(opened.inner()).isEqualTo(inner);
    assertThat(opened.signer().party()).contains(FR);
    assertThat(opened.signer().certificate())
        .isEqualTo(Pem.readCertificate(nodes.pki.layout().nodeCertificate(FR, CertificatePurpose.SIGN)));
  }
}
