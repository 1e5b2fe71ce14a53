package org.relay247.protocol.results;

import java.io.InputStream;
import java.util.Objects;

/**
 * A deterministic pseudo-random byte stream of a given length, generated on the fly (SplitMix64,
 * little-endian words), so any size of test evidence can be read again and again without being
 * held in memory or on disk.
 */
final class PseudoRandomStream extends InputStream {
  private long state;
  private long remaining;
  private long word;
  private int wordBytes;

  PseudoRandomStream(long seed, long length) {
    this.state = seed;
    this.remaining = length;
  }

  /** The whole stream as an array, for small test items. */
  static byte[] bytes(long seed, int length) {
    byte[] b = new byte[length];
    new PseudoRandomStream(seed, length).read(b, 0, length);
    return b;
  }

  private long next() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (remaining == 0) {
      return -1;
    }
    int n = (int) Math.min(len, remaining);
    for (int i = 0; i < n; i++) {
      if (wordBytes == 0) {
        word = next();
        wordBytes = 8;
      }
      b[off + i] = (byte) word;
      word >>>= 8;
      wordBytes--;
    }
    remaining -= n;
    return n;
  }
}
