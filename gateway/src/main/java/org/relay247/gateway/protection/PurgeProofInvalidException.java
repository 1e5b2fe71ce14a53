package org.relay247.gateway.protection;

/** A proof of purge that does not verify: bad signature, untrusted signer, or not a purge record. */
public final class PurgeProofInvalidException extends Exception {
  public PurgeProofInvalidException(String message, Throwable cause) {
    super(message, cause);
  }
}
