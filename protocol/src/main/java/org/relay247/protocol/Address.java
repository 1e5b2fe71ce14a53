package org.relay247.protocol;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relay247.pki.PartyCode;

/**
 * An authority of a Party, written {@code FR/poc} (24/7 point of contact), {@code FR/ca} (central
 * authority), {@code FR/art8-receive} ...: the addresses of envelopes and of the directory.
 */
public record Address(PartyCode party, String authority) {
  private static final Pattern FORM = Pattern.compile("([A-Za-z]{2})/([a-z0-9][a-z0-9-]{0,31})");

  public Address {
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(authority, "authority");
  }

  /** Parses {@code XX/authority}; the message names the text and the expected form. */
  public static Address parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("address: \"" + text
          + "\" (expected: PARTY/authority, e.g. FR/poc, with an ISO 3166 code and a lower-case authority)");
    }
    return new Address(PartyCode.of(m.group(1)), m.group(2));
  }

  @Override
  public String toString() {
    return party.code() + "/" + authority;
  }
}
