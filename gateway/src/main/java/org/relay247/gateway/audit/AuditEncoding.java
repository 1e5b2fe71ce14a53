package org.relay247.gateway.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The canonical byte encoding of an audit entry, and its hash. Specified in docs/audit.md
 * ("Chain format"); anyone can re-implement it to check an export offline.
 *
 * <p>The encoding is the concatenation of nine fields, in this order, each written as a 4-byte
 * big-endian unsigned length followed by that many bytes; an absent (null) field is written as the
 * length {@code 0xFFFFFFFF} with no bytes, so null and empty differ:
 *
 * <ol>
 *   <li>the format tag {@value #FORMAT}, ASCII;
 *   <li>{@code seq}, 8 bytes, big-endian two's complement;
 *   <li>{@code at}, epoch milliseconds (UTC), 8 bytes, big-endian two's complement;
 *   <li>{@code actor}, UTF-8;
 *   <li>{@code action}, UTF-8;
 *   <li>{@code case_id}, UTF-8, or absent;
 *   <li>{@code message_id}, UTF-8, or absent;
 *   <li>{@code details}, UTF-8;
 *   <li>{@code prev_hash}, 32 bytes.
 * </ol>
 *
 * <p>{@code entry_hash} = SHA-256(encoding). Every field is length-prefixed, so no two different
 * entries have the same encoding.
 */
public final class AuditEncoding {
  /** The format tag: the first field of every encoding. Changes only with an incompatible format. */
  public static final String FORMAT = "relay247.audit.v1";

  private static final int ABSENT = 0xFFFFFFFF;

  private AuditEncoding() {}

  /**
   * The canonical encoding of an entry's fields.
   *
   * @throws NullPointerException if {@code actor}, {@code action}, {@code details} or {@code prevHash} is null
   */
  public static byte[] encode(long seq, long atMillis, String actor, String action, String caseId,
      String messageId, String details, AuditHash prevHash) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    field(out, FORMAT.getBytes(StandardCharsets.US_ASCII));
    field(out, ByteBuffer.allocate(8).putLong(seq).array());
    field(out, ByteBuffer.allocate(8).putLong(atMillis).array());
    field(out, utf8(required(actor, "actor")));
    field(out, utf8(required(action, "action")));
    field(out, caseId == null ? null : utf8(caseId));
    field(out, messageId == null ? null : utf8(messageId));
    field(out, utf8(required(details, "details")));
    field(out, required(prevHash, "prevHash").bytes());
    return out.toByteArray();
  }

  /** SHA-256 of {@link #encode}: the {@code entry_hash} of an entry with these fields. */
  public static AuditHash hash(long seq, long atMillis, String actor, String action, String caseId,
      String messageId, String details, AuditHash prevHash) {
    return AuditHash.of(sha256(encode(seq, atMillis, actor, action, caseId, messageId, details, prevHash)));
  }

  private static void field(ByteArrayOutputStream out, byte[] value) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(value == null ? ABSENT : value.length).array());
    if (value != null) {
      out.writeBytes(value);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static <T> T required(T value, String name) {
    if (value == null) {
      throw new NullPointerException(name);
    }
    return value;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
