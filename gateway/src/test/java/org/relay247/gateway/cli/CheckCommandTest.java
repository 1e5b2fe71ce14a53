package org.relay247.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.pki.DevelopmentNetwork;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.NetworkSettings;
import org.relay247.pki.PartyCode;
import org.relay247.pki.SecureFiles;
import org.relay247.protocol.directory.DefaultDirectory;
import org.relay247.protocol.directory.DirectoryYaml;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.InnerMessage;

/**
 * {@code relay247 check} through the launcher: a development network whose directory.bin is the
 * example directory (FR, DE, US with every declaration) signed by the network's directory key.
 */
class CheckCommandTest {
  private static final Instant NOW = Instant.parse("2025-11-21T03:00:00Z");
  private static final Path EXAMPLES = Path.of("..", "docs", "examples").toAbsolutePath().normalize();

  @TempDir static Path dir;
  static Path net;

  @BeforeAll
  static void network() throws IOException {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    net = dir.resolve("net");
    NetworkPki pki = DevelopmentNetwork.create(net, List.of(PartyCode.of("DE"), PartyCode.of("FR"),
        PartyCode.of("US")), List.of(), NetworkSettings.defaults(), clock);
    SecureFiles.writePublic(net.resolve("directory.bin"),
        DefaultDirectory.sign(pki, DirectoryYaml.read(EXAMPLES.resolve("directory.yaml")), clock));
    // A second, signed default directory (no declarations, English everywhere).
    SecureFiles.writePublic(net.resolve("default-directory.bin"),
        DefaultDirectory.sign(pki, DefaultDirectory.forNetwork(pki, NOW), clock));
  }

  private static CliRun relay247(String... args) {
    return CliRun.relay247(Clock.fixed(NOW, ZoneOffset.UTC), args);
  }

