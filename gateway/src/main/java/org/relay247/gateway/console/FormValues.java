package org.relay247.gateway.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * What the officer typed in a compose form, as sent by the browser: read by the form models to
 * build the draft, and by the template to show the form again as it was (a blocked send keeps
 * every value). Values are untrusted text; the template escapes them.
 */
public final class FormValues {
  private final Map<String, List<String>> values;
  private final boolean fresh;

  private FormValues(Map<String, List<String>> values, boolean fresh) {
    this.values = Map.copyOf(values);
    this.fresh = fresh;
  }

  /** The values a form was posted with. */
  static FormValues of(Map<String, List<String>> posted) {
    return new FormValues(posted, false);
  }

  /** A form not yet posted: checkboxes show their defaults. */
  static FormValues empty() {
    return new FormValues(Map.of(), true);
  }

  /** The first value of {@code name}, stripped; "" when absent. */
  public String text(String name) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() || v.get(0) == null ? "" : v.get(0).strip();
  }

  /** Whether a checkbox is ticked; on a fresh form, its default. */
  public boolean checked(String name, boolean byDefault) {
    return fresh ? byDefault : values.containsKey(name);
  }

  /** Whether {@code value} is among the values of a multi-value field (checkbox group). */
  public boolean has(String name, String value) {
    return values.getOrDefault(name, List.of()).contains(value);
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  boolean checked(String name) {
    return values.containsKey(name);
  }

  /** The non-blank lines of a text area, stripped. */
  List<String> lines(String name) {
    return text(name).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  /** A date field (yyyy-mm-dd) as the start of that day in UTC; empty when blank. */
  java.util.Optional<Instant> date(String name) {
    String v = text(name);
    if (v.isEmpty()) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant());
    } catch (DateTimeParseException e) {
      throw new Refusal(name + ": \"" + v + "\" (expected: a date, yyyy-mm-dd)", name + " : « " + v
          + " » (attendu : une date, aaaa-mm-jj)");
    }
  }
}
