package org.relay247.gateway.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line for log collectors: {@code timestamp} (ISO-8601, UTC), {@code level},
 * {@code logger}, {@code message}, then every key-value pair of the event as a top-level field
 * ({@code messageId}, {@code caseId}, {@code peer}, {@code party}, {@code reason} ...), then
 * {@code thread} and, for a failure, {@code error} (exception class and message, no stack).
 * Nothing else is written: the code never puts message content or personal data in a log event,
 * and this encoder adds none (no MDC, no arguments beyond the formatted message).
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final Set<String> RESERVED = Set.of("timestamp", "level", "logger", "message", "thread", "error");
  private static final byte[] NONE = new byte[0];

  @Override
  public byte[] headerBytes() {
    return NONE;
  }

  @Override
  public byte[] footerBytes() {
    return NONE;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    StringBuilder b = new StringBuilder(256).append('{');
    field(b, "timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
    field(b.append(','), "level", event.getLevel().toString());
    field(b.append(','), "logger", event.getLoggerName());
    field(b.append(','), "message", event.getFormattedMessage());
    if (event.getKeyValuePairs() != null) {
      for (KeyValuePair kv : event.getKeyValuePairs()) {
        String key = RESERVED.contains(kv.key) ? "kv_" + kv.key : kv.key;
        b.append(',');
        if (kv.value instanceof Number || kv.value instanceof Boolean) {
          string(b, key).append(':').append(kv.value);
        } else {
          field(b, key, String.valueOf(kv.value));
        }
      }
    }
    field(b.append(','), "thread", event.getThreadName());
    IThrowableProxy t = event.getThrowableProxy();
    if (t != null) {
      field(b.append(','), "error", t.getClassName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
    }
    return b.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void field(StringBuilder b, String key, String value) {
    string(b, key).append(':');
    string(b, value == null ? "" : value);
  }

  /** A JSON string literal (RFC 8259 escaping; control characters as \\u00XX). */
  static StringBuilder string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"');
  }
}
