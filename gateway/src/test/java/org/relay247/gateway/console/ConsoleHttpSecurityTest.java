package org.relay247.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.pki.TestClock;
import org.relay247.protocol.v1.InnerMessage;

/**
 * The console's security over plain HTTPS, against two real nodes (FR, DE): each test shows an
 * attack failing, and failing for the reason claimed.
 */
class ConsoleHttpSecurityTest {
  @TempDir static Path dir;
  static TestClock clock;
  static ConsoleNetwork net;

  @BeforeAll
  static void start() throws Exception {
    clock = TestClock.flowing();
    net = ConsoleNetwork.start(dir, clock, "FR", "DE");
  }

  @AfterAll
  static void stop() {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void everyPage_hasStrictCspWithNonce_hsts_andNoFraming() throws Exception {
    HttpResponse<String> r = net.client("FR").get("/signin");
    String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("default-src 'none'").contains("frame-ancestors 'none'").containsPattern(
        "script-src 'nonce-[A-Za-z0-9_-]{20,}'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    String nonce = csp.replaceAll(".*'nonce-([^']+)'.*", "$1");
    assertThat(r.body()).contains("<script nonce=\"" + nonce + "\" src=\"/webjars/htmx.org/");
    assertThat(r.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(v -> assertThat(v)
        .startsWith("max-age="));
    assertThat(net.client("FR").get("/signin").headers().firstValue("Content-Security-Policy").orElseThrow())
        .as("a fresh nonce per response").doesNotContain(nonce);
  }

  @Test
  void signIn_setsSecureHttpOnlyStrictCookie_withNewSessionId() throws Exception {
    var client = net.client("FR");
    client.sessionCookie = "planted-by-an-attacker";
    HttpResponse<String> r = client.signIn("fr-operator", ConsoleNetwork.PASSWORD);
    assertThat(r.statusCode()).isEqualTo(302);
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith("__Host-relay247-session=").contains("; Secure").contains("; HttpOnly")
        .contains("; SameSite=Strict").contains("Path=/");
    assertThat(client.sessionCookie).isNotEqualTo("planted-by-an-attacker").hasSizeGreaterThanOrEqualTo(43);
    String first = client.sessionCookie;

    client.signIn("fr-operator", ConsoleNetwork.PASSWORD);
    assertThat(client.sessionCookie).as("every sign-in gets a new id").isNotEqualTo(first);
    var old = net.client("FR");
    old.sessionCookie = first;
    assertThat(old.get("/").statusCode()).as("the previous id is dead").isEqualTo(302);
    assertThat(client.get("/").statusCode()).isEqualTo(200);
  }

  @Test
  void stateChangingRequest_withoutCsrfToken_isRefused() throws Exception {
    InboxEntry received = receivedAtDe("csrf test");
    var client = net.client("DE");
    client.signIn("de-operator", ConsoleNetwork.PASSWORD);
    client.get("/messages/" + received.messageId());
    assertThat(client.csrf).isNotBlank();

    HttpResponse<String> noToken = client.post("/messages/" + received.messageId() + "/ack", "");
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(noToken.body()).contains("CSRF token missing");
    HttpResponse<String> wrongToken = client.post("/messages/" + received.messageId() + "/ack", "_csrf=forged");
    assertThat(wrongToken.statusCode()).isEqualTo(403);
    assertThat(wrongToken.body()).contains("CSRF token wrong");
    HttpResponse<String> otherOrigin = client.post("/messages/" + received.messageId() + "/ack",
        "_csrf=" + client.csrf, Optional.of("https://evil.example"), Optional.empty());
    assertThat(otherOrigin.statusCode()).isEqualTo(403);
    assertThat(otherOrigin.body()).contains("Origin \"https://evil.example\"");
    assertThat(net.node("DE").inbox().find(received.messageId()).orElseThrow().acknowledgedAt())
        .as("nothing was acknowledged").isEmpty();

    HttpResponse<String> ok = client.post("/messages/" + received.messageId() + "/ack", "_csrf=" + client.csrf);
    assertThat(ok.statusCode()).isEqualTo(302);
    InboxEntry acked = net.node("DE").inbox().find(received.messageId()).orElseThrow();
    assertThat(acked.acknowledgedBy()).hasValueSatisfying(by -> assertThat(by).contains("operator")
        .contains("DE Duty Officer"));
    assertThat(net.node("DE").audit().entries(received.caseId())).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo(AuditAction.MESSAGE_ACKNOWLEDGED.name());
      assertThat(e.actor()).contains("DE Duty Officer").contains("console:de-operator");
    });
  }

  @Test
  void operator_cannotRecordDetermination() throws Exception {
    InboxEntry received = receivedAtDe("role test");
    var client = net.client("DE");
    client.signIn("de-operator", ConsoleNetwork.PASSWORD);
    HttpResponse<String> page = client.get("/messages/" + received.messageId());
    assertThat(page.body()).doesNotContain("id=\"determination\"");
    HttpResponse<String> r = client.post("/messages/" + received.messageId() + "/determination",
        "_csrf=" + client.csrf + "&outcome=will_provide&grounds=forged");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("Determinations are made by a supervisor; your account is operator.");
    assertThat(net.node("DE").outboxStore().recent(50)).noneMatch(e -> e.bodyCase().equals("DETERMINATION")
        && received.caseId().equals(e.caseId()));
    var auditor = net.client("DE");
    auditor.signIn("de-auditor", ConsoleNetwork.PASSWORD);
    auditor.get("/");
    assertThat(auditor.post("/messages/" + received.messageId() + "/ack", "_csrf=" + auditor.csrf).statusCode())
        .isEqualTo(403);
  }

  @Test
  void supervisor_determinesWithConditions_inTheirOwnName() throws Exception {
    InboxEntry received = receivedAtDe("conditions test");
    var client = net.client("DE");
    client.signIn("de-supervisor", ConsoleNetwork.PASSWORD);
    assertThat(client.get("/messages/" + received.messageId()).body()).contains("id=\"determination\"");
    HttpResponse<String> r = client.post("/messages/" + received.messageId() + "/determination",
        "_csrf=" + client.csrf + "&outcome=conditions&grounds=" + ConsoleNetwork.enc("Emergency accepted.")
            + "&conditions=" + ConsoleNetwork.enc("use: only for investigation J3\nconfidentiality: do not name the provider"));
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(java.net.URLDecoder.decode(r.headers().firstValue("Location").orElseThrow(),
        java.nio.charset.StandardCharsets.UTF_8)).contains("determination sent: ");
    var sent = net.node("DE").outboxStore().recent(50).stream().filter(e -> e.bodyCase().equals("DETERMINATION")
        && received.caseId().equals(e.caseId())).findFirst().orElseThrow();
    InnerMessage m = InnerMessage.parseFrom(sent.innerMessage());
    assertThat(m.getSenderContact().getName()).isEqualTo("DE Supervisor");
    assertThat(m.getDetermination().getConditionsList()).extracting(c -> c.getKind().name() + " " + c.getText())
        .containsExactly("CONDITION_KIND_USE_LIMITATION only for investigation J3",
            "CONDITION_KIND_CONFIDENTIALITY do not name the provider");
    assertThat(net.node("DE").audit().entries(received.caseId())).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo(AuditAction.MESSAGE_SUBMITTED.name());
      assertThat(e.actor()).isEqualTo("DE Supervisor (console:de-supervisor, supervisor)");
    });
  }

  @Test
  void foreignScriptAndImage_areShownAsText() throws Exception {
    String attack = "<script>alert('x')</script><img src=x onerror=\"fetch('/steal')\">";
    InboxEntry received = receivedAtDe(attack);
    var client = net.client("DE");
    client.signIn("de-operator", ConsoleNetwork.PASSWORD);
    String body = client.get("/messages/" + received.messageId()).body();
    assertThat(body).as("never as markup").doesNotContain("<script>alert").doesNotContain("<img src=x");
    assertThat(body).as("shown as text, escaped by the template")
        .contains("&lt;script&gt;alert('x')&lt;/script&gt;&lt;img src=x onerror=");
  }

  @Test
  void repeatedFailures_lockTheAccount_evenForTheRightPassword() throws Exception {
    net.node("FR").console().orElseThrow().users().add("fr-victim", "FR Victim", ConsoleRole.OPERATOR, "fr",
        ConsoleNetwork.PASSWORD.toCharArray(), "test");
    var client = net.client("FR");
    for (int i = 0; i < 5; i++) {
      assertThat(client.signIn("fr-victim", "wrong password " + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> right = client.signIn("fr-victim", ConsoleNetwork.PASSWORD);
    assertThat(right.statusCode()).isEqualTo(401);
    assertThat(right.body()).contains("locked");
    assertThat(client.sessionCookie).isNull();

    clock.advance(Duration.ofMinutes(16));
    try {
      assertThat(client.signIn("fr-victim", ConsoleNetwork.PASSWORD).statusCode()).as("after the lockout").isEqualTo(302);
    } finally {
      clock.stepBack(Duration.ofMinutes(16));
    }
  }

  @Test
  void idleSession_isSignedOut() throws Exception {
    var client = net.client("FR");
    client.signIn("fr-supervisor", ConsoleNetwork.PASSWORD);
    assertThat(client.get("/").statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(16));
    try {
      HttpResponse<String> r = client.get("/");
      assertThat(r.statusCode()).isEqualTo(302);
      assertThat(r.headers().firstValue("Location")).hasValue("/signin");
    } finally {
      clock.stepBack(Duration.ofMinutes(16));
    }
  }

  @Test
  void directory_listsTheParties_andPingIsAnOperatorsAction() throws Exception {
    var auditor = net.client("FR");
    auditor.signIn("fr-auditor", ConsoleNetwork.PASSWORD);
    HttpResponse<String> page = auditor.get("/directory");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"party-DE\"").contains("id=\"party-FR\"").doesNotContain("/ping");
    assertThat(auditor.post("/directory/DE/ping", "_csrf=" + auditor.csrf).statusCode()).isEqualTo(403);

    var operator = net.client("FR");
    operator.signIn("fr-operator", ConsoleNetwork.PASSWORD);
    assertThat(operator.get("/directory").body()).contains("action=\"/directory/DE/ping\"");
    HttpResponse<String> ping = operator.post("/directory/DE/ping", "_csrf=" + operator.csrf);
    assertThat(ping.statusCode()).isEqualTo(302);
    String location = java.net.URLDecoder.decode(ping.headers().firstValue("Location").orElseThrow(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(location).contains("ping sent to DE/poc: ");
    String pingId = location.replaceAll(".*DE/poc: ([0-9a-f-]{36}).*", "$1");
    assertThat(Awaits.completed(net.node("FR"), pingId).state().name()).isEqualTo("DELIVERED");
  }

  /** An Art. 9 request from FR's node, stored at DE, with {@code facts} as its emergency facts. */
  static InboxEntry receivedAtDe(String facts) throws Exception {
    return receivedAt(net, "DE", facts);
  }

  /** An Art. 9 request from FR's node to {@code party}'s, stored there, with {@code facts} as its emergency facts. */
  static InboxEntry receivedAt(ConsoleNetwork net, String party, String facts) throws Exception {
    return receivedAt(net, "FR", party, facts);
  }

  /** An Art. 9 request from {@code from}'s node to {@code party}'s, stored there, with {@code facts}. */
  static InboxEntry receivedAt(ConsoleNetwork net, String from, String party, String facts) throws Exception {
    InnerMessage draft = ConsoleFixtures.art9(party + "/poc", facts);
    InnerMessage sent = net.node(from).outbox().submit(draft, "test");
    Awaits.completed(net.node(from), sent.getRouting().getMessageId());
    return net.node(party).inbox().find(sent.getRouting().getMessageId()).orElseThrow();
  }
}
