package org.relay247.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relay247.pki.CertificatePurpose.DIRECTORY;
import static org.relay247.pki.CertificatePurpose.ENC;
import static org.relay247.pki.CertificatePurpose.SIGN;
import static org.relay247.pki.CertificatePurpose.TLS;
import static org.relay247.pki.TestNetwork.NOW;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relay247.pki.CertificateValidationException.Reason;

class CertificateValidatorTest {
  private final TestNetwork net = new TestNetwork();

  @Test
  void nodeCertificates_validateForTheirPurpose_andNameTheirParty() throws Exception {
    for (CertificatePurpose purpose : List.of(TLS, SIGN, ENC)) {
      ValidatedCertificate v = net.validator().validate(net.issue(net.fr, purpose), purpose);
      assertThat(v.party()).contains(TestNetwork.FR);
      assertThat(v.purpose()).isEqualTo(purpose);
      assertThat(v.chain()).hasSize(3).endsWith(net.root.certificate());
    }
  }

  @Test
  void directorySigner_validatesAsDirectory_withoutParty() throws Exception {
    X509Certificate dir = net.root.issueDirectorySigner(Crypto.newKeyPair().getPublic(), TestNetwork.oneYear());
    ValidatedCertificate v = net.validator().validate(dir, DIRECTORY);
    assertThat(v.party()).isEmpty();
    assertRefused(dir, SIGN, Reason.WRONG_PURPOSE, "issued by the root itself");
  }

  @Test
  void expiredCertificate_isRejected() {
    X509Certificate old = net.issue(net.fr, TLS,
        new Validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1))));
    assertRefused(old, TLS, Reason.EXPIRED, "expired at");
  }

  @Test
  void notYetValidCertificate_isRejected() {
    X509Certificate future = net.issue(net.fr, TLS,
        new Validity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))));
    assertRefused(future, TLS, Reason.NOT_YET_VALID, "not valid before");
  }

  @Test
  void revokedCertificate_isRejected() {
    X509Certificate cert = net.issue(net.fr, SIGN);
    net.frCrl = TestNetwork.freshCrl(net.fr, net.frCrl, List.of(
        new Revocation(cert.getSerialNumber(), NOW.minus(Duration.ofMinutes(10)), RevocationReason.KEY_COMPROMISE)));
    assertRefused(cert, SIGN, Reason.REVOKED, "KEY_COMPROMISE");
  }

  @Test
  void revokedPartyCa_makesItsCertificatesInvalid() {
    X509Certificate cert = net.issue(net.de, TLS);
    net.rootCrl = TestNetwork.freshCrl(net.root, net.rootCrl, List.of(new Revocation(
        net.de.certificate().getSerialNumber(), NOW.minus(Duration.ofMinutes(5)), RevocationReason.CA_COMPROMISE)));
    assertRefused(cert, TLS, Reason.REVOKED, "Party CA DE");
  }

  @Test
  void tlsCertificate_cannotValidateAsEnvelopeSigner() {
    assertRefused(net.issue(net.fr, TLS), SIGN, Reason.WRONG_PURPOSE, "nonRepudiation");
  }

  @Test
  void encryptionCertificate_cannotValidateAsSigner_norSignerAsEncryption() {
    assertRefused(net.issue(net.fr, ENC), SIGN, Reason.WRONG_PURPOSE, "digitalSignature");
    assertRefused(net.issue(net.fr, SIGN), ENC, Reason.WRONG_PURPOSE, "keyAgreement");
    assertRefused(net.issue(net.fr, SIGN), TLS, Reason.WRONG_PURPOSE, "serverAuth");
  }

  @Test
  void caCertificate_isNotAnEndEntity() {
    assertRefused(net.fr.certificate(), SIGN, Reason.WRONG_PURPOSE, "is a CA certificate");
  }

  @Test
  void certificateNamingAnotherParty_issuedByForeignPartyCa_isRejected() throws Exception {
    X509Certificate rogue = TestNetwork.forgeWithCountry(net.de, "FR");
    assertRefused(rogue, TLS, Reason.PARTY_MISMATCH, "names Party FR but was issued by the CA of Party DE");
  }

  @Test
  void certificateChainedToForeignRoot_isRejected() {
    TestNetwork foreign = new TestNetwork("Test network");  // same names, other keys
    X509Certificate cert = foreign.issue(foreign.fr, TLS);
    assertRefused(List.of(cert), TLS, Reason.UNTRUSTED, "no CA of this network signed it");
    // Presenting the foreign CA alongside does not help: it does not chain to our root.
    assertRefused(List.of(cert, foreign.fr.certificate()), TLS, Reason.UNTRUSTED, "foreign root");
  }

  @Test
  void certificateFromUnknownIssuer_isRejected() {
    TestNetwork other = new TestNetwork("Other network");
    assertRefused(other.issue(other.fr, TLS), TLS, Reason.UNTRUSTED, "not a CA of this network");
  }

  @Test
  void missingCrl_failsClosed() {
    X509Certificate cert = net.issue(net.fr, TLS);
    TrustMaterial noFrCrl = new TrustMaterial(net.root.certificate(), List.of(net.fr.certificate()),
        List.of(net.rootCrl, net.deCrl));
    assertThatThrownBy(() -> new CertificateValidator(noFrCrl, net.clock).validate(cert, TLS))
        .isInstanceOfSatisfying(CertificateValidationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CRL_MISSING))
        .hasMessageContaining("no CRL from").hasMessageContaining("Party CA FR");
  }

  @Test
  void expiredCrl_failsClosed() {
    X509Certificate cert = net.issue(net.fr, TLS);
    Clock later = Clock.fixed(NOW.plus(Duration.ofDays(8)), ZoneOffset.UTC);
    assertThatThrownBy(() -> new CertificateValidator(net.trust(), later).validate(cert, TLS))
        .isInstanceOfSatisfying(CertificateValidationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CRL_EXPIRED))
        .hasMessageContaining("expired at");
  }

  @Test
  void crlSignedByAnotherKey_doesNotCount() {
    X509Certificate cert = net.issue(net.fr, TLS);
    TestNetwork impostor = new TestNetwork("Test network");
    TrustMaterial forgedCrl = new TrustMaterial(net.root.certificate(), List.of(net.fr.certificate()),
        List.of(net.rootCrl, impostor.frCrl));
    assertThatThrownBy(() -> new CertificateValidator(forgedCrl, net.clock).validate(cert, TLS))
        .isInstanceOfSatisfying(CertificateValidationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CRL_MISSING));
  }

  private void assertRefused(X509Certificate cert, CertificatePurpose purpose, Reason reason, String detail) {
    assertRefused(List.of(cert), purpose, reason, detail);
  }

  private void assertRefused(List<X509Certificate> certs, CertificatePurpose purpose, Reason reason,
      String detail) {
    assertThatThrownBy(() -> net.validator().validate(certs, purpose))
        .isInstanceOfSatisfying(CertificateValidationException.class,
            e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(detail);
  }
}
