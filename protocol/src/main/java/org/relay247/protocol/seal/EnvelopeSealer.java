package org.relay247.protocol.seal;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;
import org.relay247.pki.DistinguishedNames;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;

/**
 * Seals an inner message for one recipient: serialize, sign (CMS SignedData with the sender's
 * signing key and signing-time from the clock), encrypt (CMS AuthEnvelopedData, AES-256-GCM,
 * ECDH to the recipient's encryption certificate), and wrap with the routing in clear.
 */
public final class EnvelopeSealer {
  private final SigningKey key;
  private final Clock clock;
  private final String party;

  public EnvelopeSealer(SigningKey key, Clock clock) {
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.party = DistinguishedNames.country(key.certificate().getSubjectX500Principal())
        .orElseThrow(() -> new IllegalArgumentException("signing certificate names no Party"));
  }

  /**
   * @throws IllegalArgumentException if the routing is incomplete, the body is missing, or the
   *     sender is not of this key's Party
   */
  public Envelope seal(InnerMessage inner, X509Certificate recipientEncryptionCertificate) {
    Routings.requireValid(inner.getRouting());
    if (inner.getBodyCase() == InnerMessage.BodyCase.BODY_NOT_SET) {
      throw new IllegalArgumentException("body: not set (expected: exactly one body)");
    }
    Address sender = Address.parse(inner.getRouting().getSender());
    if (!sender.party().code().equals(party)) {
      throw new IllegalArgumentException("routing.sender: " + sender + " (expected: an authority of "
          + party + ", the Party of this signing key)");
    }
    byte[] signed = SignedDataCodec.sign(inner.toByteArray(), key, clock.instant());
    byte[] sealed = AuthEnvelopedCodec.encrypt(signed, recipientEncryptionCertificate);
    return Envelope.newBuilder().setRouting(inner.getRouting())
        .setSealed(com.google.protobuf.ByteString.copyFrom(sealed)).build();
  }
}
