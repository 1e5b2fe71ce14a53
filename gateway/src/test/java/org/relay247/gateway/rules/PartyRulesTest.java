package org.relay247.gateway.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relay247.gateway.rules.Fixtures.art10;
import static org.relay247.gateway.rules.Fixtures.art7;
import static org.relay247.gateway.rules.Fixtures.art9;
import static org.relay247.gateway.rules.Fixtures.directory;
import static org.relay247.gateway.rules.Fixtures.fires;
import static org.relay247.gateway.rules.Fixtures.message;
import static org.relay247.gateway.rules.Fixtures.quiet;
import static org.relay247.gateway.rules.Fixtures.run;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.relay247.protocol.v1.Attachment;
import org.relay247.protocol.v1.Authority;
import org.relay247.protocol.v1.AuthorityRole;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.ServiceProvider;

/** L-4 (Art. 4.1), R-17 (federal clause) and D-18.2 (territories). */
class PartyRulesTest {
  private static final Attachment TRANSLATION = Attachment.newBuilder().setName("request-de.pdf")
      .setMediaType("application/pdf").setDescription("Translation into German").build();

  private static InnerMessage art9In(String language) {
    return message("art9-request.json", m -> m.setLanguage(language));
  }

  @Nested
  class Language4 {
    @Test
    void lang4_art9InALanguageTheRequestedPartyDoesNotAccept_isBlocked() {
      Finding f = fires(run("LANG_4", art9In("fr"), "FR/poc", "DE/poc"));
      assertThat(f.explanation().en()).isEqualTo("Party DE accepts messages for Art. 9 (expedited disclosure in an"
          + " emergency) in en, de (Art. 4.1); this message is in fr and carries no translation.");
      assertThat(f.advice().en()).contains("en or de").contains("English is accepted by DE").contains("ER §50");
      assertThat(f.explanation().fr()).startsWith("La Partie DE accepte les messages relevant de l'art. 9")
          .contains("dans les langues en, de (art. 4.1)");
    }

    @Test
    void lang4_languageNotStated_isLeftToTheWarning_passes() {
      quiet(run("LANG_4", art9In(""), "FR/poc", "DE/poc"));
    }

    @Test
    void lang4_acceptedLanguageWithRegionSubtag_passes() {
      quiet(run("LANG_4", art9In("en-GB"), "FR/poc", "DE/poc"));
      quiet(run("LANG_4", art9In("de"), "FR/poc", "DE/poc"));
    }

    @Test
    void lang4_art10InATreatyLanguage_passes() {
      // DE lists en, de for Art. 10; the FR-DE treaty adds fr (ER §56).
      quiet(run("LANG_4", message("art10-request.json", m -> m.setLanguage("fr")), "FR/ca", "DE/ca"));
      fires(run("LANG_4", message("art10-request.json", m -> m.setLanguage("fr")), "US/oia", "DE/ca"));
    }

    @Test
    void lang4_art7NotificationInEnglishToGermany_isBlocked() {
      fires(run("LANG_4", message("simultaneous-notification.json", m -> m.setLanguage("en")), "FR/tj-paris-j3",
          "DE/gsta-berlin"));
      quiet(run("LANG_4", art7(n -> { }), "FR/tj-paris-j3", "DE/gsta-berlin"));
    }

    @Test
    void lang4_translationAttached_leavesItToTheWarning_passes() {
      quiet(run("LANG_4", message("art9-request.json", m -> {
        m.setLanguage("fr");
        m.getArt9RequestBuilder().addAttachments(TRANSLATION);
      }), "FR/poc", "DE/poc"));
    }
  }

  @Nested
  class LanguageUnstated4 {
    @Test
    void lang4unstated_noLanguageTag_warns() {
      Finding f = fires(run("LANG_4_UNSTATED", art9In(""), "FR/poc", "DE/poc"));
      assertThat(f.explanation().en()).isEqualTo("This message does not state its language (field language);"
          + " Party DE accepts messages for Art. 9 (expedited disclosure in an emergency) in en, de (Art. 4.1).");
      assertThat(f.advice().en()).isEqualTo("Set language to the language of the free text: en or de.");
    }

