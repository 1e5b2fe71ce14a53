package org.relay247.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by the development network are checked by openssl, not only by our own code:
 * chains, CRLs and the key usages of the profile table in docs/pki.md.
 */
class OpensslCrossCheckTest {
  @TempDir Path dir;
  private NetworkPki pki;

  @BeforeEach
  void createNetwork() throws Exception {
    pki = DevelopmentNetwork.create(dir, List.of(new PartyCode("FR"), new PartyCode("DE")), List.of(),
        NetworkSettings.defaults(), Clock.systemUTC());
  }

  @Test
  void tlsCertificate_verifiesWithOpensslAsServerAndClient_untilRevoked() throws Exception {
    assertThat(verify("sslserver", "FR/tls.pem").exitCode()).isZero();
    assertThat(verify("sslclient", "FR/tls.pem").exitCode()).isZero();

    pki.revoke(new PartyCode("FR"), Pem.readCertificate(dir.resolve("FR/tls.pem")),
        RevocationReason.KEY_COMPROMISE);

    Openssl.Result after = verify("sslserver", "FR/tls.pem");
    assertThat(after.exitCode()).isNotZero();
    assertThat(after.output()).contains("certificate revoked");
  }

  @Test
  void signingCertificate_verifiesForSmimeSigning_andTlsCertificateDoesNot() throws Exception {
    assertThat(verify("smimesign", "DE/sign.pem").exitCode()).isZero();
    Openssl.Result tlsAsSigner = verify("smimesign", "DE/tls.pem");
    assertThat(tlsAsSigner.exitCode()).isNotZero();
    assertThat(tlsAsSigner.output()).contains("unsuitable certificate purpose");
  }

  @Test
  void certificateOfAnotherPartysCa_doesNotVerifyUnderIt() throws Exception {
    Openssl.Result r = Openssl.run(dir, "verify", "-CAfile", "root/ca.pem", "-untrusted", "DE/ca.pem",
        "-purpose", "sslserver", "FR/tls.pem");
    assertThat(r.exitCode()).isNotZero();
  }

  @Test
  void wholeChain_verifiesWithRootCrlToo() throws Exception {
    Openssl.Result r = Openssl.run(dir, "verify", "-CAfile", "root/ca.pem", "-untrusted", "FR/ca.pem",
        "-crl_check_all", "-CRLfile", "FR/crl.pem", "-CRLfile", "root/crl.pem", "-purpose", "sslclient",
        "FR/tls.pem");
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  @Test
  void opensslText_showsTheProfileTable() throws Exception {
    assertThat(text("root/ca.pem")).contains("CA:TRUE, pathlen:1").contains("Certificate Sign, CRL Sign");
    assertThat(text("FR/ca.pem")).contains("CA:TRUE, pathlen:0").contains("Certificate Sign, CRL Sign")
        .contains("C = FR");
    assertThat(text("FR/tls.pem")).contains("CA:FALSE").contains("Digital Signature")
        .contains("TLS Web Server Authentication, TLS Web Client Authentication")
        .contains("DNS:localhost, IP Address:127.0.0.1")
        .as("no CRL distribution point unless a URL that serves the CRLs is given")
        .doesNotContain("CRL Distribution Points")
        .contains("X509v3 Subject Key Identifier").contains("X509v3 Authority Key Identifier");
    assertThat(text("FR/sign.pem")).contains("Digital Signature, Non Repudiation")
        .contains("E-mail Protection").doesNotContain("TLS Web");
    assertThat(text("FR/enc.pem")).contains("Key Agreement").doesNotContain("Digital Signature");
    assertThat(text("root/directory.pem")).contains("Digital Signature, Non Repudiation")
        .doesNotContain("CRL Distribution Points");
  }

  @Test
  void crl_carriesMonotonicNumberAndReason() throws Exception {
    PartyCode fr = new PartyCode("FR");
    pki.revoke(fr, Pem.readCertificate(dir.resolve("FR/sign.pem")), RevocationReason.SUPERSEDED);
    pki.revoke(fr, Pem.readCertificate(dir.resolve("FR/enc.pem")), RevocationReason.KEY_COMPROMISE);
    Openssl.Result crl = Openssl.run(dir, "crl", "-in", "FR/crl.pem", "-noout", "-text");
    assertThat(crl.output()).containsPattern("CRL Number:\\s*3")
        .contains("Superseded").contains("Key Compromise");
    Openssl.Result signature = Openssl.run(dir, "crl", "-in", "FR/crl.pem", "-noout", "-CAfile", "FR/ca.pem");
    assertThat(signature.output()).contains("verify OK");
  }

  private Openssl.Result verify(String purpose, String cert) throws Exception {
    String party = cert.substring(0, 2);
    return Openssl.run(dir, "verify", "-CAfile", "root/ca.pem", "-untrusted", party + "/ca.pem",
        "-crl_check", "-CRLfile", party + "/crl.pem", "-purpose", purpose, cert);
  }

  @Test
  void crlBaseUrl_given_isEachCertificatesDistributionPoint(@TempDir Path other) throws Exception {
    NetworkSettings d = NetworkSettings.defaults();
    DevelopmentNetwork.create(other, List.of(new PartyCode("FR")), List.of(), new NetworkSettings(d.name(),
        "https://pki.example.org/crl/", d.rootDays(), d.partyCaDays(), d.nodeDays(), d.directoryDays(), d.crlDays()),
        Clock.systemUTC());
    String tls = Openssl.run(other, "x509", "-in", "FR/tls.pem", "-noout", "-text").output();
    String ca = Openssl.run(other, "x509", "-in", "FR/ca.pem", "-noout", "-text").output();
    assertThat(tls).contains("URI:https://pki.example.org/crl/FR.crl");
    assertThat(ca).contains("URI:https://pki.example.org/crl/root.crl");
  }

  private String text(String cert) throws Exception {
    return Openssl.run(dir, "x509", "-in", cert, "-noout", "-text").output();
  }
}
