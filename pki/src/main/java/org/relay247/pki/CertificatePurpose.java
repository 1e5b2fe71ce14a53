package org.relay247.pki;

import java.util.Locale;

/**
 * What an end-entity certificate of the network may be used for. Each purpose has its own key
 * and its own profile (see docs/pki.md); a certificate validated for one purpose can never pass
 * as another.
 */
public enum CertificatePurpose {
  /** Node-to-node and national-API mutual TLS: serverAuth and clientAuth. */
  TLS("tls"),
  /** Signing envelopes, receipts and manifests: digitalSignature and nonRepudiation. */
  SIGN("sign"),
  /** Receiving envelopes: ECDH key agreement to this certificate's key. */
  ENC("enc"),
  /** Signing the network directory; issued by the root itself, bound to no Party. */
  DIRECTORY("directory");

  private final String label;

  CertificatePurpose(String label) {
    this.label = label;
  }

  /** The short name used in file names, keystore aliases and on the command line. */
  public String label() {
    return label;
  }

  /** Whether certificates of this purpose are issued by a Party CA (all but DIRECTORY). */
  public boolean isPartyBound() {
    return this != DIRECTORY;
  }

  /** Parses {@code tls}, {@code sign}, {@code enc} or {@code directory}, in any case. */
  public static CertificatePurpose fromLabel(String label) {
    for (CertificatePurpose p : values()) {
      if (p.label.equals(label.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "purpose: \"" + label + "\" (expected: tls, sign, enc or directory)");
  }
}
