package org.relay247.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relay247.gateway.rules.Fixtures.directory;
import static org.relay247.gateway.rules.Fixtures.example;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.OptionsProto;
import org.relay247.protocol.v1.Priority;

/** The rule set as a whole: coverage of the requirements, test coverage, order, the examples. */
class TreatyRulesTest {
  private final TreatyRules rules = TreatyRules.standard();

  /** The prefix tests of a rule start with: the code in lower case, underscores kept only between digits. */
  static String testPrefix(String code) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < code.length(); i++) {
      char ch = code.charAt(i);
      if (ch != '_') {
        out.append(Character.toLowerCase(ch));
      } else if (Character.isDigit(code.charAt(i - 1)) && Character.isDigit(code.charAt(i + 1))) {
        out.append('_');
      }
    }
    return out.toString();
  }

  /** Every @Test method of this package, nested classes included. */
  private static List<String> testMethodNames() throws IOException, URISyntaxException, ClassNotFoundException {
    Path root = Path.of(TreatyRulesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path dir = root.resolve("org/relay247/gateway/rules");
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = f.getFileName().toString();
        Class<?> c = Class.forName("org.relay247.gateway.rules." + name.substring(0, name.length() - 6));
        for (Method m : c.getDeclaredMethods()) {
          if (m.isAnnotationPresent(Test.class)) {
            names.add(m.getName());
          }
        }
      }
    }
    return names;
  }

  @Test
  void everyRule_hasAFailingAndAPassingExampleNamedAfterItsCodeAndArticle() throws Exception {
    List<String> tests = testMethodNames();
    List<String> problems = new ArrayList<>();
    for (Rule r : rules.rules()) {
      String prefix = testPrefix(r.code()) + "_";
      String failing = r.severity() == Severity.BLOCK ? "_isBlocked" : "_warns";
      if (tests.stream().noneMatch(t -> t.startsWith(prefix) && t.endsWith(failing))) {
        problems.add(r.code() + ": no test " + prefix + "..." + failing);
      }
      if (tests.stream().noneMatch(t -> t.startsWith(prefix) && t.endsWith("_passes"))) {
        problems.add(r.code() + ": no test " + prefix + "..._passes");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void testPrefix_keepsUnderscoresBetweenDigitsOnly() {
    assertThat(testPrefix("DECL_9_1_B")).isEqualTo("decl9_1b");
    assertThat(testPrefix("REQ_8_3_B_VIII")).isEqualTo("req8_3bviii");
    assertThat(testPrefix("SUSP_14_15_ANSWER")).isEqualTo("susp14_15answer");
  }

  @Test
  void everyDeclarationKind_isEnforcedByARuleOfItsArticle() {
    List<String> missing = new ArrayList<>();
    for (DeclarationKind kind : DeclarationKind.values()) {
      if (kind == DeclarationKind.DECLARATION_KIND_UNSPECIFIED || kind == DeclarationKind.UNRECOGNIZED) {
        continue;
      }
      String article = kind.getValueDescriptor().getOptions().getExtension(OptionsProto.article);
      if (rules.rules().stream().noneMatch(r -> r.article().equals(article) || r.article().startsWith(article + "."))) {
        missing.add(kind + " (" + article + ")");
      }
    }
    assertThat(missing).as("declarations without a rule").isEmpty();
  }

  @Test
  void requirementsSection2_pairLanguageAndReachabilityRulesExist() {
    assertThat(rules.rules()).extracting(Rule::article).contains("4.1", "10.5", "14.1", "14.15", "16", "24", "17");
    assertThat(rules.rules()).extracting(Rule::code).contains("DECL_9_1_B", "RES_8_13", "LANG_4", "SUSP_14_15");
  }

  @Test
  void codesAndArticles_haveTheirDocumentedShape() {
    for (Rule r : rules.rules()) {
      assertThat(r.code()).matches("[A-Z][A-Z0-9_]*[A-Z0-9]");
      // Protocol articles, or Convention articles the Protocol relies on ("Conv. 29.7").
      assertThat(r.article()).matches("(Conv\\. )?\\d+(\\.\\d+)?(\\.[a-h])?(\\.[ivx]+)?");
      assertThat(r.condition()).isNotBlank().doesNotContain("\n");
      assertThat(r.advice()).isNotBlank().doesNotContain("\n");
    }
  }

  @Test
  void duplicateCodes_areRefused() {
    Rule one = rules.rules().get(0);
    assertThatThrownBy(() -> new TreatyRules(List.of(one, one))).hasMessageContaining(one.code());
  }

  static Stream<String> examples() throws IOException {
    try (Stream<Path> files = Files.list(Fixtures.EXAMPLES)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void docsExamples_areNotBlockedAtTheirCreationTime(String file) {
    InnerMessage m = example(file);
    Instant at = Instant.ofEpochSecond(m.getRouting().getCreatedAt().getSeconds());
    List<Finding> findings = rules.evaluate(m, Address.parse(m.getRouting().getSender()),
        Address.parse(m.getRouting().getRecipient()), directory(), at);
    assertThat(findings).filteredOn(Finding::blocks).isEmpty();
  }

  @Test
  void art9Example_onlyWarnsAboutTheFollowUpGermanyRequires() {
    InnerMessage m = example("art9-request.json");
    List<Finding> findings = rules.evaluate(m, Address.parse("FR/poc"), Address.parse("DE/poc"), directory(),
        Fixtures.AT);
    assertThat(findings).extracting(Finding::code).containsExactly("DECL_9_5");
    assertThat(TreatyRules.blocks(findings)).isFalse();
    assertThat(TreatyRules.firstBlock(findings)).isEmpty();
  }

  @Test
  void evaluate_putsBlockingFindingsFirstAndIsRepeatable() {
    InnerMessage m = Fixtures.message("art9-request.json", b -> {
      b.getRoutingBuilder().setPriority(Priority.PRIORITY_ROUTINE);
      b.getArt9RequestBuilder().clearOtherInformation().getDataBuilder().clearCategories()
          .addCategories(DataCategory.DATA_CATEGORY_SUBSCRIBER);
    });
    List<Finding> findings = rules.evaluate(m, Address.parse("FR/poc"), Address.parse("DE/poc"), directory(),
        Fixtures.AT);
    assertThat(findings).extracting(Finding::code)
        .containsExactly("EMERGENCY_9", "DECL_9_1_B", "DECL_9_5", "REQ_9_3_H");
    assertThat(TreatyRules.blocks(findings)).isTrue();
    Finding first = TreatyRules.firstBlock(findings).orElseThrow();
    assertThat(first.summary()).startsWith("EMERGENCY_9 (Art. 9.1.a): Art. 9 applies only in an emergency");
    assertThat(rules.evaluate(m, Address.parse("FR/poc"), Address.parse("DE/poc"), directory(), Fixtures.AT))
        .isEqualTo(findings);
  }

  @Test
  void findings_neverQuoteMessageContent() {
    InnerMessage m = Fixtures.art9(r -> r.clearCompetentAuthority().clearRelationToEmergency()
        .getDataBuilder().clearCategories().addCategories(DataCategory.DATA_CATEGORY_SUBSCRIBER));
    for (Finding f : rules.evaluate(m, Address.parse("FR/poc"), Address.parse("DE/poc"), directory(), Fixtures.AT)) {
      for (String text : List.of(f.explanation().en(), f.explanation().fr(), f.advice().en(), f.advice().fr())) {
        assertThat(text).doesNotContain("kr-lieferung").doesNotContain("Camille").doesNotContain("Postfach24");
      }
    }
  }

  @Test
  void ruleContext_refusesADirectoryViewOfAnotherDate() {
    DirectoryAsOf view = new DirectoryAsOf(directory(), Fixtures.AT);
    assertThatThrownBy(() -> new RuleContext(example("ping.json"), Address.parse("FR/poc"), Address.parse("DE/poc"),
        view, Fixtures.AT.plusSeconds(1))).hasMessageContaining("as of");
  }
}
