package org.relay247.gateway.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Iterator;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * How a running node writes its log: {@code json} (one JSON object per line, the production
 * default: {@code relay247.node.log-format}) or {@code text} (the human-readable lines of
 * logback.xml, used by the CLI and the demo). Switching replaces the encoder of the console
 * appenders of the root logger, so an operator's own logback configuration
 * ({@code -Dlogback.configurationFile}) keeps its appenders.
 */
public enum LogFormat {
  JSON, TEXT;

  /** "json" or "text", any case. */
  public static LogFormat parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("log-format: \"" + value + "\" (expected: json or text)", e);
    }
  }

  /** Makes the root logger's console output this format (text leaves the configuration as it is). */
  public void apply() {
    if (this == TEXT || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender
          && !(appender.getEncoder() instanceof JsonLineEncoder)) {
        JsonLineEncoder json = new JsonLineEncoder();
        json.setContext(context);
        json.start();
        // The appender's lock orders the swap with concurrent writes.
        appender.setEncoder(json);
      }
    }
  }
}
