package org.relay247.pki;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A Party to the Convention, named by its ISO 3166-1 alpha-2 code ({@code FR}, {@code DE}).
 * Only codes the JDK knows as ISO countries are accepted.
 */
public record PartyCode(String code) implements Comparable<PartyCode> {
  private static final Set<String> ISO_CODES = Set.of(Locale.getISOCountries());

  public PartyCode {
    Objects.requireNonNull(code, "code");
    if (!ISO_CODES.contains(code)) {
      throw new IllegalArgumentException(
          "party: \"" + code + "\" (expected: an ISO 3166-1 alpha-2 code in capitals, e.g. FR)");
    }
  }

  /** Parses a code, accepting lower case ({@code fr}) as a convenience for command lines. */
  public static PartyCode of(String code) {
    Objects.requireNonNull(code, "code");
    return new PartyCode(code.trim().toUpperCase(Locale.ROOT));
  }

  @Override
  public int compareTo(PartyCode other) {
    return code.compareTo(other.code);
  }

  @Override
  public String toString() {
    return code;
  }
}
