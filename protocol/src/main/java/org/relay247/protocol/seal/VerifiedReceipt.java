package org.relay247.protocol.seal;

import java.time.Instant;
import org.relay247.pki.ValidatedCertificate;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Receipt;

/** A receipt whose signature, signer and binding to the sent envelope were checked. */
public record VerifiedReceipt(InnerMessage inner, ValidatedCertificate signer, Instant signingTime) {
  public Receipt receipt() {
    return inner.getReceipt();
  }
}
