package org.relay247.protocol.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relay247.protocol.seal.TestNodes.DE;
import static org.relay247.protocol.seal.TestNodes.FR;
import static org.relay247.protocol.seal.TestNodes.US;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.Pem;
import org.relay247.pki.RevocationReason;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.RejectionReason;

/** Sealing and opening, and every attack the opener must refuse, each for its own reason. */
class EnvelopeOpenerTest {
  @TempDir static Path dir;
  static TestNodes nodes;

  @BeforeAll
  static void network() throws Exception {
    nodes = new TestNodes(dir.resolve("net"));
  }

  private Envelope sealFrToDe(InnerMessage inner) throws Exception {
    return new EnvelopeSealer(nodes.signingKey(FR), nodes.clock).seal(inner, nodes.encryptionCertificate(DE));
  }

  @Test
  void sealedEnvelope_opensAtTheRecipient_withSignerAndIdenticalInner() throws Exception {
    InnerMessage inner = nodes.ping("FR/poc", "DE/poc");
    OpenedEnvelope opened = nodes.opener(DE).open(sealFrToDe(inner));
    assertThat(opened.inner()).isEqualTo(inner);
    assertThat(opened.signer().party()).contains(FR);
    assertThat(opened.signer().purpose()).isEqualTo(CertificatePurpose.SIGN);
    assertThat(SignedDataCodec.verify(opened.signedData()).content()).isEqualTo(inner.toByteArray());
  }

