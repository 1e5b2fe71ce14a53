package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.relay247.protocol.v1.Art10Channels;
import org.relay247.protocol.v1.Art10Route;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.LanguageAcceptance;

/** {@code relay247 directory show}: a verified signed directory, readable, with validity dates. */
class DirectoryShowCommandTest {
  @RegisterExtension static final CliNetwork net = new CliNetwork(d -> {
    for (int i = 0; i < d.getPartiesCount(); i++) {
      if (d.getParties(i).getCode().equals("DE")) {
        d.getPartiesBuilder(i).addDeclarations(Declaration.newBuilder().setKind(DeclarationKind.DECLARATION_KIND_D_10_9)
            .setEffectiveFrom(Timestamps.parseUnchecked("2025-03-01T00:00:00Z"))
            .setArt10Channels(Art10Channels.newBuilder().addRoutes(Art10Route.ART10_ROUTE_POINT_OF_CONTACT)))
            .addLanguages(LanguageAcceptance.newBuilder().setCooperationType(CooperationType.COOPERATION_TYPE_MLA)
                .addLanguages("de").setEffectiveFrom(Timestamps.parseUnchecked("2026-01-01T00:00:00Z")));
      }
    }
  });

  @Test
  void show_printsTheVerifiedDirectoryWithValidityDates() {
    CliRun show = CliRun.relay247("directory", "show", "--network", net.trust().toString());
    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(show.out()).contains("Directory version 2, issued").contains("(signature verified)")
        .contains("Party DE").contains("DE/ca").contains("CENTRAL_AUTHORITY")
        .containsPattern("D-10\\.9 +routes POINT_OF_CONTACT  valid \\[2025-03-01T00:00:00Z, open\\)")
        .containsPattern("MLA +de  valid \\[2026-01-01T00:00:00Z, open\\)");
  }

  @Test
  void tamperedDirectory_isRefused() throws Exception {
    byte[] bytes = Files.readAllBytes(net.trust().resolve("directory.bin"));
    bytes[bytes.length / 2] ^= 0x01;
    var tampered = net.dir().resolve("tampered.bin");
    Files.write(tampered, bytes);

    CliRun show = CliRun.relay247("directory", "show", tampered.toString(), "--network", net.trust().toString());

    assertThat(show.exit()).isEqualTo(1);
    assertThat(show.err()).contains("not a valid signed directory");
  }
}