  private static CliRun check(String type, Path body, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("check", "--network", net.toString(), "--type", type,
        "--body", body.toString()));
    args.addAll(List.of(more));
    return relay247(args.toArray(String[]::new));
  }

  private static Path example(String name) {
    return EXAMPLES.resolve(name);
  }

  /** The Art. 9 example with subscriber information only. */
  private static Path subscriberOnlyArt9() throws IOException {
    InnerMessage.Builder m = InnerMessage.newBuilder();
    JsonFormat.parser().merge(Files.readString(example("art9-request.json")), m);
    m.getArt9RequestBuilder().getDataBuilder().clearCategories().addCategories(DataCategory.DATA_CATEGORY_SUBSCRIBER);
    Path file = dir.resolve("art9-subscriber-only.json");
    Files.writeString(file, JsonFormat.printer().print(m), StandardCharsets.UTF_8);
    return file;
  }

  /** Only the body of the Art. 9 example, as 'relay247 send' also accepts: no routing, no language. */
  private static Path art9BodyOnly() throws IOException {
    InnerMessage.Builder m = InnerMessage.newBuilder();
    JsonFormat.parser().merge(Files.readString(example("art9-request.json")), m);
    Path file = dir.resolve("art9-body-only.json");
    Files.writeString(file, JsonFormat.printer().print(m.getArt9Request()), StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void help_describesTheOptionsAndExitCodes() {
    CliRun help = relay247("check", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).startsWith("Usage: relay247 check").contains("--network").contains("--from")
        .contains("--to").contains("--type").contains("--body").contains("--at").contains("--lang")
        .contains("Art. 14.6").contains("Exit 0 when nothing blocks, 1 when something blocks");
    assertThat(relay247("--help").out()).contains("check");
  }

  @Test
  void art9Example_toGermany_warnsAboutTheFollowUp_andExitsZero() {
    CliRun run = check("art9", example("art9-request.json"), "--from", "FR/poc", "--to", "DE/poc");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("WARN   DECL_9_5  Art. 9.5\n  Party DE declared under Art. 9.5")
        .contains("\n  Instead: Prepare the follow-up")
        .contains("art9_request from FR/poc to DE/poc, directory version 7, as of 2025-11-21T03:00:00Z: 0 blocking,"
            + " 1 warning: nothing blocks this message (not sent).")
        .doesNotContain("La Partie");
  }

  @Test
  void subscriberOnlyArt9_toGermany_isBlockedUnder9_1_b_andExitsOne() throws IOException {
    CliRun run = check("art9", subscriberOnlyArt9(), "--from", "FR/poc", "--to", "DE/poc");
    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).startsWith("BLOCK  DECL_9_1_B  Art. 9.1.b\n"
            + "  Party DE declared under Art. 9.1.b that it does not execute requests for subscriber information only.\n"
            + "  Instead: Use Art. 7 or Art. 8, or add the traffic or content data you need.\n")
        .contains("1 blocking, 1 warning: the message would be refused as it stands (not sent).");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void bodyOnlyJson_needsFromAndTo_andIsJudgedWithTheDefaultPriority() throws IOException {
    CliRun missing = check("art9", art9BodyOnly());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing --from");
    CliRun run = check("art9", art9BodyOnly(), "--from", "FR/poc", "--to", "DE/poc");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("WARN   LANG_4_UNSTATED  Art. 4.1").doesNotContain("EMERGENCY_9");
    CliRun routine = check("art9", art9BodyOnly(), "--from", "FR/poc", "--to", "DE/poc", "--priority", "routine");
    assertThat(routine.exit()).isEqualTo(1);
    assertThat(routine.out()).contains("priority: ROUTINE (expected: EMERGENCY for Art. 9)");
  }

  @Test
  void lang_printsFrenchOrBoth() throws IOException {
    CliRun fr = check("art9", subscriberOnlyArt9(), "--from", "FR/poc", "--to", "DE/poc", "--lang", "fr");
    assertThat(fr.out()).contains("  La Partie DE a déclaré en vertu de l'art. 9.1.b")
        .contains("  À la place : Utilisez l'art. 7 ou l'art. 8").doesNotContain("Instead:")
        .contains("le message serait refusé en l'état (non envoyé).");
    CliRun both = check("art9", subscriberOnlyArt9(), "--from", "FR/poc", "--to", "DE/poc", "--lang", "both");
    assertThat(both.out()).contains("  Instead: Use Art. 7").contains("  À la place : Utilisez");
  }

  @Test
  void at_appliesTheDirectoryAsOfThatDate() {
    CliRun early = check("art9", example("art9-request.json"), "--at", "2025-02-01");
    assertThat(early.exit()).isEqualTo(1);
    assertThat(early.out()).contains("BLOCK  INFORCE_16  Art. 16").contains("only on 2025-03-01")
        .contains("as of 2025-02-01T00:00:00Z");
  }

  @Test
  void fromAndTo_defaultToTheRoutingOfAWholeMessage() {
    CliRun run = check("art8", example("art8-order.json"), "--at", "2025-09-08T10:00:00Z");
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("art8_order from FR/ca to DE/ca").contains("No findings");
  }

  @Test
  void art7_checksTheSimultaneousNotification() {
    CliRun run = check("art7", example("simultaneous-notification.json"), "--to", "DE/poc");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("BLOCK  DECL_7_5_E  Art. 7.5.e").contains("Address it to DE/gsta-berlin.");
  }

  @Test
  void defaultDirectory_withoutDeclarations_hasNoFindings() throws IOException {
    CliRun run = check("art9", subscriberOnlyArt9(), "--from", "FR/poc", "--to", "DE/poc",
        "--directory", net.resolve("default-directory.bin").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("art9_request from FR/poc to DE/poc, directory version 1, as of "
        + "2025-11-21T03:00:00Z: No findings: nothing blocks this message (not sent).\n");
  }

  @Test
  void bodyOfAnotherType_isRefusedInOneSentence() {
    CliRun run = check("art10", example("art9-request.json"));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("relay247 check: ").contains("the body is art9Request, not art10Request");
  }

  @Test
  void invalidJson_namesTheField() throws IOException {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"emergencyFactz\": \"x\"}");
    CliRun run = check("art9", bad, "--from", "FR/poc", "--to", "DE/poc");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("relay247 check: ").contains("emergencyFactz");
    assertThat(run.err().lines().count()).isEqualTo(1);
  }

  @Test
  void unknownParty_orAuthority_isRefusedInOneSentence() {
    CliRun party = check("art9", example("art9-request.json"), "--to", "JP/poc");
    assertThat(party.exit()).isEqualTo(1);
    assertThat(party.err()).contains("--to: Party JP is not in the network directory (version 7)");
    CliRun authority = check("art9", example("art9-request.json"), "--to", "DE/bka");
    assertThat(authority.exit()).isEqualTo(1);
    assertThat(authority.err()).contains("lists no authority \"bka\"").contains("poc, ca, gsta-berlin, bfdi");
    CliRun same = check("art9", example("art9-request.json"), "--to", "FR/ca");
    assertThat(same.err()).contains("the sending Party");
  }

  @Test
  void badlySignedDirectory_isRefused() throws IOException {
    Path forged = dir.resolve("forged.bin");
    Files.write(forged, new byte[] {0x30, 0x03, 0x02, 0x01, 0x01});
    CliRun run = check("art9", example("art9-request.json"), "--directory", forged.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("forged.bin: not a valid signed directory of this network");
  }

  @Test
  void malformedOptions_areUsageErrors() {
    assertThat(check("art9", example("art9-request.json"), "--to", "germany").exit()).isEqualTo(2);
    assertThat(check("art9", example("art9-request.json"), "--lang", "de").exit()).isEqualTo(2);
    assertThat(check("art9", example("art9-request.json"), "--at", "yesterday").exit()).isEqualTo(2);
    CliRun type = check("art11", example("art9-request.json"));
    assertThat(type.exit()).isEqualTo(2);
    assertThat(type.err()).contains("art7");
  }
}
