package org.relay247.protocol.seal;

import java.time.Instant;
import org.relay247.pki.ValidatedCertificate;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;

/**
 * An envelope that passed every check of {@link EnvelopeOpener}: the verified inner message, who
 * signed it and when, and the signed CMS bytes, kept as proof anyone can re-verify later.
 */
public record OpenedEnvelope(
    Envelope envelope, InnerMessage inner, ValidatedCertificate signer, Instant signingTime,
    byte[] signedData) {
  public OpenedEnvelope {
    signedData = signedData.clone();
  }

  @Override
  public byte[] signedData() {
    return signedData.clone();
  }
}
