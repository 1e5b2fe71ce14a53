package org.relay247.pki;

import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * A certificate was refused. {@link #reason()} is stable and machine-readable (receipts and exit
 * codes carry it); the message names the certificate and exactly what was wrong.
 */
public final class CertificateValidationException extends GeneralSecurityException {
  /** Why a certificate was refused. */
  public enum Reason {
    /** Past its notAfter. */
    EXPIRED,
    /** Before its notBefore. */
    NOT_YET_VALID,
    /** Listed on its issuer's current CRL. */
    REVOKED,
    /** Key usage or extended key usage does not allow the purpose asked for. */
    WRONG_PURPOSE,
    /** The certificate's country is not the Party of the CA that issued it. */
    PARTY_MISMATCH,
    /** Not issued under this network's root (unknown issuer, foreign root, bad signature). */
    UNTRUSTED,
    /** No CRL from the issuer is available, so revocation status is unknown (fail closed). */
    CRL_MISSING,
    /** The issuer's newest CRL is past its nextUpdate (or not yet valid). */
    CRL_EXPIRED,
    /** Anything else the PKIX validator refused (path length, basic constraints, encoding). */
    INVALID_PATH
  }

  private final Reason reason;

  public CertificateValidationException(Reason reason, String message) {
    super(Objects.requireNonNull(reason, "reason") + ": " + message);
    this.reason = reason;
  }

  public CertificateValidationException(Reason reason, String message, Throwable cause) {
    this(reason, message);
    initCause(cause);
  }

  public Reason reason() {
    return reason;
  }
}
