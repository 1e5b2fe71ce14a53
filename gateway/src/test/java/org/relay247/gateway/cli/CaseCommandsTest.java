package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.protocol.v1.InnerMessage;

/** relay247 case ... as operators run it, against two running net (FR requests, DE is asked). */
class CaseCommandsTest {
  @RegisterExtension static final CliNetwork net = new CliNetwork();

  @Test
  void operatorsDriveAnArt9Case_fromTheCommandLine() throws Exception {
    InnerMessage request = net.fr().outbox()
        .submit(org.relay247.gateway.node.CaseExchangeTestAccess.art9Request());
    String caseId = request.getRouting().getCaseId();
    String requestId = request.getRouting().getMessageId();
    Awaits.trackState(net.de(), caseId, requestId, TrackState.OPEN);

    CliRun list = net.as(net.de(), "case", "list");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains(caseId).containsPattern("ART9 +REQUESTED +FR/poc +OPEN +" + requestId);

    CliRun determine = net.as(net.de(), "case", "conditions", caseId, "--request", requestId,
        "--condition", "use-limitation:only for investigation J3-2025-118", "--by", "KHK Jonas Brenner");
    assertThat(determine.exit()).as(determine.err()).isZero();
    String determinationId = determine.out().lines().findFirst().orElseThrow().strip();
    Awaits.trackState(net.fr(), caseId, requestId, TrackState.CONDITIONS_PENDING);

    CliRun accept = net.as(net.fr(), "case", "accept-conditions", caseId, "--determination", determinationId,
        "--by", "Cdt. Claire Martin");
    assertThat(accept.exit()).as(accept.err()).isZero();
    Awaits.trackState(net.de(), caseId, requestId, TrackState.CONDITIONS_ACCEPTED);

    CliRun again = net.as(net.de(), "case", "determine", caseId, "--request", requestId,
        "--outcome", "will-not-provide", "--by", "KHK Jonas Brenner");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("determination on track " + requestId + " in state CONDITIONS_ACCEPTED"
        + " (expected: OPEN, AWAITING_INFORMATION, POSTPONED or CONDITIONS_REFUSED)");

    CliRun show = net.as(net.fr(), "case", "show", caseId);
    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(show.out()).contains(requestId + "  ART9, REQUESTING with DE/poc: CONDITIONS_ACCEPTED")
        .contains("BINDING  c1 USE_LIMITATION").contains("art9.determination");

    CliRun timeline = net.as(net.fr(), "case", "timeline", caseId);
    assertThat(timeline.exit()).as(timeline.err()).isZero();
    assertThat(timeline.out()).contains("SENT        ART9_REQUEST").contains("RECEIVED    DETERMINATION")
        .contains("SENT        CONDITION_RESPONSE");
  }

  @Test
  void unknownCase_andBadCondition_areExplained() {
    CliRun show = net.as(net.fr(), "case", "show", "019aa430-9a40-7593-9e3f-13c7dd8924e5");
    assertThat(show.exit()).isEqualTo(1);
    assertThat(show.err()).contains("case 019aa430-9a40-7593-9e3f-13c7dd8924e5 is not a case of this node");

    CliRun help = net.as(net.fr(), "case", "determine", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("--outcome").contains("--by");
  }

  @Test
  void recordOral_opensARecordedTrackOnBothNodes() throws Exception {
    CliRun record = net.as(net.de(), "case", "record-oral", "--caller-authority", "FR/poc",
        "--caller", "Lt. Dubois", "--summary", "mailbox of a kidnapper", "--category", "subscriber",
        "--by", "KHK Jonas Brenner");
    assertThat(record.exit()).as(record.err()).isZero();
    String recordId = record.out().lines().findFirst().orElseThrow();
    String caseId = record.out().lines().skip(1).findFirst().orElseThrow().split(" ")[1].replace(",", "");

    Awaits.trackState(net.fr(), caseId, recordId, TrackState.RECORDED);
    assertThat(net.de().cases().find(caseId).orElseThrow().timers()).singleElement()
        .satisfies(t -> assertThat(t.name()).isEqualTo("oral.confirmation"));
  }

}
