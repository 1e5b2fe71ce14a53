package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.SuspensionKind;
import org.relay247.protocol.v1.SuspensionNotice;
import org.relay247.protocol.v1.SuspensionStep;

/**
 * {@code relay247 case suspensions} lists the Art. 14.15 suspensions in effect on both nodes in one
 * model (who suspended transfers to whom), and a FULL suspension sent without prior notice is
 * warned about at send and marked in the list.
 */
class CaseSuspensionsCommandTest {
  @RegisterExtension static final CliNetwork net = new CliNetwork();

  @Test
  void fullSuspensionWithoutNotice_isWarned_andListedOnBothNodes() throws Exception {
    CliRun none = net.as(net.de(), "case", "suspensions");
    assertThat(none.exit()).as(none.err()).isZero();
    assertThat(none.out()).contains("No suspension in effect.");

    Path body = net.dir().resolve("suspension.json");
    Files.writeString(body, JsonFormat.printer().print(InnerMessage.newBuilder().setSuspensionNotice(
        SuspensionNotice.newBuilder().setStep(SuspensionStep.SUSPENSION_STEP_IMPOSED)
            .setKind(SuspensionKind.SUSPENSION_KIND_FULL).setGrounds("systematic breach of Art. 14.5")
            .setConsultationOffered(true)).build()));
    CliRun sent = net.as(net.fr(), "send", "--to", "DE/poc", "--type", "suspension-notice", "--body", body.toString());
    assertThat(sent.exit()).as(sent.err()).isZero();
    assertThat(sent.out()).contains("WARN SUSP_14_15_NOTICE (Art. 14.15)");
    String noticeId = sent.out().lines().findFirst().orElseThrow();

    Awaits.received(net.de(), noticeId);
    for (var node : new org.relay247.gateway.node.GatewayNode[] {net.fr(), net.de()}) {
      CliRun list = net.as(node, "case", "suspensions");
      assertThat(list.exit()).as(list.err()).isZero();
      assertThat(list.out()).containsPattern("FR +DE +FULL +all personal data .* notice +" + noticeId
          + " \\(imposed without the prior notice Art. 14.15 requires\\)");
    }
  }
}
