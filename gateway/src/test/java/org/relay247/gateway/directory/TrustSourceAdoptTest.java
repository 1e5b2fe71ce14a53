package org.relay247.gateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.pki.CertificateAuthority;
import org.relay247.pki.Crypto;
import org.relay247.pki.DevelopmentNetwork;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.NetworkSettings;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Pem;
import org.relay247.protocol.directory.DefaultDirectory;

/** A CRL from a peer is adopted only if its issuer's CA signed it, it is current, and it is newer. */
class TrustSourceAdoptTest {
  private static final PartyCode FR = new PartyCode("FR");
  private static final PartyCode DE = new PartyCode("DE");

  @TempDir Path dir;
  private NetworkPki pki;
  private TrustSource trust;

  @BeforeEach
  void network() throws Exception {
    pki = DevelopmentNetwork.create(dir.resolve("net"), List.of(FR, DE), List.of(), NetworkSettings.defaults(),
        Clock.systemUTC());
    trust = new TrustSource(Pem.readCertificate(pki.layout().rootCertificate()), List.of(pki.layout().rootCrl(),
        pki.layout().partyCrl(FR), pki.layout().partyCrl(DE)), Optional.of(dir.resolve("cache")), Clock.systemUTC());
    trust.useDirectory(new DirectoryView(DefaultDirectory.forNetwork(pki, Instant.now())));
  }

  @Test
  void newerCrlOfItsCa_isAdopted_andKept_olderOrSameIsNot() throws Exception {
    X509CRL held = trust.crlOf("FR").orElseThrow();
    X509CRL next = pki.publishCrl(Optional.of(FR));
    assertThat(trust.adopt("FR", held)).isFalse();
    assertThat(trust.adopt("FR", next)).isTrue();
    assertThat(trust.crlOf("FR")).contains(next);
    assertThat(trust.adopt("FR", next)).as("same number again").isFalse();
    assertThat(Pem.readCrl(dir.resolve("cache/FR.pem"))).isEqualTo(next);
    assertThat(new TrustSource(trust.root(), List.of(pki.layout().rootCrl()), Optional.of(dir.resolve("cache")),
        Clock.systemUTC()).crls()).as("read back at the next start").contains(next);
  }

  @Test
  void crlOfAnotherCa_offeredAsFr_isRefused() throws Exception {
    X509CRL de = pki.publishCrl(Optional.of(DE));
    assertThatThrownBy(() -> trust.adopt("FR", de)).isInstanceOf(TrustSource.CrlRefusedException.class)
        .hasMessageContaining("C=DE").hasMessageContaining("(expected: ").hasMessageContaining("C=FR");
  }

  @Test
  void crlInFrsNameSignedByAnotherKey_isRefused() throws Exception {
    CertificateAuthority forger = new CertificateAuthority(pki.partyCa(FR).certificate(),
        Crypto.newKeyPair().getPrivate(), "http://x/FR.crl");
    X509CRL forged = forger.issueCrl(trust.crlOf("FR").orElseThrow(), List.of(), Instant.now(),
        Instant.now().plus(Duration.ofDays(30)));
    assertThatThrownBy(() -> trust.adopt("FR", forged)).isInstanceOf(TrustSource.CrlRefusedException.class)
        .hasMessage("CRL of FR: signature does not verify with its CA's key");
    assertThat(trust.crlOf("FR").orElseThrow()).isNotEqualTo(forged);
  }

  @Test
  void expiredCrl_isRefused_evenIfNumberedHigher() throws Exception {
    X509CRL stale = pki.partyCa(FR).issueCrl(trust.crlOf("FR").orElseThrow(), List.of(),
        Instant.now().minus(Duration.ofDays(40)), Instant.now().minus(Duration.ofDays(10)));
    assertThatThrownBy(() -> trust.adopt("FR", stale)).isInstanceOf(TrustSource.CrlRefusedException.class)
        .hasMessageStartingWith("CRL of FR: not current");
  }

  @Test
  void unknownIssuer_isRefused() {
    assertThatThrownBy(() -> trust.adopt("US", trust.crlOf("FR").orElseThrow()))
        .hasMessage("issuer US: no such CA in the directory (expected: root or a Party code)");
  }
}
