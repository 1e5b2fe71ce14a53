package org.relay247.protocol.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.protocol.v1.Authority;
import org.relay247.protocol.v1.CertificateUsage;
import org.relay247.protocol.v1.DataProtectionRegime;
import org.relay247.protocol.v1.Declaration;
import org.relay247.protocol.v1.DeclarationKind;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.Party;
import org.relay247.protocol.v1.PartyPair;

/** {@link DirectoryYaml} reads the documented example and refuses bad input with its path. */
class DirectoryYamlTest {

  private static final Path EXAMPLE = Path.of(System.getProperty("basedir", "."))
      .resolve("../docs/examples/directory.yaml").normalize();

  /** A small valid directory; tests break one thing in it at a time. */
  private static final String MINIMAL = """
      version: 1
      issued_at: 2025-11-24T09:00:00Z
      parties:
        - code: FR
          name: France
          status: {protocol_in_force_from: 2025-01-01}
          nodes:
            - id: fr-1
              endpoints: [relay.fr.example:8443]
          authorities:
            - id: poc
              name: 24/7 point of contact
              roles: [point_of_contact]
              node: fr-1
          declarations:
            - article: "6.6"
              effective_from: 2025-01-01
              authority: poc
        - code: DE
          name: Germany
          status: {protocol_in_force_from: 2025-03-01}
          declarations:
            - article: "9.1.b"
              effective_from: 2025-03-01
      pairs:
        - parties: [FR, DE]
          protocol_in_force_from: 2025-03-01
          data_protection_regime: art14
      """;

  @Test
  void docsExample_loadsWithEveryDeclarationKind() throws Exception {
    Directory directory = DirectoryYaml.read(EXAMPLE);

    Set<DeclarationKind> used = directory.getPartiesList().stream()
        .flatMap(p -> p.getDeclarationsList().stream()).map(Declaration::getKind)
        .collect(Collectors.toSet());
    List<DeclarationKind> all = Arrays.stream(DeclarationKind.values())
        .filter(k -> k != DeclarationKind.DECLARATION_KIND_UNSPECIFIED
            && k != DeclarationKind.UNRECOGNIZED).toList();
    assertThat(used).containsExactlyInAnyOrderElementsOf(all);
    assertThat(directory.getPartiesList()).extracting(Party::getCode)
        .containsExactly("FR", "DE", "US");
    assertThat(directory.getVersion()).isPositive();
  }

  @Test
  void docsExample_coversTheLanguageAndPairItems() throws Exception {
    Directory directory = DirectoryYaml.read(EXAMPLE);

    // L-4 languages, P-10.5 CA reachable 24/7, P-16/24 status, 14.11.c flag.
    for (Party party : directory.getPartiesList()) {
      assertThat(party.getLanguagesList()).as(party.getCode()).isNotEmpty();
      assertThat(party.getAuthoritiesList()).as(party.getCode())
          .anyMatch(a -> a.getReachable247() && a.getId().matches("ca|oia"));
      assertThat(party.getStatus().hasProtocolInForceFrom()).isTrue();
    }
    assertThat(directory.getPartiesList()).anyMatch(Party::getPersonalNotificationRequired);
    // P-14.1 regimes, P-14.15 suspension, treaty vs no treaty, 10.6 agreement, R-17 entities.
    assertThat(directory.getPairsList()).extracting(PartyPair::getDataProtectionRegime)
        .contains(DataProtectionRegime.DATA_PROTECTION_REGIME_ART14,
            DataProtectionRegime.DATA_PROTECTION_REGIME_AGREEMENT);
    assertThat(directory.getPairsList()).anyMatch(p -> p.getSuspensionsCount() > 0)
        .anyMatch(p -> !p.hasTreaty()).anyMatch(p -> p.getChannelAgreementsCount() > 0);
    assertThat(directory.getPartiesList()).flatExtracting(Party::getAuthoritiesList)
        .extracting(Authority::getConstituent).contains("US-NY");
  }

