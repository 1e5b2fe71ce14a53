package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.protocol.v1.InnerMessage;

/**
 * Preservation (Conv. Art. 29) between FR and DE, as operators run it: a period under the
 * Convention's 60-day minimum gives a finding on both sides, {@code case determine} applies
 * Conv. 29.3 (not Art. 9.6), timers are labelled "Conv. 29.7", and the lapse escalation says until
 * when the data are preserved.
 */
class PreservationCaseTest {
  @RegisterExtension static final CliNetwork net = new CliNetwork();

  @Test
  void shortPreservation_isFound_determinedUnderConv29_andItsLapseWarningShowsTheDate() throws Exception {
    Instant until = Instant.now().plus(Duration.ofDays(1));
    InnerMessage.Builder b = InnerMessage.newBuilder();
    JsonFormat.parser().merge(Files.readString(Path.of("../docs/examples/preservation-request.json")), b);
    b.getRoutingBuilder().clearCaseId();
    b.getPreservationRequestBuilder().setPreserveUntil(Timestamps.fromMillis(until.toEpochMilli()));
    Path body = net.dir().resolve("preservation.json");
    Files.writeString(body, JsonFormat.printer().print(b.build()));

    CliRun sent = net.as(net.fr(), "send", "--to", "DE/poc", "--type", "preservation", "--body", body.toString());
    assertThat(sent.exit()).as(sent.err()).isZero();
    assertThat(sent.out()).contains("WARN PRES_29_7 (Conv. 29.7): The preservation is requested until");
    String requestId = sent.out().lines().findFirst().orElseThrow();
    String caseId = InnerMessage.parseFrom(net.fr().outboxStore().find(requestId).orElseThrow().innerMessage())
        .getRouting().getCaseId();
    Awaits.trackState(net.de(), caseId, requestId, TrackState.OPEN);
    assertThat(net.de().cases().find(caseId).orElseThrow().flags()).extracting(f -> f.code()).contains("PRES_29_7");

    CliRun determine = net.as(net.de(), "case", "determine", caseId, "--request", requestId, "--by", "KHK Jonas Brenner");
    assertThat(determine.exit()).as(determine.err()).isZero();
    String determinationId = determine.out().lines().findFirst().orElseThrow();
    assertThat(InnerMessage.parseFrom(net.de().outboxStore().find(determinationId).orElseThrow().innerMessage())
        .getDetermination().getArticle()).isEqualTo("Conv. 29.3");
    Awaits.trackState(net.fr(), caseId, requestId, TrackState.PRESERVED);

    CliRun show = net.as(net.fr(), "case", "show", caseId);
    assertThat(show.out()).contains("preservation.lapse").contains("Conv. 29.7").doesNotContain("Art. Conv.");

    // The warning is due at once (one day left, less than the 7-day warning): the escalation names the date.
    net.fr().caseTimers().runOnce();
    assertThat(net.fr().escalations().recent(10)).filteredOn(e -> e.messageId().equals(requestId)).singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("preservation.lapse missed (FIXED, Conv. 29.7")
            .contains("the data are preserved until " + Instant.ofEpochMilli(until.toEpochMilli())));
  }

}
