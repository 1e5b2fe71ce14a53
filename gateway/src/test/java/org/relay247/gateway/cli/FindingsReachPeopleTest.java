package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.relay247.gateway.cases.CaseView;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.node.CaseExchangeTestAccess;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.protocol.v1.InnerMessage;

/**
 * Treaty-rule findings reach the people on both sides: {@code relay247 send} prints them, the
 * receiving node records its own findings as flags of the case ({@code case show}), and a BLOCK is
 * overridden with {@code --override REASON} only for rules that leave the decision to a person.
 */
class FindingsReachPeopleTest {
  @RegisterExtension static final CliNetwork net = new CliNetwork();

  /** The example Art. 9 request in French (DE accepts English only) and without special instructions. */
  private static Path frenchRequestWithoutInstructions(String name) throws Exception {
    InnerMessage m = CaseExchangeTestAccess.art9Request().toBuilder().setLanguage("fr")
        .setArt9Request(CaseExchangeTestAccess.art9Request().getArt9Request().toBuilder().clearSpecialInstructions())
        .build();
    m = m.toBuilder().setRouting(m.getRouting().toBuilder().clearCaseId()).build();
    Path file = net.dir().resolve(name);
    Files.writeString(file, JsonFormat.printer().print(m));
    return file;
  }

  @Test
  void send_printsWarnings_andReceiverFlagsItsFindings_andOverrideIsAudited() throws Exception {
    Path body = frenchRequestWithoutInstructions("french-art9.json");

    CliRun blocked = net.as(net.fr(), "send", "--to", "DE/poc", "--type", "art9", "--body", body.toString());
    assertThat(blocked.exit()).isEqualTo(1);
    assertThat(blocked.err()).contains("LANG_4 (Art. 4.1)");

    CliRun sent = net.as(net.fr(), "send", "--to", "DE/poc", "--type", "art9", "--body", body.toString(),
        "--override", "DE's point of contact agreed by phone to take the request in French");
    assertThat(sent.exit()).as(sent.err()).isZero();
    String messageId = sent.out().lines().findFirst().orElseThrow();
    assertThat(sent.out()).contains("OVERRIDDEN LANG_4 (Art. 4.1)").contains("WARN REQ_9_3_G (Art. 9.3.g)");

    InnerMessage stored = InnerMessage.parseFrom(net.fr().outboxStore().find(messageId).orElseThrow().innerMessage());
    assertThat(stored.getRuleOverridesList()).singleElement().satisfies(o -> {
      assertThat(o.getCode()).isEqualTo("LANG_4");
      assertThat(o.getReason()).isEqualTo("DE's point of contact agreed by phone to take the request in French");
    });
    String sentCase = stored.getRouting().getCaseId();
    assertThat(net.fr().audit().entries(sentCase)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("RULE_OVERRIDDEN");
      assertThat(e.details()).contains("LANG_4 (Art. 4.1) overridden: DE's point of contact agreed by phone");
    });

    // DE did not reject it (LANG_4 overridden by a person) but flags it, with its own warning.
    CaseView atDe = awaitCase(net.de(), sentCase);
    assertThat(atDe.flags()).extracting(f -> f.code()).contains("LANG_4", "REQ_9_3_G");
    CliRun show = net.as(net.de(), "case", "show", sentCase);
    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(show.out()).contains("LANG_4: BLOCK overridden by the sending Party's person, DE's point of contact")
        .contains("REQ_9_3_G: WARN on arrival: REQ_9_3_G (Art. 9.3.g)");
    CliRun showFr = net.as(net.fr(), "case", "show", sentCase);
    assertThat(showFr.out()).contains("REQ_9_3_G: WARN at submit");
  }

  @Test
  void override_neverAppliesToRulesThatDoNotLeaveTheDecisionToAPerson() throws Exception {
    Path body = frenchRequestWithoutInstructions("french-art9-routine.json");

    CliRun routine = net.as(net.fr(), "send", "--to", "DE/poc", "--type", "art9", "--body", body.toString(),
        "--priority", "routine", "--override", "we think it is urgent enough");

    assertThat(routine.exit()).isEqualTo(1);
    assertThat(routine.err()).contains("--override does not apply to EMERGENCY_9")
        .contains("where the treaty leaves the decision to a person");
  }

  private static CaseView awaitCase(GatewayNode node, String caseId) {
    Awaits.until("case " + caseId + " flagged at " + node.party(), Duration.ofSeconds(20),
        () -> node.cases().find(caseId).map(c -> !c.flags().isEmpty()).orElse(false));
    return node.cases().find(caseId).orElseThrow();
  }
}
