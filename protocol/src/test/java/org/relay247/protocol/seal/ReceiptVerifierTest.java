package org.relay247.protocol.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relay247.protocol.seal.TestNodes.DE;
import static org.relay247.protocol.seal.TestNodes.FR;
import static org.relay247.protocol.seal.TestNodes.US;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.Receipt;
import org.relay247.protocol.v1.ReceiptStatus;
import org.relay247.protocol.v1.RejectionReason;

/** Signed receipts and signed rejections, and the forgeries a sender must not accept. */
class ReceiptVerifierTest {
  @TempDir static Path dir;
  static TestNodes nodes;
  static Envelope sent;
  static byte[] sentBytes;

  @BeforeAll
  static void network() throws Exception {
    nodes = new TestNodes(dir.resolve("net"));
    sent = new EnvelopeSealer(nodes.signingKey(FR), nodes.clock)
        .seal(nodes.ping("FR/poc", "DE/poc"), nodes.encryptionCertificate(DE));
    sentBytes = sent.toByteArray();
  }

  private static Receipt accepted(byte[] envelopeBytes) {
    return Receipt.newBuilder().setMessageId(sent.getRouting().getMessageId())
        .setEnvelopeSha256(ByteString.copyFrom(ReceiptVerifier.sha256(envelopeBytes)))
        .setStatus(ReceiptStatus.RECEIPT_STATUS_ACCEPTED)
        .setReceivedAt(Timestamps.fromMillis(nodes.clock.millis())).build();
  }

  private ReceiptVerifier verifier() throws Exception {
    return new ReceiptVerifier(nodes.validator(), nodes.listed());
  }

  @Test
  void acceptance_signedByRecipient_verifiesAndAnswersTheEnvelope() throws Exception {
    byte[] signed = new ReceiptSigner(nodes.signingKey(DE), nodes.clock).sign(sent.getRouting(), accepted(sentBytes));
    VerifiedReceipt receipt = verifier().verify(signed, sent.getRouting(), sentBytes);
    assertThat(receipt.receipt().getStatus()).isEqualTo(ReceiptStatus.RECEIPT_STATUS_ACCEPTED);
    assertThat(receipt.signer().party()).contains(DE);
    assertThat(receipt.inner().getRouting().getReplyToId()).isEqualTo(sent.getRouting().getMessageId());
    assertThat(receipt.inner().getRouting().getSender()).isEqualTo("DE/poc");
  }

  @Test
  void rejection_isSignedToo_andCarriesReasonAndArticle() throws Exception {
    Receipt rejection = accepted(sentBytes).toBuilder().setStatus(ReceiptStatus.RECEIPT_STATUS_REJECTED)
        .setReason(RejectionReason.REJECTION_REASON_TREATY_RULE).setArticle("9.1.b").build();
    byte[] signed = new ReceiptSigner(nodes.signingKey(DE), nodes.clock).sign(sent.getRouting(), rejection);
    Receipt verified = verifier().verify(signed, sent.getRouting(), sentBytes).receipt();
    assertThat(verified.getReason()).isEqualTo(RejectionReason.REJECTION_REASON_TREATY_RULE);
    assertThat(verified.getArticle()).isEqualTo("9.1.b");
  }

  @Test
  void receiptSignedByAnotherParty_isRefused() throws Exception {
    byte[] signed = new ReceiptSigner(nodes.signingKey(US), nodes.clock).sign(sent.getRouting(), accepted(sentBytes));
    assertThatThrownBy(() -> verifier().verify(signed, sent.getRouting(), sentBytes))
        .isInstanceOf(ReceiptVerificationException.class).hasMessageContaining("receipt signed by a node of US, not of DE");
  }

  @Test
  void receiptSignedByAnUnlistedKeyOfTheRecipientParty_isRefused() throws Exception {
    byte[] signed = new ReceiptSigner(nodes.unlistedSigningKey(DE), nodes.clock)
        .sign(sent.getRouting(), accepted(sentBytes));
    assertThatThrownBy(() -> verifier().verify(signed, sent.getRouting(), sentBytes))
        .isInstanceOf(ReceiptVerificationException.class)
        .hasMessageContaining("receipt signer: signing certificate")
        .hasMessageContaining("is not one the directory (version 1) lists for a node of DE");
  }

  @Test
  void receiptForOtherBytes_isRefused() throws Exception {
    byte[] other = sentBytes.clone();
    other[other.length - 1] ^= 1;
    byte[] signed = new ReceiptSigner(nodes.signingKey(DE), nodes.clock).sign(sent.getRouting(), accepted(other));
    assertThatThrownBy(() -> verifier().verify(signed, sent.getRouting(), sentBytes))
        .hasMessageContaining("envelope_sha256 does not match");
  }

  @Test
  void tamperedReceipt_isRefused() throws Exception {
    byte[] signed = new ReceiptSigner(nodes.signingKey(DE), nodes.clock).sign(sent.getRouting(), accepted(sentBytes));
    // Flip one bit of the receipt content (ReceiptStatus is near the end of the encapsulated content).
    byte[] tampered = signed.clone();
    int contentByte = indexOf(tampered, sent.getRouting().getMessageId().getBytes()) + 3;
    tampered[contentByte] ^= 0x01;
    assertThatThrownBy(() -> verifier().verify(tampered, sent.getRouting(), sentBytes))
        .hasMessageContaining("receipt signature");
  }

  @Test
  void receiptAnsweringAnotherMessage_isRefused() throws Exception {
    Envelope other = new EnvelopeSealer(nodes.signingKey(FR), nodes.clock)
        .seal(nodes.ping("FR/poc", "DE/poc"), nodes.encryptionCertificate(DE));
    byte[] signed = new ReceiptSigner(nodes.signingKey(DE), nodes.clock).sign(other.getRouting(), accepted(sentBytes));
    assertThatThrownBy(() -> verifier().verify(signed, sent.getRouting(), sentBytes))
        .hasMessageContaining("receipt answers");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
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
