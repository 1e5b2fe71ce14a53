package org.relay247.protocol.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.Priority;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters: a bad value is a usage error (exit 2) that says what was expected. */
final class Converters {
  private Converters() {}

  static final class AddressValue implements ITypeConverter<Address> {
    @Override
    public Address convert(String value) {
      try {
        return Address.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code emergency}, {@code urgent} or {@code routine}, in any case, with or without {@code PRIORITY_}. */
  static final class PriorityValue implements ITypeConverter<Priority> {
    @Override
    public Priority convert(String value) {
      String name = value.trim().toUpperCase(Locale.ROOT).replaceFirst("^PRIORITY_", "");
      return switch (name) {
        case "EMERGENCY" -> Priority.PRIORITY_EMERGENCY;
        case "URGENT" -> Priority.PRIORITY_URGENT;
        case "ROUTINE" -> Priority.PRIORITY_ROUTINE;
        default -> throw new TypeConversionException(
            "priority: \"" + value + "\" (expected: emergency, urgent or routine)");
      };
    }
  }

  static final class InstantValue implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "\"" + value + "\" (expected: an ISO-8601 instant in UTC, e.g. 2025-11-21T02:14:00Z)");
      }
    }
  }

  static final class PositiveSeconds implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      long seconds;
      try {
        seconds = Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("\"" + value + "\" (expected: a whole number of seconds > 0)");
      }
      if (seconds <= 0) {
        throw new TypeConversionException(seconds + " (expected: a whole number of seconds > 0)");
      }
      return Duration.ofSeconds(seconds);
    }
  }

  static final class PositiveVersion implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      long version;
      try {
        version = Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("\"" + value + "\" (expected: a whole number >= 1)");
      }
      if (version < 1) {
        throw new TypeConversionException(version + " (expected: a whole number >= 1)");
      }
      return version;
    }
  }
}
