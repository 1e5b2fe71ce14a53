package org.relay247.simulator.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Optional;

/** The run as JSON ({@code report.json}): every field of {@link RunRecord}, times as ISO-8601 virtual instants. */
public final class JsonReport {
  private JsonReport() {}

  public static String render(RunRecord r) {
    JsonObject o = new JsonObject();
    o.addProperty("scenario", r.name());
    o.addProperty("file", r.file());
    o.addProperty("passed", r.passed());
    o.addProperty("seed", r.seed());
    o.addProperty("started_at", r.startedAt().toString());
    o.addProperty("wall_ms", r.wall().toMillis());
    o.addProperty("virtual_ms", r.virtual().toMillis());
    r.maxHeapUsedBytes().ifPresent(h -> o.addProperty("max_heap_used_mb", h / (1024 * 1024)));
    JsonArray parties = new JsonArray();
    r.parties().forEach(parties::add);
    o.add("parties", parties);
    JsonArray steps = new JsonArray();
    for (RunRecord.StepResult s : r.steps()) {
      JsonObject j = new JsonObject();
      j.addProperty("step", s.index());
      j.addProperty("line", s.line());
      j.addProperty("description", s.description());
      j.addProperty("at", s.at().toString());
      j.addProperty("ok", s.ok());
      j.addProperty("detail", s.detail());
      steps.add(j);
    }
    o.add("steps", steps);
    JsonArray expectations = new JsonArray();
    for (RunRecord.ExpectationResult e : r.expectations()) {
      JsonObject j = new JsonObject();
      j.addProperty("step", e.step());
      j.addProperty("line", e.line());
      j.addProperty("expected", e.expected());
      j.addProperty("party", e.party());
      j.addProperty("passed", e.passed());
      j.addProperty("seen", e.seen());
      expectations.add(j);
    }
    o.add("expectations", expectations);
    JsonArray messages = new JsonArray();
    for (RunRecord.MessageRecord m : r.messages()) {
      JsonObject j = new JsonObject();
      j.addProperty("ref", m.ref());
      j.addProperty("message_id", m.messageId());
      j.addProperty("case_id", m.caseId());
      j.addProperty("from", m.from());
      j.addProperty("to", m.to());
      j.addProperty("body", m.body());
      j.addProperty("priority", m.priority());
      j.addProperty("created_at", m.createdAt().toString());
      time(j, "completed_at", m.completedAt());
      m.latency().ifPresent(l -> j.addProperty("latency_ms", l.toMillis()));
      j.addProperty("state", m.state());
      j.addProperty("reason", m.reason());
      j.addProperty("attempts", m.attempts());
      messages.add(j);
    }
    o.add("messages", messages);
    JsonArray escalations = new JsonArray();
    for (RunRecord.EscalationRecord e : r.escalations()) {
      JsonObject j = new JsonObject();
      j.addProperty("party", e.party());
      j.addProperty("kind", e.kind());
      j.addProperty("message_id", e.messageId());
      j.addProperty("raised_at", e.raisedAt().toString());
      j.addProperty("detail", e.detail());
      escalations.add(j);
    }
    o.add("escalations", escalations);
    JsonArray faults = new JsonArray();
    for (RunRecord.FaultRecord f : r.faults()) {
      JsonObject j = new JsonObject();
      j.addProperty("step", f.step());
      j.addProperty("fault", f.description());
      j.addProperty("from", f.from().toString());
      time(j, "until", f.until());
      j.addProperty("outcome", f.outcome());
      faults.add(j);
    }
    o.add("faults", faults);
    JsonArray pings = new JsonArray();
    for (RunRecord.PingRecord p : r.pings()) {
      JsonObject j = new JsonObject();
      j.addProperty("from", p.from());
      j.addProperty("to", p.to());
      j.addProperty("answered", p.answered());
      j.addProperty("ms", p.millis());
      j.addProperty("why", p.why());
      pings.add(j);
    }
    o.add("pings", pings);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
  }

  private static void time(JsonObject j, String key, Optional<Instant> at) {
    at.ifPresent(a -> j.addProperty(key, a.toString()));
  }
}
