package org.relay247.simulator.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Party codes for generated networks: ISO 3166 country codes, Parties to the Convention first. */
public final class PartyCodes {
  private static final List<String> FIRST = List.of("FR", "DE", "US", "JP", "ES", "IT", "NL", "BE", "PT", "AT",
      "CH", "PL", "CZ", "SK", "HU", "RO", "BG", "GR", "HR", "SI", "EE", "LV", "LT", "FI", "SE", "DK", "NO", "IS",
      "IE", "LU", "MT", "CY", "GB", "CA", "AU", "CL", "CO", "CR", "DO", "GH", "IL", "MA", "MX", "NG", "PE", "PH",
      "SN", "LK", "TO", "UA", "GE", "AM", "AZ", "MD", "ME", "MK", "RS", "AL", "BA", "AR", "BR", "CM", "CV", "BF",
      "KI", "MU", "PA", "PY", "SL", "TG", "TN", "TT", "VU", "LI", "MC", "SM", "AD", "TR", "BJ", "NE");

  private PartyCodes() {}

  /** The first {@code n} codes (Convention Parties, then the other ISO countries in order). */
  public static List<String> first(int n) {
    List<String> out = new ArrayList<>(FIRST.subList(0, Math.min(n, FIRST.size())));
    for (String c : Locale.getISOCountries()) {
      if (out.size() >= n) {
        break;
      }
      if (!out.contains(c)) {
        out.add(c);
      }
    }
    if (out.size() < n) {
      throw new IllegalArgumentException("parties: " + n + " (expected: at most " + out.size() + ")");
    }
    return out;
  }
}
