package org.relay247.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.Priority;

class ScenarioReaderTest {
  private static final String VALID = """
      name: Art. 9 between FR and DE
      parties:
        FR: {languages: [en, fr]}
        DE:
          declarations: ["9.1.b"]
          authorities: [{id: bka, name: Bundeskriminalamt, roles: [competent]}]
      actors:
        DE:
          poc: {on: art9-request, do: answer, within: 2h, results: 64KB}
      steps:
        - send: {id: r1, from: FR/poc, to: DE/poc, draft: art9-request, priority: emergency}
        - advance: 20d
        - fault: {kind: partition, parties: [FR, DE], for: 10m}
        - expect: {delivered: r1}
        - expect: {rejected: r1, code: DECL_9_1_B}
      """;

  @Test
  void validScenario_isReadWithEveryStepInOrder() {
    Scenario s = ScenarioReader.parse(VALID, "ok.yaml");

    assertThat(s.parties()).extracting(PartySpec::code).containsExactly("FR", "DE");
    assertThat(s.party("DE").declarations()).extracting(d -> d.getKind())
        .containsExactly(DeclarationKind.DECLARATION_KIND_D_9_1_B);
    assertThat(s.actors().get("DE")).singleElement().satisfies(a -> {
      assertThat(a.action()).isEqualTo(ActorSpec.Action.ANSWER);
      assertThat(a.within()).isEqualTo(Duration.ofHours(2));
      assertThat(a.resultsBytes()).isEqualTo(64 * 1024);
    });
    assertThat(s.steps()).hasSize(5);
    assertThat(((Step.Send) s.steps().get(0)).priority()).isEqualTo(Priority.PRIORITY_EMERGENCY);
    assertThat(((Step.Advance) s.steps().get(1)).by()).isEqualTo(Duration.ofDays(20));
    assertThat(s.steps().get(2).at()).isEqualTo(new Location(13, 5));
    assertThat(s.proxied()).isTrue();
    assertThat(s.expectations()).hasSize(2);
  }

