package org.relay247.protocol.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Turns fuzz input into edits of a valid template (an envelope's sealed bytes, its routing, a
 * SignedData, an inner message), so the fuzzer starts from something that opens and changes it a
 * little, instead of having to invent a CMS structure from nothing.
 *
 * <p>Contract: {@link #apply} never throws and never reads past the script; the empty script
 * returns the template unchanged. A script is a sequence of operations, each a 4-byte header
 * {@code [op, posHi, posLo, n]} optionally followed by data:
 *
 * <ul>
 *   <li>{@code op % 5 == 0} FLIP: XOR the byte at pos with {@code n} (0 counts as 1);
 *   <li>{@code 1} OVERWRITE: the next {@code n} script bytes replace bytes from pos on (the
 *       template does not grow);
 *   <li>{@code 2} INSERT: the next {@code n} script bytes are inserted at pos;
 *   <li>{@code 3} DELETE: {@code n} bytes (0 counts as 1) are removed from pos on;
 *   <li>{@code 4} TRUNCATE: everything from pos on is removed.
 * </ul>
 *
 * <p>{@code pos} is a fraction of the current length: {@code (posHi << 8 | posLo) * (length + 1)
 * >>> 16}, so 0x0000 is the start, 0x8000 the middle and 0xFFFF the end whatever the template's
 * size (DER lengths and ECDSA signatures vary by a few bytes from run to run). A header cut short
 * ends the script; data cut short is used as far as it goes.
 */
final class EditScript {
  static final int FLIP = 0;
  static final int OVERWRITE = 1;
  static final int INSERT = 2;
  static final int DELETE = 3;
  static final int TRUNCATE = 4;
  private static final int OPERATIONS = 5;

  private EditScript() {}

  static byte[] apply(byte[] template, byte[] script) {
    byte[] out = template.clone();
    int i = 0;
    while (i + 4 <= script.length) {
      int op = Byte.toUnsignedInt(script[i]) % OPERATIONS;
      int fraction = Byte.toUnsignedInt(script[i + 1]) << 8 | Byte.toUnsignedInt(script[i + 2]);
      int n = Byte.toUnsignedInt(script[i + 3]);
      i += 4;
      int pos = (int) (((long) fraction * (out.length + 1)) >>> 16);
      switch (op) {
        case FLIP -> {
          if (pos < out.length) {
            out[pos] ^= (byte) (n == 0 ? 1 : n);
          }
        }
        case OVERWRITE -> {
          int take = Math.min(n, script.length - i);
          int room = Math.min(take, out.length - pos);
          System.arraycopy(script, i, out, pos, room);
          i += take;
        }
        case INSERT -> {
          int take = Math.min(n, script.length - i);
          byte[] grown = new byte[out.length + take];
          System.arraycopy(out, 0, grown, 0, pos);
          System.arraycopy(script, i, grown, pos, take);
          System.arraycopy(out, pos, grown, pos + take, out.length - pos);
          out = grown;
          i += take;
        }
        case DELETE -> {
          int remove = Math.min(n == 0 ? 1 : n, out.length - pos);
          byte[] shrunk = new byte[out.length - remove];
          System.arraycopy(out, 0, shrunk, 0, pos);
          System.arraycopy(out, pos + remove, shrunk, pos, out.length - pos - remove);
          out = shrunk;
        }
        default -> out = Arrays.copyOf(out, pos);
      }
    }
    return out;
  }

  /** Builds scripts for seed files and tests. */
  static final class Builder {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private Builder op(int op, double at, int n) {
      if (n < 0 || n > 255) {
        throw new IllegalArgumentException("n: " + n + " (expected: 0 to 255)");
      }
      int fraction = (int) Math.round(Math.max(0, Math.min(1, at)) * 0xFFFF);
      bytes.write(op);
      bytes.write(fraction >>> 8);
      bytes.write(fraction & 0xFF);
      bytes.write(n);
      return this;
    }

    /** XOR the byte at {@code at} (0 = start, 1 = end) with {@code mask}. */
    Builder flip(double at, int mask) {
      return op(FLIP, at, mask);
    }

    Builder overwrite(double at, byte[] data) {
      op(OVERWRITE, at, data.length);
      bytes.writeBytes(data);
      return this;
    }

    Builder insert(double at, byte[] data) {
      op(INSERT, at, data.length);
      bytes.writeBytes(data);
      return this;
    }

    Builder delete(double at, int count) {
      return op(DELETE, at, count);
    }

    Builder truncate(double at) {
      return op(TRUNCATE, at, 0);
    }

    byte[] build() {
      return bytes.toByteArray();
    }
  }

  static Builder script() {
    return new Builder();
  }
}
