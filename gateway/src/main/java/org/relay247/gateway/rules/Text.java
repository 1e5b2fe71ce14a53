package org.relay247.gateway.rules;

import java.util.Objects;

/** A sentence in English and in French, the two official languages of the Council of Europe. */
public record Text(String en, String fr) {

  public Text {
    Objects.requireNonNull(en, "en");
    Objects.requireNonNull(fr, "fr");
  }

  public static Text of(String en, String fr) {
    return new Text(en, fr);
  }

  /** {@code "fr"} (or any tag starting with it) gives French; anything else English. */
  public String in(String language) {
    return language != null && language.toLowerCase(java.util.Locale.ROOT).startsWith("fr") ? fr : en;
  }
}