  @Test
  void pairParties_areStoredInAlphabeticalOrder() {
    PartyPair pair = DirectoryYaml.parse(MINIMAL, null).getPairs(0);

    assertThat(List.of(pair.getPartyA(), pair.getPartyB())).containsExactly("DE", "FR");
  }

  @Test
  void unknownKey_isRejectedWithPath() {
    String yaml = minimalWith("  - code: DE\n", "  - code: DE\n    colour: blue\n");

    assertThatThrownBy(() -> DirectoryYaml.parse(yaml, null))
        .isInstanceOf(DirectoryYamlException.class)
        .hasMessageStartingWith("parties[1].colour: unknown key (expected one of: code, name,")
        .extracting(e -> ((DirectoryYamlException) e).path()).isEqualTo("parties[1].colour");
  }

  @Test
  void badEnumValue_isRejectedWithPathAndChoices() {
    String yaml = minimalWith("article: \"9.1.b\"", "article: \"9.9\"");

    assertThatThrownBy(() -> DirectoryYaml.parse(yaml, null))
        .isInstanceOf(DirectoryYamlException.class)
        .hasMessageStartingWith("parties[1].declarations[0].article: \"9.9\" (expected one of: "
            + "7.9.a, 7.9.b, 8.13, 17,")
        .hasMessageContaining("9.1.b");
  }

  @Test
  void badRoleToken_isRejectedWithPath() {
    String yaml = minimalWith("roles: [point_of_contact]", "roles: [POC]");

    assertThatThrownBy(() -> DirectoryYaml.parse(yaml, null))
        .hasMessageStartingWith("parties[0].authorities[0].roles[0]: \"POC\" (expected one of: "
            + "point_of_contact, central_authority");
  }

  @Test
  void parameterOfAnotherArticle_isRejected() {
    String yaml = minimalWith("        effective_from: 2025-03-01\npairs:",
        "        effective_from: 2025-03-01\n        authority: poc\npairs:");

    assertThatThrownBy(() -> DirectoryYaml.parse(yaml, null))
        .hasMessageStartingWith("parties[1].declarations[0].authority: unknown key for article"
            + " 9.1.b (expected one of: article, effective_from, effective_to, source, text)");
  }

  @Test
  void unknownAuthorityReference_isRejected() {
    String yaml = minimalWith("authority: poc", "authority: registry");

    assertThatThrownBy(() -> DirectoryYaml.parse(yaml, null))
        .hasMessageStartingWith("parties[0].declarations[0].authority: \"registry\" (expected: "
            + "an authority id of FR: poc)");
  }

  @Test
  void missingRequiredKey_isRejectedWithPath() {
    String yaml = minimalWith("    data_protection_regime: art14\n", "");

    assertThatThrownBy(() -> DirectoryYaml.parse(yaml, null))
        .hasMessageStartingWith("pairs[0].data_protection_regime: missing (expected: one of: "
            + "art14, agreement, arrangement)");
  }

  @Test
  void badDate_isRejectedWithPath() {
    String yaml = minimalWith("status: {protocol_in_force_from: 2025-03-01}",
        "status: {protocol_in_force_from: 2025-13-01}");

    assertThatThrownBy(() -> DirectoryYaml.parse(yaml, null))
        .hasMessageStartingWith("parties[1].status.protocol_in_force_from: \"2025-13-01\" "
            + "(expected: a date 2025-01-31 or an instant 2025-01-31T12:00:00Z)");
  }

  @Test
  void duplicateKey_isRejected() {
    String yaml = minimalWith("    name: Germany\n", "    name: Germany\n    name: Allemagne\n");

    assertThatThrownBy(() -> DirectoryYaml.parse(yaml, null))
        .hasMessageStartingWith("parties[1].name: duplicate key");
  }

  @Test
  void pairInForceBeforeAParty_isRejected() {
    String yaml = minimalWith("    protocol_in_force_from: 2025-03-01\n    data_protection",
        "    protocol_in_force_from: 2025-02-01\n    data_protection");

    assertThatThrownBy(() -> DirectoryYaml.parse(yaml, null))
        .hasMessageStartingWith("pairs[0].protocol_in_force_from: \"2025-02-01\" (expected: not"
            + " before DE's protocol_in_force_from");
  }

