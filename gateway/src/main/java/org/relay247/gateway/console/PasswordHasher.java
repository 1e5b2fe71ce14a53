package org.relay247.gateway.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in PHC string form ({@code $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH},
 * unpadded base64), with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane): about 50 ms per
 * hash on one core. {@link #verify} reads the parameters from the stored string, so they can be
 * raised later without invalidating existing hashes.
 */
public final class PasswordHasher {
  /** Shortest accepted password (NIST SP 800-63B: at least 8; the console asks for 12). */
  public static final int MIN_LENGTH = 12;
  private static final int MEMORY_KIB = 19 * 1024;
  private static final int ITERATIONS = 2;
  private static final int LANES = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  private PasswordHasher() {}

  /** A new hash with a fresh salt; refuses passwords shorter than {@link #MIN_LENGTH}. */
  public static String hash(char[] password) {
    if (password.length < MIN_LENGTH) {
      throw new IllegalArgumentException("password: " + password.length + " characters (expected: at least "
          + MIN_LENGTH + ")");
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, LANES, HASH_BYTES);
    return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + LANES + "$" + B64.encodeToString(salt)
        + "$" + B64.encodeToString(hash);
  }

  /** Whether {@code password} matches {@code stored}; false for a malformed stored string. */
  public static boolean verify(char[] password, String stored) {
    String[] parts = stored.split("\\$");
    // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    try {
      int m = 0;
      int t = 0;
      int p = 0;
      for (String kv : parts[3].split(",")) {
        int v = Integer.parseInt(kv.substring(2));
        switch (kv.substring(0, 2)) {
          case "m=" -> m = v;
          case "t=" -> t = v;
          case "p=" -> p = v;
          default -> {
            return false;
          }
        }
      }
      byte[] salt = B64D.decode(parts[4]);
      byte[] expected = B64D.decode(parts[5]);
      byte[] actual = derive(password, salt, m, t, p, expected.length);
      return MessageDigest.isEqual(expected, actual);
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      return false;
    }
  }

  /** A hash of nothing anyone knows: verifying against it costs what a real account costs. */
  static String decoy() {
    return DECOY;
  }

  private static final String DECOY = hash("decoy-password-for-timing".toCharArray());

  private static byte[] derive(char[] password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKib).withIterations(iterations)
        .withParallelism(lanes).withSalt(salt).build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    byte[] pw = new String(password).getBytes(StandardCharsets.UTF_8);
    try {
      generator.generateBytes(pw, out);
    } finally {
      java.util.Arrays.fill(pw, (byte) 0);
    }
    return out;
  }
}
