package org.relay247.protocol.results;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests and their hex form for messages. */
final class Sha256 {
  static final int LENGTH = 32;

  private Sha256() {}

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  static byte[] of(byte[] data, int offset, int length) {
    MessageDigest digest = newDigest();
    digest.update(data, offset, length);
    return digest.digest();
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
