package org.relay247.gateway.audit;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A SHA-256 value of the audit chain (32 bytes). Immutable: {@link #bytes()} returns a copy.
 * Written as 64 lowercase hexadecimal digits in exports, command output and docs/audit.md.
 */
public final class AuditHash {
  /** The length of every audit hash, in bytes. */
  public static final int LENGTH = 32;

  /** The {@code prev_hash} of the first entry: 32 zero bytes. */
  public static final AuditHash GENESIS = new AuditHash(new byte[LENGTH]);

  private final byte[] bytes;

  private AuditHash(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The hash with these 32 bytes (copied).
   *
   * @throws IllegalArgumentException if {@code bytes} is not exactly 32 bytes long
   */
  public static AuditHash of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("an audit hash is " + LENGTH + " bytes, not "
          + (bytes == null ? "absent" : bytes.length));
    }
    return new AuditHash(bytes.clone());
  }

  /**
   * Parses 64 hexadecimal digits (either case).
   *
   * @throws IllegalArgumentException if {@code hex} is not 64 hexadecimal digits
   */
  public static AuditHash parse(String hex) {
    if (hex == null || !hex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("not an audit hash (expected: 64 hexadecimal digits): " + hex);
    }
    return new AuditHash(HexFormat.of().parseHex(hex));
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** 64 lowercase hexadecimal digits. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditHash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Same as {@link #hex()}. */
  @Override
  public String toString() {
    return hex();
  }
}
