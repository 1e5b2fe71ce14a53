package org.relay247.gateway.console;

import java.util.List;

/**
 * One field of a compose form: its name (also its HTML id), its label in English and French, and
 * how it is entered. The one compose template renders every form from these.
 *
 * @param options for {@link Kind#SELECT} and {@link Kind#CHOICES}: the values offered, with their labels
 * @param byDefault for {@link Kind#CHECK}: ticked on a fresh form
 */
public record FormField(String name, String en, String fr, Kind kind, List<Option> options, boolean byDefault) {
  /** How a field is entered. */
  public enum Kind {
    TEXT, AREA, CHECK, SELECT, CHOICES, DATE
  }

  public FormField {
    if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
      throw new IllegalArgumentException("field name: \"" + name + "\" (expected: letters and digits)");
    }
    options = List.copyOf(options);
  }

  static FormField text(String name, String en, String fr) {
    return new FormField(name, en, fr, Kind.TEXT, List.of(), false);
  }

  static FormField area(String name, String en, String fr) {
    return new FormField(name, en, fr, Kind.AREA, List.of(), false);
  }

  static FormField check(String name, String en, String fr, boolean byDefault) {
    return new FormField(name, en, fr, Kind.CHECK, List.of(), byDefault);
  }

  static FormField select(String name, String en, String fr, List<Option> options) {
    return new FormField(name, en, fr, Kind.SELECT, options, false);
  }

  static FormField choices(String name, String en, String fr, List<Option> options) {
    return new FormField(name, en, fr, Kind.CHOICES, options, false);
  }

  static FormField date(String name, String en, String fr) {
    return new FormField(name, en, fr, Kind.DATE, List.of(), false);
  }

  /** One value a select list or a group of boxes offers: what is posted, and what the officer reads. */
  public record Option(String value, String en, String fr) {
    /** An option that reads the same in both languages (an article number). */
    static Option same(String value) {
      return new Option(value, value, value);
    }

    /** The values of {@code options}, as posted. */
    static List<String> values(List<Option> options) {
      return options.stream().map(Option::value).toList();
    }
  }

  /** A group of fields under one legend (the article's letter, and what the group is about). */
  public record Section(String en, String fr, List<FormField> fields) {
    public Section {
      fields = List.copyOf(fields);
    }

    /** A group under an article number, the same in both languages. */
    static Section of(String article, FormField... fields) {
      return new Section(article, article, List.of(fields));
    }

    static Section of(String article, List<FormField> fields) {
      return new Section(article, article, fields);
    }

    /** A group under a legend in English and French. */
    static Section of(String en, String fr, FormField... fields) {
      return new Section(en, fr, List.of(fields));
    }

    static Section of(String en, String fr, List<FormField> fields) {
      return new Section(en, fr, fields);
    }
  }
}
