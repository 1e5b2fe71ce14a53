package org.relay247.protocol;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Message and case ids: UUID version 7 (RFC 9562), 48 bits of Unix milliseconds then random
 * bits, so ids sort by creation time and never collide in practice.
 */
public final class MessageIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern UUID_V7 =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

  private MessageIds() {}

  public static String next(Clock clock) {
    long millis = clock.millis();
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    ByteBuffer b = ByteBuffer.allocate(16);
    b.putShort((short) (millis >>> 32)).putInt((int) millis);
    b.put((byte) (0x70 | (random[0] & 0x0f))).put(random[1]);
    b.put((byte) (0x80 | (random[2] & 0x3f))).put(random, 3, 7);
    b.flip();
    return new UUID(b.getLong(), b.getLong()).toString();
  }

  /** Throws unless {@code id} is a canonical lower-case UUIDv7. */
  public static String requireValid(String field, String id) {
    if (id == null || !UUID_V7.matcher(id).matches()) {
      throw new IllegalArgumentException(field + ": \"" + id + "\" (expected: a lower-case UUID version 7)");
    }
    return id;
  }
}
