package org.relay247.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** The production log line: one JSON object per line with the agreed fields, whatever the message holds. */
class JsonLineEncoderTest {
  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("org.relay247.gateway.exchange.InboundProcessor");

  @Test
  void event_isOneJsonObjectOnOneLine_withIsoTimestamp_andItsKeyValuePairsAsFields() {
    LoggingEvent event = new LoggingEvent("fqcn", logger, Level.WARN, "envelope rejected: {}", null,
        new Object[] {"bad \"quote\"\nsecond line"});
    event.setTimeStamp(Instant.parse("2026-12-05T06:01:02.345Z").toEpochMilli());
    event.setKeyValuePairs(List.of(new KeyValuePair("messageId", "019ab54e-5164-75e8-addc-858d1f67b3da"),
        new KeyValuePair("caseId", "019ab54e-5100-7196-8869-e56daca792d2"), new KeyValuePair("peer", "DE"),
        new KeyValuePair("attempt", 3), new KeyValuePair("message", "clash")));

    String line = new String(new JsonLineEncoder().encode(event), StandardCharsets.UTF_8);

    assertThat(line).endsWith("}\n");
    assertThat(line.strip()).doesNotContain("\n");
    JsonObject json = JsonParser.parseString(line).getAsJsonObject();
    assertThat(json.get("timestamp").getAsString()).isEqualTo("2026-12-05T06:01:02.345Z");
    assertThat(json.get("level").getAsString()).isEqualTo("WARN");
    assertThat(json.get("logger").getAsString()).isEqualTo("org.relay247.gateway.exchange.InboundProcessor");
    assertThat(json.get("message").getAsString()).isEqualTo("envelope rejected: bad \"quote\"\nsecond line");
    assertThat(json.get("messageId").getAsString()).isEqualTo("019ab54e-5164-75e8-addc-858d1f67b3da");
    assertThat(json.get("caseId").getAsString()).isEqualTo("019ab54e-5100-7196-8869-e56daca792d2");
    assertThat(json.get("peer").getAsString()).isEqualTo("DE");
    assertThat(json.get("attempt").getAsInt()).isEqualTo(3);
    assertThat(json.get("kv_message").getAsString()).as("a pair cannot overwrite a fixed field").isEqualTo("clash");
    assertThat(json.keySet()).containsExactly("timestamp", "level", "logger", "message", "messageId", "caseId",
        "peer", "attempt", "kv_message", "thread");
  }

  @Test
  void failure_isOneField_noStackTrace() {
    LoggingEvent event = new LoggingEvent("fqcn", logger, Level.ERROR, "store down", new IllegalStateException(
        "connection refused"), null);
    JsonObject json = JsonParser.parseString(new String(new JsonLineEncoder().encode(event), StandardCharsets.UTF_8))
        .getAsJsonObject();
    assertThat(json.get("error").getAsString()).isEqualTo("java.lang.IllegalStateException: connection refused");
  }

  @Test
  void logFormat_isJsonOrText() {
    assertThat(LogFormat.parse("JSON")).isEqualTo(LogFormat.JSON);
    assertThat(LogFormat.parse("text")).isEqualTo(LogFormat.TEXT);
    assertThatThrownBy(() -> LogFormat.parse("xml")).hasMessage("log-format: \"xml\" (expected: json or text)");
  }

  @Test
  void json_replacesTheConsoleEncoder_ofTheRunningConfiguration() {
    LoggerContext running = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    var appender = (ch.qos.logback.core.OutputStreamAppender<?>) running.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        .getAppender("STDERR");
    var before = appender.getEncoder();
    try {
      LogFormat.JSON.apply();
      assertThat(appender.getEncoder()).isInstanceOf(JsonLineEncoder.class);
    } finally {
      @SuppressWarnings("unchecked")
      var typed = (ch.qos.logback.core.OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>) appender;
      typed.setEncoder((ch.qos.logback.core.encoder.Encoder<ch.qos.logback.classic.spi.ILoggingEvent>) before);
    }
  }
}
