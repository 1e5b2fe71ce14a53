package org.relay247.protocol.cli;

import java.util.Locale;
import org.relay247.pki.DistinguishedNames;
import org.relay247.pki.ValidatedCertificate;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.RejectionReason;

/** The short texts the CLI prints about signers, bodies and reasons. */
final class Describe {
  private Describe() {}

  /** {@code CN=fr-node,OU=sign,... (Party FR)}, or {@code (network directory signer)}. */
  static String signer(ValidatedCertificate signer) {
    return DistinguishedNames.describe(signer.certificate())
        + signer.party().map(p -> " (Party " + p + ")").orElse(" (network directory signer)");
  }

  /** The body's proto field name, e.g. {@code art9_request}. */
  static String body(InnerMessage message) {
    return message.getBodyCase().name().toLowerCase(Locale.ROOT);
  }

  /** A rejection reason without its prefix: {@code ROUTING_MISMATCH}. */
  static String reason(RejectionReason reason) {
    return reason.name().replaceFirst("^REJECTION_REASON_", "");
  }
}
