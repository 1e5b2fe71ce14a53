package org.relay247.protocol.directory.internal;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Parsers for the scalar value formats of directory YAML, each failing with the YAML path. */
final class Values {

  static final String DATE = "a date 2025-01-31 or an instant 2025-01-31T12:00:00Z";
  static final String PARTY_CODE = "an ISO 3166-1 alpha-2 code such as FR";
  static final String CONSTITUENT_CODE = "an ISO 3166-2 code such as US-NY";
  static final String ID = "an id of lowercase letters, digits and '-', such as poc";
  static final String ADDRESS = "an authority address <party>/<authority id> such as FR/poc";
  static final String LANGUAGE = "a BCP 47 language tag such as en or pt-BR";
  static final String ENDPOINT = "host:port with a port from 1 to 65535";
  static final String BOOLEAN = "true or false";
  static final String KEY = "a key of lowercase letters, digits and '_', such as order_copy";

  private static final Pattern PARTY = Pattern.compile("[A-Z]{2}");
  private static final Pattern CONSTITUENT = Pattern.compile("[A-Z]{2}-[A-Z0-9]{1,3}");
  private static final Pattern KEY_PATTERN = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern LANGUAGE_TAG =
      Pattern.compile("[a-z]{2,3}(-[A-Za-z]{4})?(-([A-Z]{2}|[0-9]{3}))?");
  private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]):"
      + "([0-9]{1,5})");

  private Values() {}

  static Timestamp timestamp(YamlNode node) {
    String text = node.text(DATE);
    Instant instant;
    try {
      instant = text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw node.unexpected(DATE);
    }
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano()).build();
  }

  static boolean bool(YamlNode node) {
    String text = node.text(BOOLEAN);
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw node.unexpected(BOOLEAN);
    };
  }

  static long positiveLong(YamlNode node) {
    String expected = "a whole number >= 1";
    try {
      long value = Long.parseLong(node.text(expected));
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw node.unexpected(expected);
  }

  static int nonNegativeInt(YamlNode node) {
    String expected = "a whole number >= 0";
    try {
      int value = Integer.parseInt(node.text(expected));
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw node.unexpected(expected);
  }

  static String partyCode(YamlNode node) {
    return matching(node, PARTY, PARTY_CODE);
  }

  static String constituentCode(YamlNode node) {
    return matching(node, CONSTITUENT, CONSTITUENT_CODE);
  }

  static String id(YamlNode node) {
    return matching(node, IDENTIFIER, ID);
  }

  static String key(YamlNode node) {
    return matching(node, KEY_PATTERN, KEY);
  }

  static String language(YamlNode node) {
    return matching(node, LANGUAGE_TAG, LANGUAGE);
  }

  static String address(YamlNode node) {
    String text = node.text(ADDRESS);
    int slash = text.indexOf('/');
    if (slash != 2 || !PARTY.matcher(text.substring(0, 2)).matches()
        || !IDENTIFIER.matcher(text.substring(3)).matches()) {
      throw node.unexpected(ADDRESS);
    }
    return text;
  }

  static String endpoint(YamlNode node) {
    String text = node.text(ENDPOINT);
    var matcher = HOST_PORT.matcher(text);
    if (!matcher.matches()) {
      throw node.unexpected(ENDPOINT);
    }
    int port = Integer.parseInt(matcher.group(2));
    if (port < 1 || port > 65535) {
      throw node.unexpected(ENDPOINT);
    }
    return text;
  }

  private static String matching(YamlNode node, Pattern pattern, String expected) {
    String text = node.text(expected);
    if (!pattern.matcher(text).matches()) {
      throw node.unexpected(expected);
    }
    return text;
  }
}
