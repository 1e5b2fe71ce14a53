package org.relay247.simulator.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The three reports of one run, on a hand-made record (no nodes needed). */
class ReportsTest {
  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

  private static RunRecord record() {
    RunRecord.MessageRecord delivered = new RunRecord.MessageRecord("r1", "m1", "c1", "FR/poc", "DE/poc",
        "ART9_REQUEST", "EMERGENCY", T0.plusSeconds(1), Optional.of(T0.plusSeconds(2)), "DELIVERED", "", 1);
    RunRecord.MessageRecord rejected = new RunRecord.MessageRecord("", "m2", "c1", "DE/poc", "FR/poc",
        "CONSULTATION_MESSAGE", "ROUTINE", T0.plusSeconds(3), Optional.of(T0.plusSeconds(4)), "REJECTED",
        "REJECTION_REASON_SIGNER_CERTIFICATE_REVOKED", 1);
    RunRecord.MessageRecord pending = new RunRecord.MessageRecord("r3", "m3", "c1", "FR/poc", "DE/poc",
        "CONSULTATION_MESSAGE", "ROUTINE", T0.plusSeconds(5), Optional.empty(), "PENDING", "UNAVAILABLE", 4);
    RunRecord.MessageRecord refused = new RunRecord.MessageRecord("r4", "", "refused-r4", "FR/poc", "IT/poc",
        "ART9_REQUEST", "EMERGENCY", T0.plusSeconds(6), Optional.empty(), "REFUSED", "blocked: DECL_9_1_B <x>", 0);
    return new RunRecord("Report <test> & co", "t.yaml", "", 5, T0, Duration.ofSeconds(9), Duration.ofMinutes(12),
        List.of("FR", "DE", "IT"),
        List.of(new RunRecord.StepResult(1, 7, "send r1", T0, true, "submitted m1")),
        List.of(new RunRecord.ExpectationResult(2, 8, "delivered r1", "FR", true, "DELIVERED after 1 attempt(s)"),
            new RunRecord.ExpectationResult(3, 9, "delivered r3", "FR", false, "PENDING after 4 attempt(s)")),
        List.of(delivered, rejected, pending, refused),
        List.of(new RunRecord.EscalationRecord("FR", "DELIVERY_OVERDUE", "m3", T0.plusSeconds(65), "overdue")),
        List.of(new RunRecord.FaultRecord(4, "fault partition FR-DE for 10m", List.of("FR", "DE"), T0.plusMillis(4500),
            Optional.of(T0.plusSeconds(600)), "")),
        List.of(new RunRecord.PingRecord("FR", "DE", true, 120, ""), new RunRecord.PingRecord("DE", "FR", false, 0,
            "certificate (ping refused by FR: ping signer: REVOKED)")),
        Optional.of(64L * 1024 * 1024));
  }

  @Test
  void html_isSelfContained_andMarksReceiptsRejectionsRefusalsAndFaults() {
    String html = HtmlReport.render(record());

    assertThat(html).doesNotContain("<script", "src=", "href=", "url(http", "@import");
    assertThat(html).contains("FAILED", "Report &lt;test&gt; &amp; co", "1 of 2 expectations held")
        .contains("class=\"m ok\"", "class=\"m rej\"", "class=\"m pend\"", "class=\"m ref\"")
        .contains("class=\"fault\"", "fault partition FR-DE for 10m (healed after")
        .contains("class=\"esc\"", "DELIVERY_OVERDUE")
        .contains("Latency per country pair", "FR \u2192 DE", "DE \u2192 FR")
        .contains("1 of 2 directed pairs answered", "certificate (ping refused by FR: ping signer: REVOKED)")
        .contains("<tr class=\"fail\"><td>3</td><td>9</td><td>delivered r3</td>");
  }

  @Test
  void json_holdsEveryMessageAndTheVerdict() {
    JsonObject o = JsonParser.parseString(JsonReport.render(record())).getAsJsonObject();

    assertThat(o.get("passed").getAsBoolean()).isFalse();
    assertThat(o.getAsJsonArray("messages")).hasSize(4);
    assertThat(o.getAsJsonArray("messages").get(0).getAsJsonObject().get("latency_ms").getAsLong()).isEqualTo(1000);
    assertThat(o.get("max_heap_used_mb").getAsLong()).isEqualTo(64);
    assertThat(o.getAsJsonArray("faults").get(0).getAsJsonObject().get("until").getAsString())
        .isEqualTo("2026-12-05T10:10:00Z");
  }

  @Test
  void junitXml_isWellFormed_withOneTestCasePerExpectation_andTheFailureSaysWhatWasSeen() throws Exception {
    String xml = JunitReport.render(record());
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

    assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("2");
    assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
    assertThat(doc.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("message").getNodeValue())
        .isEqualTo("at FR: expected delivered r3, saw PENDING after 4 attempt(s)");
  }
}
