package org.relay247.gateway.cases.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** A track's facts as stored: one "key=value" per line (values are ids, dates, codes: no line breaks). */
final class Facts {
  private Facts() {}

  static String encode(Map<String, String> facts) {
    StringBuilder s = new StringBuilder();
    facts.forEach((k, v) -> s.append(k).append('=').append(v.replace('\n', ' ').replace('\r', ' ')).append('\n'));
    return s.toString();
  }

  static Map<String, String> decode(String stored) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : stored.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        out.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return out;
  }
}
