package org.relay247.gateway.cases;

/**
 * How an article is shown to people: Protocol articles as "Art. 9.6", Convention articles, whose
 * text already says so ("Conv. 29.7"), as they are (never "Art. Conv. 29.7").
 */
public final class Articles {
  private Articles() {}

  public static String label(String article) {
    if (article == null || article.isBlank()) {
      return "";
    }
    return article.startsWith("Conv.") ? article : "Art. " + article;
  }

  /**
   * The article a determination on a track of this kind applies by default: Art. 9.6 (also for an
   * oral request), 10.4, 8.8 (conditions 8.9), and for a preservation Conv. Art. 29.3 (preserve
   * expeditiously; a refusal is 29.5); for the other kinds, the article of their procedure.
   */
  public static String determination(String trackKind) {
    return switch (trackKind) {
      case "ART9", "ORAL_ART9" -> "9.6";
      case "ART10" -> "10.4";
      case "ART8" -> "8.8";
      case "ART7" -> "7.5.c";
      case "ART6" -> "6.5";
      case "PRESERVATION" -> "Conv. 29.3";
      default -> throw new IllegalArgumentException("track kind " + trackKind + " (expected: ART9, ORAL_ART9, ART10,"
          + " ART8, ART7, ART6 or PRESERVATION)");
    };
  }
}
