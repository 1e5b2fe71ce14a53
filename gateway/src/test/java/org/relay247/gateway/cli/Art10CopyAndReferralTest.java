package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.relay247.gateway.cases.CaseTimerWorker;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.internal.CaseStore;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.protocol.v1.Art10Channels;
import org.relay247.protocol.v1.Art10Route;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.InnerMessage;

/**
 * Art. 10.9 between FR and DE (DE declared the point-of-contact route): FR's request by that route
 * opens the central-authority copy obligation with a timer that escalates; {@code case copy-to-ca}
 * builds and sends the copy from the request; DE's point of contact, not competent, refers the
 * request to DE's central authority with {@code case refer}, and FR's track follows the referral.
 */
class Art10CopyAndReferralTest {
  @RegisterExtension static final CliNetwork net = new CliNetwork(d -> {
    for (int i = 0; i < d.getPartiesCount(); i++) {
      if (d.getParties(i).getCode().equals("DE")) {
        d.getPartiesBuilder(i).addDeclarations(Declaration.newBuilder().setKind(DeclarationKind.DECLARATION_KIND_D_10_9)
            .setArt10Channels(Art10Channels.newBuilder().addRoutes(Art10Route.ART10_ROUTE_POINT_OF_CONTACT)));
      }
    }
  });

  @Test
  void copyObligation_hasATimerThatEscalates_theCopyIsBuiltFromTheRequest_andAReferralMovesTheTrack()
      throws Exception {
    InnerMessage.Builder b = InnerMessage.newBuilder();
    JsonFormat.parser().merge(Files.readString(Path.of("../docs/examples/art10-request.json")), b);
    b.getRoutingBuilder().clearCaseId().setRecipient("DE/poc");
    b.getArt10RequestBuilder().setRoute(Art10Route.ART10_ROUTE_POINT_OF_CONTACT);
    Path body = net.dir().resolve("art10-poc.json");
    Files.writeString(body, JsonFormat.printer().print(b.build()));

    CliRun sent = net.as(net.fr(), "send", "--type", "art10", "--body", body.toString());
    assertThat(sent.exit()).as(sent.err()).isZero();
    assertThat(sent.out()).contains("WARN COPY_10_9 (Art. 10.9)");
    String requestId = sent.out().lines().findFirst().orElseThrow();
    String caseId = InnerMessage.parseFrom(net.fr().outboxStore().find(requestId).orElseThrow().innerMessage())
        .getRouting().getCaseId();
    CliRun show = net.as(net.fr(), "case", "show", caseId);
    assertThat(show.out()).contains("OPEN   CENTRAL_AUTHORITY_COPY_10_9 owed by REQUESTING (Art. 10.9)")
        .containsPattern("ACTIVE +art10.ca_copy +IMMEDIATE");

    // Not sent within the IMMEDIATE window: the timer escalates like any case clock.
    new CaseTimerWorker(new CaseStore(net.fr().database()), net.fr().escalations(), net.fr().audit(),
        net.fr().metrics(), Clock.offset(Clock.systemUTC(), Duration.ofHours(1))).runOnce();
    assertThat(net.fr().escalations().recent(20)).filteredOn(e -> e.messageId().equals(requestId))
        .anySatisfy(e -> assertThat(e.detail()).contains("art10.ca_copy missed (IMMEDIATE, Art. 10.9"));

    CliRun copy = net.as(net.fr(), "case", "copy-to-ca", caseId, "--request", requestId, "--by", "Mme Laure Petit");
    assertThat(copy.exit()).as(copy.err()).isZero();
    String copyId = copy.out().lines().findFirst().orElseThrow();
    InnerMessage copied = InnerMessage.parseFrom(net.fr().outboxStore().find(copyId).orElseThrow().innerMessage());
    assertThat(copied.getRouting().getSender()).isEqualTo("FR/ca");
    assertThat(copied.getRouting().getRecipient()).isEqualTo("DE/ca");
    assertThat(copied.getCentralAuthorityCopy().getOriginalMessageId()).isEqualTo(requestId);
    assertThat(copied.getCentralAuthorityCopy().getOriginalRecipient()).isEqualTo("DE/poc");
    assertThat(copied.getCentralAuthorityCopy().getRequest()).isEqualTo(b.getArt10Request());
    assertThat(net.as(net.fr(), "case", "show", caseId).out())
        .contains("CLOSED CENTRAL_AUTHORITY_COPY_10_9 owed by REQUESTING (Art. 10.9) by " + copyId);

    // DE's point of contact is not competent: it refers the request to DE's central authority.
    Awaits.trackState(net.de(), caseId, requestId, TrackState.OPEN);
    CliRun refer = net.as(net.de(), "case", "refer", caseId, "--request", requestId, "--to", "DE/ca",
        "--reasons", "Art. 10 requests are handled by the Federal Office of Justice", "--by", "KHK Jonas Brenner");
    assertThat(refer.exit()).as(refer.err()).isZero();
    String referralId = refer.out().lines().findFirst().orElseThrow();

    Awaits.received(net.fr(), referralId);
    assertThat(net.fr().cases().find(caseId).orElseThrow().track(requestId).orElseThrow().counterpart())
        .isEqualTo("DE/ca");
    assertThat(net.as(net.fr(), "case", "show", caseId).out())
        .contains("REFERRED: request " + requestId + " referred by DE/poc to DE/ca, the competent authority (Art. 10.9)");
    assertThat(net.de().cases().find(caseId).orElseThrow().flags()).extracting(f -> f.code()).contains("REFERRED");

    CliRun wrong = net.as(net.de(), "case", "refer", caseId, "--request", requestId, "--to", "FR/ca",
        "--reasons", "x", "--by", "KHK Jonas Brenner");
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.err()).contains("referral.referred_to: FR/ca");
  }

}
