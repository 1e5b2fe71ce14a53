package org.relay247.protocol.fuzz;

/**
 * Byte-level corruptions of DER that keep every length intact, for findings that must reproduce
 * in any generated network.
 */
final class Der {
  /** OBJECT IDENTIFIER 2.5.29.15 (keyUsage). */
  private static final byte[] KEY_USAGE_OID = {0x06, 0x03, 0x55, 0x1d, 0x0f};

  private Der() {}

  /**
   * The first keyUsage extension's {@code extnValue} re-tagged from OCTET STRING to SEQUENCE: the
   * structure still parses and stays canonical DER, but BouncyCastle's {@code Extension} throws
   * IllegalArgumentException when it reads the certificate.
   *
   * @throws IllegalStateException if {@code der} holds no keyUsage extension
   */
  static byte[] keyUsageExtensionValueAsSequence(byte[] der) {
    for (int i = 0; i + KEY_USAGE_OID.length < der.length; i++) {
      if (!startsWith(der, i, KEY_USAGE_OID)) {
        continue;
      }
      int value = i + KEY_USAGE_OID.length;
      if (startsWith(der, value, new byte[] {0x01, 0x01})) {  // critical BOOLEAN
        value += 3;
      }
      if (value < der.length && der[value] == 0x04) {
        byte[] out = der.clone();
        out[value] = 0x30;
        return out;
      }
    }
    throw new IllegalStateException("no keyUsage extension in the DER");
  }

  private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
    if (at + prefix.length > bytes.length) {
      return false;
    }
    for (int j = 0; j < prefix.length; j++) {
      if (bytes[at + j] != prefix[j]) {
        return false;
      }
    }
    return true;
  }
}