    @Test
    void lang4unstated_languageStated_passes() {
      quiet(run("LANG_4_UNSTATED", art9In("fr"), "FR/poc", "DE/poc"));
      // Receipts and other bodies outside Art. 4 are not checked.
      quiet(run("LANG_4_UNSTATED", message("receipt.json", m -> m.setLanguage("")), "FR/poc", "DE/poc"));
    }
  }

  @Nested
  class LanguageTranslation4 {
    @Test
    void lang4translation_otherLanguageWithTranslation_warns() {
      Finding f = fires(run("LANG_4_TRANSLATION", message("art9-request.json", m -> {
        m.setLanguage("fr");
        m.getArt9RequestBuilder().addAttachments(TRANSLATION);
      }), "FR/poc", "DE/poc"));
      assertThat(f.advice().en()).contains("into en or de");
    }

    @Test
    void lang4translation_acceptedLanguage_passes() {
      quiet(run("LANG_4_TRANSLATION", art9(r -> r.addAttachments(TRANSLATION)), "FR/poc", "DE/poc"));
    }
  }

  /** US made the federal-clause reservation and notified US-NY only; a US-CA authority is added here. */
  private static Directory withCaliforniaAuthority() {
    return Fixtures.withParty("US", p -> p.addAuthorities(Authority.newBuilder().setId("ca-ag")
        .setName("California Department of Justice, eCrime Unit").addRoles(AuthorityRole.AUTHORITY_ROLE_COMPETENT)
        .setConstituent("US-CA").setNodeId("us-1")));
  }

  @Nested
  class FederalClause17 {
    @Test
    void res17_requestFromANonNotifiedConstituentState_warns() {
      Finding f = fires(run("RES_17", art9(r -> { }), "US/ca-ag", "DE/poc", withCaliforniaAuthority(), Fixtures.AT));
      assertThat(f.explanation().en()).contains("Party US made the federal-clause reservation (Art. 17)")
          .contains("US-CA").contains("DE may refuse");
      assertThat(f.advice().en()).contains("US/poc or US/oia").contains("Art. 17.3");
      assertThat(f.explanation().fr()).contains("clause fédérale");
    }

    @Test
    void res17_requestFromANotifiedConstituentState_passes() {
      quiet(run("RES_17", art9(r -> { }), "US/ny-ag", "DE/poc", withCaliforniaAuthority(), Fixtures.AT));
    }

    @Test
    void res17_requestThroughTheCentralGovernment_passes() {
      quiet(run("RES_17", art9(r -> { }), "US/poc", "DE/poc", withCaliforniaAuthority(), Fixtures.AT));
    }
  }

  @Nested
  class Territory18_2 {
    private InnerMessage providerIn(String party, String territory) {
      return art9(r -> r.clearProviders().addProviders(ServiceProvider.newBuilder().setName("Island Mail Inc.")
          .setAddress("1 Marine Drive, Hagåtña").setParty(party).setTerritory(territory)));
    }

    @Test
    void decl18_2_providerInAnExcludedTerritory_isBlocked() {
      Finding f = fires(run("DECL_18_2", providerIn("US", "GU"), "FR/poc", "US/poc"));
      assertThat(f.explanation().en()).isEqualTo("Party US declared under Art. 18.2 that the Protocol does not"
          + " apply to GU; provider 1 of this message is located there.");
      assertThat(f.advice().en()).contains("Conv. Art. 29");
    }

    @Test
    void decl18_2_providerPartyCodeIsTheExcludedTerritory_isBlocked() {
      fires(run("DECL_18_2", providerIn("AS", ""), "FR/poc", "US/poc"));
    }

    @Test
    void decl18_2_providerInTheMainland_passes() {
      quiet(run("DECL_18_2", providerIn("US", "US-NY"), "FR/poc", "US/poc"));
      quiet(run("DECL_18_2", art10(r -> { }), "FR/ca", "DE/ca"));
    }

    @Test
    void decl18_2_beforeTheDeclarationTakesEffect_passes() {
      quiet(run("DECL_18_2", providerIn("US", "GU"), "FR/poc", "US/poc", directory(),
          java.time.Instant.parse("2025-05-31T00:00:00Z")));
    }
  }
}