  @Test
  void pemCertificate_isReadRelativeToTheYamlFile(@TempDir Path dir) throws Exception {
    X509Certificate certificate = selfSigned();
    Files.createDirectories(dir.resolve("certs"));
    Files.writeString(dir.resolve("certs/fr-1-signing.pem"), pem(certificate));
    Path yaml = dir.resolve("directory.yaml");
    Files.writeString(yaml, minimalWith("endpoints: [relay.fr.example:8443]\n",
        "endpoints: [relay.fr.example:8443]\n        certificates: {signing: "
            + "certs/fr-1-signing.pem}\n"), StandardCharsets.UTF_8);

    var node = DirectoryYaml.read(yaml).getParties(0).getNodes(0);

    assertThat(node.getCertificatesList()).singleElement().satisfies(c -> {
      assertThat(c.getUsage()).isEqualTo(CertificateUsage.CERTIFICATE_USAGE_SIGNING);
      assertThat(c.getDer().toByteArray()).isEqualTo(certificate.getEncoded());
    });
  }

  @Test
  void missingPemFile_isRejectedWithPath(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("directory.yaml");
    Files.writeString(yaml, minimalWith("    name: France\n",
        "    name: France\n    ca_certificates: [certs/missing.pem]\n"));

    assertThatThrownBy(() -> DirectoryYaml.read(yaml))
        .hasMessageStartingWith("parties[0].ca_certificates[0]: \"certs/missing.pem\" cannot be"
            + " read: NoSuchFileException");
  }

  @Test
  void datedLanguageLists_carryTheirValidity(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("directory.yaml");
    Files.writeString(yaml, minimalWith("    name: Germany\n", "    name: Germany\n    languages:\n"
        + "      art9: [{languages: [en, fr], effective_to: 2026-01-01}, {languages: [en], effective_from: 2026-01-01}]\n"
        + "      art8: [de]\n"));

    var de = DirectoryYaml.read(yaml).getParties(1);

    var art9 = de.getLanguagesList().stream()
        .filter(l -> l.getCooperationType() == org.relay247.protocol.v1.CooperationType.COOPERATION_TYPE_ART9).toList();
    var art8 = de.getLanguagesList().stream()
        .filter(l -> l.getCooperationType() == org.relay247.protocol.v1.CooperationType.COOPERATION_TYPE_ART8).toList();
    assertThat(art9).hasSize(2);
    assertThat(art9.get(0).getLanguagesList()).containsExactly("en", "fr");
    assertThat(art9.get(0).hasEffectiveFrom()).isFalse();
    assertThat(com.google.protobuf.util.Timestamps.toString(art9.get(0).getEffectiveTo()))
        .isEqualTo("2026-01-01T00:00:00Z");
    assertThat(art9.get(1).getLanguagesList()).containsExactly("en");
    assertThat(com.google.protobuf.util.Timestamps.toString(art9.get(1).getEffectiveFrom()))
        .isEqualTo("2026-01-01T00:00:00Z");
    assertThat(art8).singleElement().satisfies(l -> {
      assertThat(l.getLanguagesList()).containsExactly("de");
      assertThat(l.hasEffectiveFrom() || l.hasEffectiveTo()).isFalse();
    });
  }

  /** MINIMAL with one edit; fails if the text to replace is not there. */
  private static String minimalWith(String from, String to) {
    assertThat(MINIMAL).contains(from);
    return MINIMAL.replace(from, to);
  }

  private static X509Certificate selfSigned() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair keys = generator.generateKeyPair();
    X500Name name = new X500Name("CN=fr-1 signing, O=Relay247 test, C=FR");
    Instant now = Instant.now();
    var holder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
        Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name,
        keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA")
            .build(keys.getPrivate()));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static String pem(X509Certificate certificate) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}
