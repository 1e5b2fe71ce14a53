package org.relay247.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkPkiTest {
  private static final PartyCode FR = new PartyCode("FR");
  private static final PartyCode US = new PartyCode("US");
  private final Clock clock = Clock.fixed(TestNetwork.NOW, ZoneOffset.UTC);
  @TempDir Path dir;

  private NetworkPki network() throws Exception {
    return DevelopmentNetwork.create(dir, List.of(FR, US), List.of(), NetworkSettings.defaults(), clock);
  }

  @Test
  void developmentNetwork_writesTheDocumentedLayout_withSecretsOwnerOnly() throws Exception {
    network();
    for (String f : List.of("root/ca.pem", "root/crl.pem", "root/directory.pem", "FR/ca.pem", "FR/crl.pem",
        "FR/tls.pem", "FR/sign.pem", "FR/enc.pem", "US/tls.pem", "network.properties")) {
      assertThat(dir.resolve(f)).as(f).exists();
    }
    for (String f : List.of("FR/keys.p12", "FR/keys.pass", "FR/ca.p12", "root/ca.p12", "root/directory.pass")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))))
          .as(f).isEqualTo("rw-------");
    }
  }

  @Test
  void keystore_holdsEachNodeKeyMatchingItsCertificate() throws Exception {
    NetworkPki pki = network();
    for (CertificatePurpose purpose : List.of(CertificatePurpose.TLS, CertificatePurpose.SIGN, CertificatePurpose.ENC)) {
      Pkcs12 store = Pkcs12.load(dir.resolve("FR/keys.p12"), Password.fromFile(dir.resolve("FR/keys.pass")));
      X509Certificate cert = Pem.readCertificate(dir.resolve("FR/" + purpose.label() + ".pem"));
      assertThat(store.chain(purpose.label()).get(0)).isEqualTo(cert);
      assertThat(store.chain(purpose.label())).hasSize(3);
      assertThat(pki.nodeKey(FR, purpose).getAlgorithm()).isIn("EC", "ECDSA");
    }
  }

  @Test
  void wrongKeystorePassword_isRefusedWithClearMessage() throws Exception {
    network();
    Files.writeString(dir.resolve("wrong.pass"), "not-the-password\n");
    NetworkPki pki = NetworkPki.open(dir, clock,
        Passwords.override(dir.resolve("FR/keys.p12"), Password.fromFile(dir.resolve("wrong.pass"))));
    assertThatThrownBy(() -> pki.nodeKey(FR, CertificatePurpose.SIGN))
        .hasMessageContaining("wrong password or damaged file");
  }

  @Test
  void csr_isCertifiedForItsKey_andRefusedWhenItsSignatureIsBroken() throws Exception {
    NetworkPki pki = network();
    KeyPair keys = Crypto.newKeyPair();
    PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
        new X500Name("CN=ignored"), keys.getPublic())
        .build(new JcaContentSignerBuilder(Crypto.SIGNATURE_ALGORITHM).build(keys.getPrivate()));
    X509Certificate cert = pki.issueFromCsr(NodeIdentity.localDefault(FR), CertificatePurpose.SIGN, csr);
    assertThat(cert.getPublicKey()).isEqualTo(keys.getPublic());
    assertThat(pki.validator().validate(cert, CertificatePurpose.SIGN).party()).contains(FR);

    // A CSR whose signature was made with another key proves nothing.
    KeyPair other = Crypto.newKeyPair();
    PKCS10CertificationRequest forged = new JcaPKCS10CertificationRequestBuilder(
        new X500Name("CN=ignored"), keys.getPublic())
        .build(new JcaContentSignerBuilder(Crypto.SIGNATURE_ALGORITHM).build(other.getPrivate()));
    assertThatThrownBy(() -> pki.issueFromCsr(NodeIdentity.localDefault(FR), CertificatePurpose.SIGN, forged))
        .hasMessageContaining("proof of key possession");
  }

  @Test
  void renew_replacesKeyAndCertificate_keepingHosts() throws Exception {
    NetworkPki pki = network();
    X509Certificate old = Pem.readCertificate(dir.resolve("US/tls.pem"));
    X509Certificate renewed = pki.renew(US, CertificatePurpose.TLS);
    assertThat(renewed.getSerialNumber()).isNotEqualTo(old.getSerialNumber());
    assertThat(renewed.getPublicKey()).isNotEqualTo(old.getPublicKey());
    assertThat(List.copyOf(renewed.getSubjectAlternativeNames()))
        .isEqualTo(List.copyOf(old.getSubjectAlternativeNames()));
    assertThat(Pem.readCertificate(dir.resolve("US/tls.pem"))).isEqualTo(renewed);
    assertThat(pki.validator().validate(renewed, CertificatePurpose.TLS).party()).contains(US);
  }

  @Test
  void revoke_isIdempotent_andRefusesCertificatesOfAnotherCa() throws Exception {
    NetworkPki pki = network();
    X509Certificate frTls = Pem.readCertificate(dir.resolve("FR/tls.pem"));
    assertThatThrownBy(() -> pki.revoke(US, frTls, RevocationReason.UNSPECIFIED))
        .hasMessageContaining("was not issued by the CA of US");
    assertThat(pki.revoke(FR, frTls, RevocationReason.KEY_COMPROMISE).newlyRevoked()).isTrue();
    NetworkPki.RevocationOutcome again = pki.revoke(FR, frTls, RevocationReason.KEY_COMPROMISE);
    assertThat(again.newlyRevoked()).isFalse();
    assertThat(CertificateAuthority.crlNumber(again.crl())).isEqualTo(2);
  }

  @Test
  void createInUsedDirectory_isRefused() throws Exception {
    network();
    assertThatThrownBy(() -> NetworkPki.create(dir, NetworkSettings.defaults(), clock))
        .hasMessageContaining("already holds a network root");
  }

  @Test
  void addingAPartyTwice_isRefused() throws Exception {
    NetworkPki pki = network();
    assertThatThrownBy(() -> pki.addParty(FR)).hasMessageContaining("already has a CA");
  }
}
