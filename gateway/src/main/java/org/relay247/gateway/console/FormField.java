package org.relay247.gateway.console;

import java.util.List;

/**
 * One field of a compose form: its name (also its HTML id), its label in English and French, and
 * how it is entered. The one compose template renders every form from these.
 *
 * @param options for {@link Kind#SELECT} and {@link Kind#CHOICES}: the values offered
 * @param byDefault for {@link Kind#CHECK}: ticked on a fresh form
 */
public record FormField(String name, String en, String fr, Kind kind, List<String> options, boolean byDefault) {
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

  static FormField select(String name, String en, String fr, List<String> options) {
    return new FormField(name, en, fr, Kind.SELECT, options, false);
  }

  static FormField choices(String name, String en, String fr, List<String> options) {
    return new FormField(name, en, fr, Kind.CHOICES, options, false);
  }

  static FormField date(String name, String en, String fr) {
    return new FormField(name, en, fr, Kind.DATE, List.of(), false);
  }

  /** A group of fields under one legend (e.g. the article's letter). */
  public record Section(String legend, List<FormField> fields) {
    public Section {
      fields = List.copyOf(fields);
    }

    static Section of(String legend, FormField... fields) {
      return new Section(legend, List.of(fields));
    }
  }
}