  @Test
  void flippedBitAnywhere_isRejected() throws Exception {
    Envelope original = sealFrToDe(nodes.ping("FR/poc", "DE/poc"));
    byte[] bytes = original.toByteArray();
    // Every bit of the clear routing and of the CMS header (the parts no GCM tag covers), one
    // bit per byte of the ciphertext (the tag covers all of it).
    int headerEnd = bytes.length - original.getSealed().size() + 420;
    EnvelopeOpener opener = nodes.opener(DE);
    Set<RejectionReason> seen = EnumSet.noneOf(RejectionReason.class);
    int checked = 0;
    for (int i = 0; i < bytes.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        if (i >= headerEnd && bit != i % 8) {
          continue;
        }
        byte[] tampered = bytes.clone();
        tampered[i] ^= (byte) (1 << bit);
        Envelope envelope;
        try {
          envelope = Envelope.parseFrom(tampered);
        } catch (InvalidProtocolBufferException e) {
          continue;  // refused before opening: the node answers MALFORMED
        }
        if (envelope.equals(original)) {
          // Another protobuf encoding of the very same message: nothing differs to open, and the
          // receipt's SHA-256 of the bytes received tells the sender they were altered.
          assertThat(ReceiptVerifier.sha256(tampered)).isNotEqualTo(ReceiptVerifier.sha256(bytes));
          continue;
        }
        final Envelope candidate = envelope;
        assertThatThrownBy(() -> opener.open(candidate)).as("byte %d bit %d", i, bit)
            .isInstanceOf(EnvelopeRejectedException.class)
            .satisfies(e -> seen.add(((EnvelopeRejectedException) e).reason()));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(bytes.length);
    assertThat(seen).contains(RejectionReason.REJECTION_REASON_DECRYPTION_FAILED,
        RejectionReason.REJECTION_REASON_MALFORMED, RejectionReason.REJECTION_REASON_ROUTING_MISMATCH);
  }

  @Test
  void swappedOuterHeader_isRejectedAsRoutingMismatch() throws Exception {
    Envelope envelope = sealFrToDe(nodes.ping("FR/poc", "DE/poc"));
    Envelope downgraded = envelope.toBuilder()
        .setRouting(envelope.getRouting().toBuilder().setPriority(Priority.PRIORITY_ROUTINE)).build();
    assertRejected(DE, downgraded, RejectionReason.REJECTION_REASON_ROUTING_MISMATCH, "field priority");

    Envelope otherCase = envelope.toBuilder().setRouting(envelope.getRouting().toBuilder()
        .setCaseId(nodes.ping("FR/poc", "DE/poc").getRouting().getCaseId())).build();
    assertRejected(DE, otherCase, RejectionReason.REJECTION_REASON_ROUTING_MISMATCH, "field case_id");
  }

  @Test
  void envelopeAddressedToAnotherNode_isRejected() throws Exception {
    Envelope toDe = sealFrToDe(nodes.ping("FR/poc", "DE/poc"));
    assertRejected(US, toDe, RejectionReason.REJECTION_REASON_WRONG_RECIPIENT, "is not an authority of US");

    // Re-addressing the clear header to US does not help: the key material is DE's.
    Envelope readdressed = toDe.toBuilder().setRouting(toDe.getRouting().toBuilder().setRecipient("US/poc")).build();
    assertRejected(US, readdressed, RejectionReason.REJECTION_REASON_WRONG_RECIPIENT, "encrypted for another key");
  }

  @Test
  void replayedEnvelope_isRejected() throws Exception {
    Envelope envelope = sealFrToDe(nodes.ping("FR/poc", "DE/poc"));
    EnvelopeOpener opener = nodes.opener(DE);
    opener.open(envelope);
    assertThatThrownBy(() -> opener.open(envelope))
        .isInstanceOfSatisfying(EnvelopeRejectedException.Replay.class,
            e -> assertThat(e.reason()).isEqualTo(RejectionReason.REJECTION_REASON_REPLAY))
        .hasMessageContaining("already received");
  }

  @Test
  void signerWithRevokedCertificate_isRejected() throws Exception {
    TestNodes own = new TestNodes(dir.resolve("revoked"));
    Envelope envelope = new EnvelopeSealer(own.signingKey(FR), own.clock)
        .seal(own.ping("FR/poc", "DE/poc"), own.encryptionCertificate(DE));
    own.pki.revoke(FR, Pem.readCertificate(own.pki.layout().nodeCertificate(FR, CertificatePurpose.SIGN)),
        RevocationReason.KEY_COMPROMISE);
    assertThatThrownBy(() -> own.opener(DE).open(envelope))
        .isInstanceOfSatisfying(EnvelopeRejectedException.SignerCertificate.class, e ->
            assertThat(e.reason()).isEqualTo(RejectionReason.REJECTION_REASON_SIGNER_CERTIFICATE_REVOKED))
        .hasMessageContaining("KEY_COMPROMISE");
  }

  @Test
  void tlsOrEncryptionCertificateUsedToSign_isRejected() throws Exception {
    for (CertificatePurpose wrong : new CertificatePurpose[] {CertificatePurpose.TLS, CertificatePurpose.ENC}) {
      // ECDSA works with any EC key: only the certificate profile can stop this.
      Envelope envelope = new EnvelopeSealer(nodes.key(FR, wrong), nodes.clock)
          .seal(nodes.ping("FR/poc", "DE/poc"), nodes.encryptionCertificate(DE));
      assertRejected(DE, envelope, RejectionReason.REJECTION_REASON_SIGNER_CERTIFICATE_WRONG_PURPOSE, "key usage");
    }
  }

  @Test
  void signerUnderForeignRoot_isRejected() throws Exception {
    TestNodes foreign = new TestNodes(dir.resolve("foreign"));  // same names, other keys
    Envelope envelope = new EnvelopeSealer(foreign.signingKey(FR), foreign.clock)
        .seal(foreign.ping("FR/poc", "DE/poc"), nodes.encryptionCertificate(DE));
    assertRejected(DE, envelope, RejectionReason.REJECTION_REASON_SIGNER_CERTIFICATE_UNTRUSTED, "foreign root");
  }

  @Test
  void signerIssuedBySendersCaButNotListedInTheDirectory_isRejected() throws Exception {
    SigningKey unlisted = nodes.unlistedSigningKey(FR);
    Envelope envelope = new EnvelopeSealer(unlisted, nodes.clock)
        .seal(nodes.ping("FR/poc", "DE/poc"), nodes.encryptionCertificate(DE));
    // The certificate itself is sound: it validates for signing as FR's. Only the binding refuses it.
    assertThat(nodes.validator().validate(unlisted.chain(), CertificatePurpose.SIGN).party()).contains(FR);
    assertRejected(DE, envelope, RejectionReason.REJECTION_REASON_SIGNER_NOT_LISTED,
        "is not one the directory (version 1) lists for a node of FR");
  }

  @Test
  void signerListedBesideTheOldOne_duringARotation_opens_andNotOnceRemoved() throws Exception {
    SigningKey successor = nodes.unlistedSigningKey(FR);
    ListedCertificates rotating = nodes.listedWith(FR, successor.certificate());
    Envelope byNew = new EnvelopeSealer(successor, nodes.clock)
        .seal(nodes.ping("FR/poc", "DE/poc"), nodes.encryptionCertificate(DE));
    Envelope byOld = sealFrToDe(nodes.ping("FR/poc", "DE/poc"));
    assertThat(nodes.opener(DE, rotating).open(byNew).signer().certificate()).isEqualTo(successor.certificate());
    assertThat(nodes.opener(DE, rotating).open(byOld).signer().party()).contains(FR);
    assertThatThrownBy(() -> nodes.opener(DE, nodes.listed()).open(byNew))
        .isInstanceOf(EnvelopeRejectedException.SignerNotListed.class);
  }

  @Test
  void signingTimeOutsideSkew_isRejected() throws Exception {
    Clock tenMinutesAhead = Clock.offset(nodes.clock, Duration.ofMinutes(10));
    Envelope envelope = new EnvelopeSealer(nodes.signingKey(FR), tenMinutesAhead)
        .seal(nodes.ping("FR/poc", "DE/poc"), nodes.encryptionCertificate(DE));
    assertRejected(DE, envelope, RejectionReason.REJECTION_REASON_SIGNING_TIME_SKEW, "ahead of now");

    Clock anHourLater = Clock.offset(nodes.clock, Duration.ofHours(1));
    Envelope fresh = sealFrToDe(nodes.ping("FR/poc", "DE/poc"));
    assertThatThrownBy(() -> nodes.opener(DE, anHourLater).open(fresh))
        .isInstanceOf(EnvelopeRejectedException.SigningTimeSkew.class).hasMessageContaining("behind now");
  }

  @Test
  void nodeSigningInTheNameOfAnotherParty_isRejected() throws Exception {
    // A US node signs an inner message that claims to come from FR; the sealer would refuse,
    // so build the envelope by hand as an attacker would.
    InnerMessage inner = nodes.ping("FR/poc", "DE/poc");
    byte[] signed = SignedDataCodec.sign(inner.toByteArray(), nodes.signingKey(US), nodes.clock.instant());
    Envelope forged = Envelope.newBuilder().setRouting(inner.getRouting())
        .setSealed(ByteString.copyFrom(AuthEnvelopedCodec.encrypt(signed, nodes.encryptionCertificate(DE)))).build();
    assertRejected(DE, forged, RejectionReason.REJECTION_REASON_SIGNER_NOT_SENDER, "signed by a node of US");
  }

  @Test
  void sealer_refusesIncompleteRoutingAndForeignSender() throws Exception {
    EnvelopeSealer sealer = new EnvelopeSealer(nodes.signingKey(FR), nodes.clock);
    InnerMessage noId = nodes.ping("FR/poc", "DE/poc").toBuilder()
        .setRouting(nodes.ping("FR/poc", "DE/poc").getRouting().toBuilder().clearMessageId()).build();
    assertThatThrownBy(() -> sealer.seal(noId, nodes.encryptionCertificate(DE)))
        .hasMessageContaining("routing.message_id");
    assertThatThrownBy(() -> sealer.seal(nodes.ping("DE/poc", "US/poc"), nodes.encryptionCertificate(US)))
        .hasMessageContaining("expected: an authority of FR");
    InnerMessage noBody = nodes.ping("FR/poc", "DE/poc").toBuilder().clearPing().build();
    assertThatThrownBy(() -> sealer.seal(noBody, nodes.encryptionCertificate(DE)))
        .hasMessageContaining("body: not set");
  }

  private void assertRejected(org.relay247.pki.PartyCode at, Envelope envelope, RejectionReason reason,
      String detail) throws Exception {
    EnvelopeOpener opener = nodes.opener(at);
    assertThatThrownBy(() -> opener.open(envelope))
        .isInstanceOfSatisfying(EnvelopeRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(detail);
  }
}
