package org.relay247.protocol.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.DevelopmentNetwork;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.NetworkSettings;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Pem;
import org.relay247.protocol.seal.DirectoryVerifier;
import org.relay247.protocol.v1.Authority;
import org.relay247.protocol.v1.AuthorityRole;
import org.relay247.protocol.v1.CertificateUsage;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.DataProtectionRegime;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.Node;
import org.relay247.protocol.v1.NodeCertificate;
import org.relay247.protocol.v1.Party;

/** The directory init-network signs: every Party, its node, certificates and authorities, every pair. */
class DefaultDirectoryTest {
  static final PartyCode DE = new PartyCode("DE");
  static final PartyCode FR = new PartyCode("FR");
  static final PartyCode US = new PartyCode("US");
  static final Instant NOW = Instant.parse("2025-11-24T09:00:00Z");

  @TempDir static Path dir;
  static NetworkPki pki;
  static Directory directory;

  @BeforeAll
  static void network() throws Exception {
    pki = DevelopmentNetwork.create(dir.resolve("net"), List.of(US, FR, DE), List.of(), NetworkSettings.defaults(),
        Clock.systemUTC());
    directory = DefaultDirectory.forNetwork(pki, NOW);
  }

  @Test
  void forNetwork_isVersionOne_issuedAtTheGivenTime_withEveryPartyInCodeOrder() {
    assertThat(directory.getVersion()).isEqualTo(1);
    assertThat(directory.getIssuedAt().getSeconds()).isEqualTo(NOW.getEpochSecond());
    assertThat(directory.getIssuer()).contains(NetworkSettings.DEFAULT_NAME);
    assertThat(directory.getPartiesList()).extracting(Party::getCode).containsExactly("DE", "FR", "US");
    assertThat(directory.getPartiesList()).extracting(Party::getName).containsExactly("Germany", "France", "United States");
  }

  @Test
  void forNetwork_givesEachPartyOneNodeOnPort7400PlusTenTimesItsIndex() {
    assertThat(directory.getPartiesList()).extracting(p -> p.getNodes(0).getId())
        .containsExactly("de-node", "fr-node", "us-node");
    assertThat(directory.getPartiesList()).extracting(p -> List.copyOf(p.getNodes(0).getEndpointsList()))
        .containsExactly(List.of("localhost:7400"), List.of("localhost:7410"), List.of("localhost:7420"));
  }

  @Test
  void forNetwork_carriesThePartyCaAndTheNodesThreeCertificates() throws Exception {
    Party fr = directory.getParties(1);
    assertThat(fr.getCaCertificates(0).toByteArray())
        .isEqualTo(Pem.readCertificate(pki.layout().partyCaCertificate(FR)).getEncoded());
    Node node = fr.getNodes(0);
    assertThat(node.getCertificatesList()).extracting(NodeCertificate::getUsage).containsExactly(
        CertificateUsage.CERTIFICATE_USAGE_TLS, CertificateUsage.CERTIFICATE_USAGE_SIGNING,
        CertificateUsage.CERTIFICATE_USAGE_ENCRYPTION);
    assertThat(node.getCertificates(1).getDer().toByteArray())
        .isEqualTo(Pem.readCertificate(pki.layout().nodeCertificate(FR, CertificatePurpose.SIGN)).getEncoded());
  }

  @Test
  void forNetwork_givesEachPartyAPointOfContactAndACentralAuthority_reachable247_onItsNode() {
    for (Party party : directory.getPartiesList()) {
      assertThat(party.getAuthoritiesList()).extracting(Authority::getId).containsExactly("poc", "ca");
      assertThat(party.getAuthorities(0).getRolesList()).containsExactly(AuthorityRole.AUTHORITY_ROLE_POINT_OF_CONTACT);
      assertThat(party.getAuthorities(1).getRolesList()).containsExactly(AuthorityRole.AUTHORITY_ROLE_CENTRAL_AUTHORITY);
      assertThat(party.getAuthoritiesList()).allSatisfy(a -> {
        assertThat(a.getReachable247()).isTrue();
        assertThat(a.getNodeId()).isEqualTo(party.getNodes(0).getId());
      });
      assertThat(party.getDeclarationsList()).isEmpty();
    }
  }

  @Test
  void forNetwork_acceptsEnglishForEveryFormOfCooperation() {
    long types = java.util.Arrays.stream(CooperationType.values())
        .filter(t -> t != CooperationType.COOPERATION_TYPE_UNSPECIFIED && t != CooperationType.UNRECOGNIZED).count();
    for (Party party : directory.getPartiesList()) {
      assertThat(party.getLanguagesList()).hasSize((int) types)
          .allSatisfy(l -> assertThat(l.getLanguagesList()).containsExactly("en"));
    }
  }

  @Test
  void forNetwork_putsTheProtocolInForceForEveryPair() {
    assertThat(directory.getPairsList()).extracting(p -> p.getPartyA() + "-" + p.getPartyB())
        .containsExactly("DE-FR", "DE-US", "FR-US");
    assertThat(directory.getPairsList()).allSatisfy(p -> {
      assertThat(p.hasProtocolInForceFrom()).isTrue();
      assertThat(p.getDataProtectionRegime()).isEqualTo(DataProtectionRegime.DATA_PROTECTION_REGIME_ART14);
    });
    assertThat(directory.getPartiesList()).allSatisfy(p -> assertThat(p.getStatus().getProtocolInForceFrom())
        .isEqualTo(directory.getPairs(0).getProtocolInForceFrom()));
  }

  @Test
  void write_signsWithTheDirectoryKey_toDirectoryBin_whichVerifies() throws Exception {
    Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);

    String line = DefaultDirectory.write(pki, clock);

    Path file = pki.layout().dir().resolve("directory.bin");
    assertThat(line).isEqualTo("signed default directory: " + file);
    assertThat(DefaultDirectory.file(pki.layout())).isEqualTo(file);
    Directory verified = new DirectoryVerifier(pki.validator()).verify(Files.readAllBytes(file), 0);
    assertThat(verified).isEqualTo(DefaultDirectory.forNetwork(pki, clock.instant()));
  }

  @Test
  void forNetwork_partyWithoutNodeYet_isListedWithoutNodeCertificates() throws Exception {
    NetworkPki small = NetworkPki.create(dir.resolve("small"), NetworkSettings.defaults(), Clock.systemUTC());
    small.addParty(new PartyCode("IT"));

    Directory d = DefaultDirectory.forNetwork(small, NOW);

    assertThat(d.getParties(0).getCode()).isEqualTo("IT");
    assertThat(d.getParties(0).getNodes(0).getCertificatesList()).isEmpty();
    assertThat(d.getPairsList()).isEmpty();
  }

  @Test
  void forNetwork_withoutParties_isRefused() throws Exception {
    NetworkPki empty = NetworkPki.create(dir.resolve("empty"), NetworkSettings.defaults(), Clock.systemUTC());

    assertThatThrownBy(() -> DefaultDirectory.forNetwork(empty, NOW))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no Party CA yet");
  }
}
