package org.relay247.gateway.rules;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** Small wording helpers shared by the rules. */
final class Words {
  private Words() {}

  /** 2025-03-01 for midnight UTC, else the full instant 2025-03-01T12:00:00Z. */
  static String date(Instant instant) {
    if (instant.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() == 0 && instant.getNano() == 0) {
      return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
    return instant.toString();
  }

  static String date(Timestamp t) {
    return date(DirectoryAsOf.instant(t));
  }

  /** "a, b, c". */
  static String list(List<String> items) {
    return String.join(", ", items);
  }

  /** "a", "a or b", "a, b or c" (English); {@code word} is "or"/"ou", "and"/"et". */
  static String either(List<String> items, String word) {
    if (items.isEmpty()) {
      return "";
    }
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " " + word + " " + items.get(items.size() - 1);
  }

  /** EMERGENCY for PRIORITY_EMERGENCY, INTERPOL for ART10_ROUTE_INTERPOL: the enum value without its prefix. */
  static String token(Enum<?> value, String prefix) {
    return value.name().startsWith(prefix) ? value.name().substring(prefix.length()) : value.name();
  }

  /** French "de" before a noun phrase with its article: "de l'art. 9", "de la conservation", "des consultations". */
  static String of(String phrase) {
    if (phrase.startsWith("les ")) {
      return "des " + phrase.substring(4);
    }
    if (phrase.startsWith("le ")) {
      return "du " + phrase.substring(3);
    }
    return "de " + phrase;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
