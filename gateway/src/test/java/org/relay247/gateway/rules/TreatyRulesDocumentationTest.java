package org.relay247.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/treaty-rules.md is generated from {@link TreatyRules}: this test fails when the two differ,
 * printing the expected file. To regenerate it:
 * {@code ./mvnw -pl gateway test -Dtest=TreatyRulesDocumentationTest -Drelay247.writeDocs=true}.
 */
class TreatyRulesDocumentationTest {
  /** From the gateway module directory, where Maven runs the tests. */
  private static final Path DOC = Path.of("..", "docs", "treaty-rules.md");

  @Test
  void docsTreatyRulesMd_isGeneratedFromTheRules() throws IOException {
    String expected = TreatyRulesDocumentation.markdown(TreatyRules.standard());
    if (Boolean.getBoolean("relay247.writeDocs")) {
      Files.writeString(DOC, expected, StandardCharsets.UTF_8);
    }
    String actual = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
    if (!actual.equals(expected)) {
      fail("docs/treaty-rules.md differs from the rules in org.relay247.gateway.rules.TreatyRules. Regenerate it with\n"
          + "  ./mvnw -pl gateway test -Dtest=TreatyRulesDocumentationTest -Drelay247.writeDocs=true\n"
          + "or replace its content with:\n\n" + expected);
    }
  }

  @Test
  void table_hasOneRowPerRuleWithCodeArticleSeverityAndAdvice() {
    String doc = TreatyRulesDocumentation.markdown(TreatyRules.standard());
    assertThat(doc).contains("| Code | Article | Condition | Severity | Advice |");
    for (Rule r : TreatyRules.standard().rules()) {
      assertThat(doc).contains("| `" + r.code() + "` | " + r.article() + " | ")
          .contains(" | " + r.severity() + " | " + r.advice().replace("|", "\\|") + " |");
    }
    assertThat(doc).contains("Art. 14.6").contains(TreatyRules.standard().rules().size() + " rules.");
  }
}