  @Test
  void brokenYaml_isRefusedWithLineAndColumn() {
    String broken = VALID.replace("  - advance: 20d", "  - advance: [20d");

    assertThatThrownBy(() -> ScenarioReader.parse(broken, "broken.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("broken.yaml:13:")
        .hasMessageContaining("not valid YAML")
        .satisfies(e -> assertThat(((ScenarioException) e).line()).isEqualTo(13));
  }

  @Test
  void unknownKey_isRefusedWithItsLineColumnAndTheKeysAllowed() {
    String typo = VALID.replace("priority: emergency}", "priorty: emergency}");

    assertThatThrownBy(() -> ScenarioReader.parse(typo, "typo.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessage("typo.yaml:11:67: steps[0].send.priorty: unknown key (expected one of: id, from, to, draft,"
            + " priority, case-of, reply-to, body)");
  }

  @Test
  void unknownParty_inADesk_isRefusedNamingTheParties() {
    String wrong = VALID.replace("to: DE/poc", "to: XX/poc");

    assertThatThrownBy(() -> ScenarioReader.parse(wrong, "w.yaml"))
        .hasMessage("w.yaml:11:38: steps[0].send.to: \"XX/poc\" (expected: a desk of a Party of this scenario: FR, DE)");
  }

  @Test
  void expectationOnAMessageNeverSent_isRefused() {
    String wrong = VALID.replace("delivered: r1", "delivered: r9");

    assertThatThrownBy(() -> ScenarioReader.parse(wrong, "w.yaml"))
        .hasMessage("w.yaml:14:25: steps[3].expect.delivered: \"r9\" (expected: the name of a message sent in an"
            + " earlier step: r1)");
  }

  @Test
  void advanceTo_isReadAsTimeOfDayInUtc_andMalformedTimesAreRefusedWithLineAndColumn() {
    Scenario s = ScenarioReader.parse(VALID.replace("advance: 20d", "advance-to: \"03:00\""), "at.yaml");
    assertThat(((Step.AdvanceTo) s.steps().get(1)).time()).isEqualTo(LocalTime.of(3, 0));

    for (String bad : List.of("3am", "24:00", "3:00", "03:60")) {
      assertThatThrownBy(() -> ScenarioReader.parse(VALID.replace("advance: 20d", "advance-to: \"" + bad + "\""),
          "m.yaml"))
          .hasMessage("m.yaml:12:17: steps[1].advance-to: \"" + bad + "\" (expected: a time of day in UTC, HH:MM"
              + " from 00:00 to 23:59, e.g. \"03:00\")");
    }
  }

  @Test
  void start_isReadAsInstantInUtc_andMalformedInstantsAreRefusedWithLineAndColumn() {
    String withStart = VALID.replace("name: Art. 9 between FR and DE\n",
        "name: Art. 9 between FR and DE\nstart: \"2026-12-05T02:55:00Z\"\n");
    assertThat(ScenarioReader.parse(withStart, "s.yaml").start()).contains(Instant.parse("2026-12-05T02:55:00Z"));
    assertThat(ScenarioReader.parse(VALID, "ok.yaml").start()).isEmpty();

    for (String bad : List.of("2026-12-05", "2026-12-05T02:55:00", "2026-12-05T02:55:00+01:00", "2026-13-05T02:55:00Z",
        "tomorrow")) {
      assertThatThrownBy(() -> ScenarioReader.parse(withStart.replace("2026-12-05T02:55:00Z", bad), "m.yaml"))
          .hasMessage("m.yaml:2:8: start: \"" + bad + "\" (expected: an instant in UTC, ISO-8601 ending in Z,"
              + " e.g. \"2026-12-05T02:55:00Z\")");
    }
  }

  @Test
  void badDuration_andUnknownTemplate_andUnknownDeclaration_areRefused() {
    assertThatThrownBy(() -> ScenarioReader.parse(VALID.replace("20d", "20 days"), "d.yaml"))
        .hasMessage("d.yaml:12:14: steps[1].advance: \"20 days\" (expected: a duration such as 500ms, 30s, 10m, 2h"
            + " or 20d)");
    assertThatThrownBy(() -> ScenarioReader.parse(VALID.replace("draft: art9-request", "draft: art99"), "t.yaml"))
        .hasMessageStartingWith("t.yaml:11:53: steps[0].send.draft: \"art99\" (expected: a template of docs/examples:");
    assertThatThrownBy(() -> ScenarioReader.parse(VALID.replace("\"9.1.b\"", "\"9.9\""), "k.yaml"))
        .hasMessageStartingWith("k.yaml:5:20: parties.DE.declarations[0]: \"9.9\" (expected: one of: 7.9.a, 7.9.b,");
  }

  private static final String DECLARATIONS = """
      name: Directory settings
      parties:
        FR:
          treaties: [{with: US, name: MLA FR-US, central-authorities: [US/oia]}]
          channel-agreements: [{with: US, reference: R1, recipient: FR/ca}]
        US:
          constituents: [{code: US-CA, name: California}]
          authorities: [{id: ca-ag, roles: [competent], constituent: US-CA}, {id: doj, roles: [designated]}]
          declarations:
            - "9.1.b"
            - {article: "17", parameters: {notifiedConstituents: [US-CA]}}
            - {article: "7.5.a", from: 2025-01-01, parameters: {mode: NOTIFICATION_MODE_ALWAYS, authorityId: doj}}
      steps:
        - advance: 1d
      """;

  @Test
  void declarationsWithParameters_constituents_treatiesAndChannelAgreements_areRead() {
    Scenario s = ScenarioReader.parse(DECLARATIONS, "p.yaml");

    assertThat(s.party("US").declarations()).extracting(d -> d.getKind()).containsExactly(
        DeclarationKind.DECLARATION_KIND_D_9_1_B, DeclarationKind.DECLARATION_KIND_R_17,
        DeclarationKind.DECLARATION_KIND_D_7_5_A);
    assertThat(s.party("US").declarations().get(1).getFederalClause().getNotifiedConstituentsList())
        .containsExactly("US-CA");
    assertThat(s.party("US").declarations().get(2).getNotificationRequirement().getAuthorityId()).isEqualTo("doj");
    assertThat(s.party("US").declarations().get(2).getEffectiveFrom().getSeconds()).isEqualTo(1_735_689_600L);
    assertThat(s.party("US").authorities().get(0).constituent()).contains("US-CA");
    assertThat(s.party("FR").treaties()).singleElement().satisfies(t -> assertThat(t.centralAuthorities())
        .containsExactly("US/oia"));
    assertThat(s.party("FR").channelAgreements()).singleElement().satisfies(c -> assertThat(c.recipient())
        .isEqualTo("FR/ca"));
  }

  @Test
  void declarationWithWrongParameters_unknownAuthority_orUnknownConstituent_isRefusedWithLineAndColumn() {
    assertThatThrownBy(() -> ScenarioReader.parse(DECLARATIONS.replace("authorityId: doj", "authorityId: fbi"),
        "a.yaml")).hasMessageStartingWith("a.yaml:12:58: parties.US.declarations[2].parameters: authority \"fbi\""
            + " (expected: one of the Party's authorities:");
    assertThatThrownBy(() -> ScenarioReader.parse(DECLARATIONS.replace("notifiedConstituents: [US-CA]",
        "notifiedConstituents: [US-TX]"), "c.yaml")).hasMessageStartingWith(
            "c.yaml:11:37: parties.US.declarations[1].parameters: constituent \"US-TX\"");
    assertThatThrownBy(() -> ScenarioReader.parse(DECLARATIONS.replace("- \"9.1.b\"",
        "- {article: \"9.1.b\", parameters: {}}"), "n.yaml")).hasMessage(
            "n.yaml:10:40: parties.US.declarations[0].parameters: Art. 9.1.b takes no parameters");
    assertThatThrownBy(() -> ScenarioReader.parse(DECLARATIONS.replace("- \"9.1.b\"", "- \"8.4\""), "m.yaml"))
        .hasMessageStartingWith("m.yaml:10:9: parties.US.declarations[0]: Art. 8.4 needs its parameters");
    assertThatThrownBy(() -> ScenarioReader.parse(DECLARATIONS.replace("mode: NOTIFICATION_MODE_ALWAYS",
        "mode: SOMETIMES"), "j.yaml")).hasMessageStartingWith(
            "j.yaml:12:58: parties.US.declarations[2].parameters: not the notificationRequirement message");
    assertThatThrownBy(() -> ScenarioReader.parse(DECLARATIONS.replace("{with: US, reference", "{with: JP, reference"),
        "w.yaml")).hasMessageStartingWith("w.yaml:4:5: parties.FR: treaty or channel agreement with JP");
  }

  @Test
  void bodyThatIsNotProtobufJson_isRefusedAtTheBody() {
    String wrong = VALID.replace("priority: emergency}", "priority: emergency, body: {art9Request: {nope: 1}}}");

    assertThatThrownBy(() -> ScenarioReader.parse(wrong, "b.yaml"))
        .hasMessageStartingWith("b.yaml:11:94: steps[0].send.body: not a part of an InnerMessage in protobuf JSON:");
  }

  @Test
  void messageIdInABody_mustNameAnEarlierMessage_elseRefusedWithLineAndColumn() {
    String later = VALID.replace("  - advance: 20d", "  - send: {id: d1, from: DE/poc, to: FR/poc, draft: determination,"
        + " reply-to: r1, body: {determination: {requestMessageId: \"${r2}\"}}}");

    assertThatThrownBy(() -> ScenarioReader.parse(later, "ids.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessage("ids.yaml:12:123: \"${r2}\" (expected: ${now}, ${now+DURATION} or ${NAME} with the name of a"
            + " message sent in an earlier step: r1)");
  }

  @Test
  void crashRestartOralRequestAndNewExpectations_areRead() {
    Scenario s = ScenarioReader.parse(VALID.replace("  - advance: 20d", String.join("\n",
        "  - crash: {party: DE, after-received: 3}",
        "  - restart: {party: DE}",
        "  - oral-request: {id: call, at: DE, caller: FR/poc}",
        "  - expect: {pending: r1, error: expired}",
        "  - expect: {flag: {party: DE, message: call, code: ORAL_MISMATCH}}",
        "  - expect: {obligation: {party: FR, message: r1, kind: FOLLOW_UP_9_5, open: false}}",
        "  - expect: {condition: {party: FR, message: r1, id: c1, status: BINDING}}")), "new.yaml");

    assertThat(s.steps().get(1)).isEqualTo(new Step.Crash(2, new Location(12, 5), "DE", 3));
    assertThat(s.steps().get(2)).isInstanceOf(Step.Restart.class);
    assertThat(((Step.OralRequest) s.steps().get(3)).caller()).isEqualTo("FR/poc");
    assertThat(s.needsProcesses()).isTrue();
    assertThat(s.expectations()).extracting(e -> e.expectation().describe()).contains("pending r1 with error expired",
        "flag ORAL_MISMATCH at DE in the case of call", "obligation FOLLOW_UP_9_5 closed at FR in the case of r1",
        "condition c1 BINDING at FR in the case of r1");
  }
}
