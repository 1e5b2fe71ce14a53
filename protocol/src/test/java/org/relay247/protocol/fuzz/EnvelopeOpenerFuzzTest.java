package org.relay247.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.protocol.seal.AuthEnvelopedCodec;
import org.relay247.protocol.seal.CmsException;
import org.relay247.protocol.seal.EnvelopeOpener;
import org.relay247.protocol.seal.OpenedEnvelope;
import org.relay247.protocol.seal.SignedDataCodec;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.Routing;

/**
 * Fuzzes {@link EnvelopeOpener#open}: whatever arrives, the opener either opens it or refuses it
 * with an {@link org.relay247.protocol.seal.EnvelopeRejectedException} (its contract); bytes that
 * are not an Envelope at all fail earlier with {@link InvalidProtocolBufferException}. Any other
 * throwable escaping is a finding. Where an input can be told apart from the valid template, an
 * input that opens must also be the template's content (a tampered envelope never opens as
 * something else).
 *
 * <p>Each target reaches one layer deeper: raw wire bytes; the sealed CMS AuthEnvelopedData of a
 * valid envelope (structure checks, recipient id, GCM); its clear routing (routing checks, then a
 * full decrypt and verify, then the signed-versus-clear comparison); the SignedData inside a valid
 * encryption (DER, signer, certificates, signature, certificate validation); and the inner
 * message signed and encrypted with valid keys (parsing, routing equality, body, skew, replay).
 * The network is generated per run (see {@link FuzzNetwork}); the edit-script targets apply the
 * fuzz input to its valid envelope through {@link EditScript}, so committed seeds stay meaningful
 * across runs. Regression inputs: {@code src/test/resources/org/relay247/protocol/fuzz/
 * EnvelopeOpenerFuzzTestInputs/<method>/}; see {@code docs/fuzzing.md}.
 */
class EnvelopeOpenerFuzzTest {
  @TempDir static Path dir;
  static FuzzNetwork net;

  @BeforeAll
  static void network() throws IOException {
    RegressionMode.skipJazzerHooksUnlessFuzzing();
    net = new FuzzNetwork(dir.resolve("net"));
  }

  @FuzzTest(maxDuration = "60s")
  void wireBytes_failOnlyAsUnparseableOrRejected(byte[] wire) {
    Envelope envelope;
    try {
      envelope = Envelope.parseFrom(wire);
    } catch (InvalidProtocolBufferException unparseable) {
      return;
    }
    net.openOrNull(envelope);
  }

  @FuzzTest(maxDuration = "60s")
  void tamperedSealedBytes_neverOpen_andFailOnlyAsRejected(byte[] script) {
    byte[] original = net.templateEnvelope.getSealed().toByteArray();
    byte[] sealed = EditScript.apply(original, script);
    OpenedEnvelope opened = net.openOrNull(
        net.templateEnvelope.toBuilder().setSealed(ByteString.copyFrom(sealed)).build());
    if (opened != null) {
      assertThat(sealed).as("only the untouched AuthEnvelopedData opens").isEqualTo(original);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void tamperedRouting_opensOnlyWhenUnchanged_andFailsOnlyAsRejected(byte[] script) {
    Routing routing;
    try {
      routing = Routing.parseFrom(EditScript.apply(net.templateEnvelope.getRouting().toByteArray(), script));
    } catch (InvalidProtocolBufferException unparseable) {
      return;
    }
    OpenedEnvelope opened = net.openOrNull(net.templateEnvelope.toBuilder().setRouting(routing).build());
    if (opened != null) {
      assertThat(routing).as("clear routing of an envelope that opened").isEqualTo(net.templateInner.getRouting());
      assertThat(opened.inner()).isEqualTo(net.templateInner);
    }
  }

  @FuzzTest(maxDuration = "60s")
  void tamperedSignedData_underValidEncryption_opensOnlyAsTheSignedContent(byte[] script) {
    byte[] signedData = EditScript.apply(net.templateSignedData, script);
    Envelope envelope = net.templateEnvelope.toBuilder()
        .setSealed(ByteString.copyFrom(AuthEnvelopedCodec.encrypt(signedData, net.recipientEncryptionCertificate)))
        .build();
    OpenedEnvelope opened = net.openOrNull(envelope);
    if (opened != null) {
      assertThat(opened.inner()).as("content of a tampered SignedData that verified").isEqualTo(net.templateInner);
      assertThat(opened.signer().certificate()).isEqualTo(net.senderKey.certificate());
    }
  }

  @FuzzTest(maxDuration = "60s")
  void anyInnerMessage_validlySignedAndSealed_opensOnlyWithTheClearRouting(byte[] script) {
    byte[] inner = EditScript.apply(net.templateInner.toByteArray(), script);
    byte[] signed = SignedDataCodec.sign(inner, net.senderKey, net.clock.instant());
    Envelope envelope = net.templateEnvelope.toBuilder()
        .setSealed(ByteString.copyFrom(AuthEnvelopedCodec.encrypt(signed, net.recipientEncryptionCertificate)))
        .build();
    OpenedEnvelope opened = net.openOrNull(envelope);
    if (opened != null) {
      assertThat(opened.inner().getRouting()).isEqualTo(envelope.getRouting());
      assertThat(verifiedContent(opened.signedData())).as("signed bytes, carried unchanged").isEqualTo(inner);
    }
  }

  private static byte[] verifiedContent(byte[] signedData) {
    try {
      return SignedDataCodec.verify(signedData).content();
    } catch (CmsException e) {
      throw new AssertionError("the SignedData of an opened envelope no longer verifies", e);
    }
  }
}
