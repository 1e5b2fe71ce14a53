package org.relay247.simulator.scenario;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.relay247.protocol.v1.InnerMessage;

/**
 * The message templates a {@code send} step names: the documented examples of docs/examples
 * (packaged with the simulator), so a scenario sends what the wire-protocol documentation shows.
 */
public final class Drafts {
  /** The templates, by name (docs/examples/NAME.json). */
  public static final List<String> NAMES = List.of("art9-request", "art9-confirmation", "art9-follow-up",
      "art10-request", "art8-order", "art6-consultation", "preservation-request", "preservation-extension",
      "consultation-message", "additional-info-request", "additional-info-answer", "determination",
      "condition-response", "execution-status", "evidence-manifest", "evidence-chunk", "ping", "pong",
      "oral-request-record", "security-incident-notification", "suspension-notice", "simultaneous-notification",
      "confidentiality-request", "non-disclosure-instruction", "central-authority-copy", "use-explanation-request",
      "use-explanation-answer", "onward-transfer-authorisation-request", "onward-transfer-decision",
      "rectification-notice", "restriction-lifted", "transferor-inquiry", "purge-record", "opened-notice");

  private Drafts() {}

  /**
   * The template with {@code overridesJson} (protobuf JSON, possibly partial) merged over it
   * field by field: objects merge, lists and values replace.
   *
   * @throws InvalidProtocolBufferException if the result is not an InnerMessage
   */
  public static InnerMessage.Builder load(String name, String overridesJson) throws InvalidProtocolBufferException {
    InnerMessage.Builder template = load(name);
    if (overridesJson.isEmpty()) {
      return template;
    }
    com.google.gson.JsonObject base = com.google.gson.JsonParser.parseString(JsonFormat.printer().print(template))
        .getAsJsonObject();
    merge(base, com.google.gson.JsonParser.parseString(overridesJson).getAsJsonObject());
    InnerMessage.Builder out = InnerMessage.newBuilder();
    JsonFormat.parser().merge(base.toString(), out);
    return out;
  }

  private static void merge(com.google.gson.JsonObject into, com.google.gson.JsonObject from) {
    for (var e : from.entrySet()) {
      if (e.getValue().isJsonObject() && into.has(e.getKey()) && into.get(e.getKey()).isJsonObject()) {
        merge(into.getAsJsonObject(e.getKey()), e.getValue().getAsJsonObject());
      } else {
        into.add(e.getKey(), e.getValue());
      }
    }
  }

  /** The template's message as documented (routing included; the sender overrides it). */
  public static InnerMessage.Builder load(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("draft " + name + ": no such template (expected one of: "
          + String.join(", ", NAMES) + ")");
    }
    try (InputStream in = Drafts.class.getResourceAsStream("/org/relay247/simulator/drafts/" + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("template " + name + ".json is not packaged with the simulator");
      }
      InnerMessage.Builder b = InnerMessage.newBuilder();
      JsonFormat.parser().merge(new String(in.readAllBytes(), StandardCharsets.UTF_8), b);
      return b;
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("template " + name + ".json unreadable: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
