package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.protocol.v1.InnerMessage;
import picocli.CommandLine;

/** relay247 case ... as operators run it, against two running nodes (FR requests, DE is asked). */
class CaseCommandsTest {
  @TempDir static Path dir;
  static TestNetwork net;
  static GatewayNode fr;
  static GatewayNode de;

  @BeforeAll
  static void start() throws Exception {
    net = TestNetwork.create(dir, "FR", "DE");
    fr = net.start("FR");
    de = net.start("DE");
  }

  @AfterAll
  static void stop() {
    if (fr != null) {
      fr.close();
    }
    if (de != null) {
      de.close();
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run as(GatewayNode node, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--node", "localhost:" + node.apiPort(), "--network", net.pki.layout().dir().toString(),
        "--party", node.party().code()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Relay247Command.newCommandLine(Clock.systemUTC());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void operatorsDriveAnArt9Case_fromTheCommandLine() throws Exception {
    InnerMessage request = fr.outbox().submit(org.relay247.gateway.node.CaseExchangeTestAccess.art9Request());
    String caseId = request.getRouting().getCaseId();
    String requestId = request.getRouting().getMessageId();
    awaitState(de, caseId, requestId, TrackState.OPEN);

    Run list = as(de, "case", "list");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains(caseId).containsPattern("ART9 +REQUESTED +FR/poc +OPEN +" + requestId);

    Run determine = as(de, "case", "conditions", caseId, "--request", requestId,
        "--condition", "use-limitation:only for investigation J3-2025-118", "--by", "KHK Jonas Brenner");
    assertThat(determine.exit()).as(determine.err()).isZero();
    String determinationId = determine.out().strip();
    awaitState(fr, caseId, requestId, TrackState.CONDITIONS_PENDING);

    Run accept = as(fr, "case", "accept-conditions", caseId, "--determination", determinationId,
        "--by", "Cdt. Claire Martin");
    assertThat(accept.exit()).as(accept.err()).isZero();
    awaitState(de, caseId, requestId, TrackState.CONDITIONS_ACCEPTED);

    Run again = as(de, "case", "determine", caseId, "--request", requestId, "--outcome", "will-not-provide",
        "--by", "KHK Jonas Brenner");
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("determination on track " + requestId + " in state CONDITIONS_ACCEPTED"
        + " (expected: OPEN, AWAITING_INFORMATION, POSTPONED or CONDITIONS_REFUSED)");

    Run show = as(fr, "case", "show", caseId);
    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(show.out()).contains(requestId + "  ART9, REQUESTING with DE/poc: CONDITIONS_ACCEPTED")
        .contains("BINDING  c1 USE_LIMITATION").contains("art9.determination");

    Run timeline = as(fr, "case", "timeline", caseId);
    assertThat(timeline.exit()).as(timeline.err()).isZero();
    assertThat(timeline.out()).contains("SENT        ART9_REQUEST").contains("RECEIVED    DETERMINATION")
        .contains("SENT        CONDITION_RESPONSE");
  }

  @Test
  void unknownCase_andBadCondition_areExplained() {
    Run show = as(fr, "case", "show", "019aa430-9a40-7593-9e3f-13c7dd8924e5");
    assertThat(show.exit()).isEqualTo(1);
    assertThat(show.err()).contains("case 019aa430-9a40-7593-9e3f-13c7dd8924e5 is not a case of this node");

    Run help = as(fr, "case", "determine", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("--outcome").contains("--by");
  }

  @Test
  void recordOral_opensARecordedTrackOnBothNodes() throws Exception {
    Run record = as(de, "case", "record-oral", "--caller-authority", "FR/poc", "--caller", "Lt. Dubois",
        "--summary", "mailbox of a kidnapper", "--category", "subscriber", "--by", "KHK Jonas Brenner");
    assertThat(record.exit()).as(record.err()).isZero();
    String recordId = record.out().lines().findFirst().orElseThrow();
    String caseId = record.out().lines().skip(1).findFirst().orElseThrow().split(" ")[1].replace(",", "");

    awaitState(fr, caseId, recordId, TrackState.RECORDED);
    assertThat(de.cases().find(caseId).orElseThrow().timers()).singleElement()
        .satisfies(t -> assertThat(t.name()).isEqualTo("oral.confirmation"));
  }

  private static void awaitState(GatewayNode node, String caseId, String trackId, TrackState state)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      var track = node.cases().find(caseId).flatMap(c -> c.track(trackId));
      if (track.isPresent() && track.get().state() == state) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("track " + trackId + " at " + node.party() + " did not reach " + state);
  }
}
