package org.relay247.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.console.ConsoleNetwork.PersonalCertificate;
import org.slf4j.LoggerFactory;

/**
 * Sign-in with a client certificate of the Party's CA, over real HTTPS with certificates the test
 * network's Party CAs issue: FR's console has it on, DE's has it off (the default).
 */
class ConsoleCertificateSignInTest {
  @TempDir static Path dir;
  static ConsoleNetwork net;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeAll
  static void start() throws Exception {
    net = ConsoleNetwork.start(dir, Clock.systemUTC(), party -> party.equals("FR")
        ? ConsoleNetwork.CONSOLE.replace("}", ", client-certificates = true }") : ConsoleNetwork.CONSOLE, "FR", "DE");
  }

  @AfterAll
  static void stop() {
    if (net != null) {
      net.close();
    }
  }

  @BeforeEach
  void captureLog() {
    log.start();
    ((Logger) LoggerFactory.getLogger(ConsoleServer.class)).addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    ((Logger) LoggerFactory.getLogger(ConsoleServer.class)).detachAppender(log);
  }

  @Test
  void boundCertificate_signsIn_withNewSession_roleOfTheAccount_andAudited() throws Exception {
    PersonalCertificate mine = net.issueCertificate("FR");
    users("FR").bindCertificate("fr-supervisor", CertificateFingerprint.of(mine.certificate()), "test");
    var client = net.client("FR", mine);
    client.sessionCookie = "planted-by-an-attacker";

    assertThat(client.get("/signin").body()).contains("action=\"/signin/certificate\"")
        .contains("Sign in with my certificate").contains("Se connecter avec mon certificat");
    HttpResponse<String> r = client.post("/signin/certificate", "");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure").contains("; HttpOnly")
        .contains("; SameSite=Strict");
    assertThat(client.sessionCookie).isNotEqualTo("planted-by-an-attacker").hasSizeGreaterThanOrEqualTo(43);
    assertThat(client.get("/").body()).contains("FR Supervisor · supervisor");
    assertThat(mine.requests()).as("the server asked for a certificate of FR's CA only").isNotEmpty()
        .allSatisfy(issuers -> assertThat(issuers).extracting(Object::toString)
            .anySatisfy(name -> assertThat(name).contains("C=FR")).noneSatisfy(name -> assertThat(name)
                .contains("C=DE")));
    assertThat(signInAudit("FR")).anySatisfy(e -> assertThat(e)
        .contains("FR Supervisor (console:fr-supervisor, supervisor)")
        .contains("signed in to the console with client certificate"));
  }

  @Test
  void unboundCertificate_gets401_andNoSession() throws Exception {
    var client = net.client("FR", net.issueCertificate("FR"));
    HttpResponse<String> r = client.post("/signin/certificate", "");

    assertRefused(r, client);
    assertThat(messages()).anySatisfy(m -> assertThat(m).contains("bound to no account"));
  }

  @Test
  void certificateOfAnotherPartysCa_gets401_reasonLoggedWithoutPersonalData() throws Exception {
    PersonalCertificate german = net.issueCertificate("DE");
    // Even bound to an FR account (the fingerprint is all the table holds), another Party's CA is refused.
    users("FR").bindCertificate("fr-auditor", CertificateFingerprint.of(german.certificate()), "test");
    var client = net.client("FR", german);
    HttpResponse<String> r = client.post("/signin/certificate", "");

    assertRefused(r, client);
    String subject = german.certificate().getSubjectX500Principal().getName();
    assertThat(messages()).anySatisfy(m -> assertThat(m).contains("invalid (PARTY_MISMATCH)")
        .contains(CertificateFingerprint.of(german.certificate()).hex()))
        .noneMatch(m -> m.contains(subject) || m.contains("fr-auditor"));
  }

  @Test
  void disabledAccount_isRefused() throws Exception {
    PersonalCertificate mine = net.issueCertificate("FR");
    users("FR").add("fr-leaver", "FR Leaver", ConsoleRole.OPERATOR, "en", ConsoleNetwork.PASSWORD.toCharArray(),
        "test");
    users("FR").bindCertificate("fr-leaver", CertificateFingerprint.of(mine.certificate()), "test");
    users("FR").disable("fr-leaver", "test");
    var client = net.client("FR", mine);
    HttpResponse<String> r = client.post("/signin/certificate", "");

    assertRefused(r, client);
    assertThat(signInAudit("FR")).anySatisfy(e -> assertThat(e).contains("fr-leaver refused: account disabled"));
  }

  @Test
  void crossOriginPost_isRefusedBeforeTheCertificateIsLookedAt() throws Exception {
    PersonalCertificate mine = net.issueCertificate("FR");
    users("FR").bindCertificate("fr-operator", CertificateFingerprint.of(mine.certificate()), "test");
    var client = net.client("FR", mine);
    HttpResponse<String> r = client.post("/signin/certificate", "", java.util.Optional.of("https://evil.example"),
        java.util.Optional.empty());

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("Origin \"https://evil.example\"");
    assertThat(client.sessionCookie).isNull();
  }

  @Test
  void featureOff_noCertificateRequested_andRouteIs404() throws Exception {
    PersonalCertificate mine = net.issueCertificate("DE");
    users("DE").bindCertificate("de-operator", CertificateFingerprint.of(mine.certificate()), "test");
    var client = net.client("DE", mine);

    assertThat(client.get("/signin").body()).doesNotContain("/signin/certificate");
    HttpResponse<String> r = client.post("/signin/certificate", "");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(client.sessionCookie).isNull();
    assertThat(mine.requests()).as("DE's console never asked for a client certificate").isEmpty();
  }

  private static void assertRefused(HttpResponse<String> r, ConsoleNetwork.Client client) throws Exception {
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("No valid certificate of this Party bound to an active account was presented.");
    assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(client.sessionCookie).isNull();
    assertThat(client.get("/").statusCode()).as("still signed out").isEqualTo(302);
  }

  private static ConsoleUsers users(String party) {
    return net.node(party).console().orElseThrow().users();
  }

  private List<String> messages() {
    return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** The CONSOLE_SIGN_IN entries of a node's audit log, as "actor: details". */
  private static List<String> signInAudit(String party) {
    return net.node(party).database().read(c -> {
      try (var ps = c.prepareStatement("SELECT actor, details FROM audit_log WHERE action = 'CONSOLE_SIGN_IN'"
          + " ORDER BY seq"); var rs = ps.executeQuery()) {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
          out.add(rs.getString(1) + ": " + rs.getString(2));
        }
        return out;
      }
    });
  }
}
