package org.relay247.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * A keystore password. It comes from a file or an environment variable, never from a command-line
 * argument (visible in {@code ps}), and never prints itself.
 */
public final class Password {
  private final char[] chars;

  private Password(char[] chars) {
    if (chars.length == 0) {
      throw new IllegalArgumentException("password: empty (expected: at least one character)");
    }
    this.chars = chars;
  }

  /** 256 random bits, base64url-encoded: what generated keystores use. */
  public static Password random() {
    byte[] bytes = new byte[32];
    Crypto.random().nextBytes(bytes);
    return new Password(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray());
  }

  /** The content of a file, without a final line break. */
  public static Password fromFile(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    text = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
        : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    if (text.isEmpty()) {
      throw new IllegalArgumentException("password file " + file + ": empty");
    }
    return new Password(text.toCharArray());
  }

  /** The value of an environment variable. */
  public static Password fromEnvironment(String variable, Map<String, String> environment) {
    String value = environment.get(variable);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(
          "password variable " + variable + ": not set (expected: the keystore password)");
    }
    return new Password(value.toCharArray());
  }

  /** A copy of the characters, for the JCA APIs that want them. */
  public char[] chars() {
    return chars.clone();
  }

  /** Writes the password to a new file readable by its owner only. */
  public void writeTo(Path file) throws IOException {
    SecureFiles.writePrivate(file, new String(chars).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Password p && Arrays.equals(chars, p.chars);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(chars);
  }

  @Override
  public String toString() {
    return "Password[redacted]";
  }
}
