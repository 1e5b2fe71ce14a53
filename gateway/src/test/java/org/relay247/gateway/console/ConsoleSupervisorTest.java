package org.relay247.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.cases.ConditionView;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.protocol.v1.InnerMessage;

/**
 * The supervisor's acts on a case over HTTPS against two real nodes (FR, DE): refused to an
 * operator before anything happens, done through the node's services under the supervisor's
 * name otherwise.
 */
class ConsoleSupervisorTest {
  @TempDir static Path dir;
  static ConsoleNetwork net;

  @BeforeAll
  static void start() throws Exception {
    net = ConsoleNetwork.start(dir, "FR", "DE");
  }

  @AfterAll
  static void stop() {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void operator_cannotRunAnySupervisorAct() throws Exception {
    InboxEntry request = ConsoleHttpSecurityTest.receivedAt(net, "DE", "operator refused test");
    String c = request.caseId();
    var operator = net.client("DE");
    operator.signIn("de-operator", ConsoleNetwork.PASSWORD);
    assertThat(operator.get("/cases/" + c).body()).doesNotContain("id=\"supervisor\"").doesNotContain("/retention");
    int days = net.node("DE").protection().retention().status(c).retentionDays();
    for (String act : List.of("retention", "purge", "suspension", "onward-request", "onward-decision", "conditions")) {
      HttpResponse<String> r = operator.post("/cases/" + c + "/" + act, "_csrf=" + operator.csrf
          + "&days=1&reason=forged&confirm=on&recipient=FR/poc&step=imposed&kind=full&grounds=forged&data="
          + request.messageId() + "&destination=BE&request=" + request.messageId() + "&outcome=authorised"
          + "&determination=" + request.messageId() + "&answer=accept");
      assertThat(r.statusCode()).as(act).isEqualTo(403);
      assertThat(r.body()).as(act).contains("act; your account is operator.");
    }
    assertThat(net.node("DE").protection().retention().status(c).retentionDays()).isEqualTo(days);
    assertThat(net.node("DE").outboxStore().recent(200)).noneMatch(e -> c.equals(e.caseId())
        && !e.bodyCase().equals("RECEIPT"));
    assertThat(net.node("DE").inbox().find(request.messageId())).as("not purged").hasValueSatisfying(e ->
        assertThat(e.innerMessage()).isNotEmpty());
    assertThat(operator.get("/cases/" + c + "/purge-proof").statusCode()).isEqualTo(403);
  }

  @Test
  void supervisor_setsRetention_auditedUnderTheirName() throws Exception {
    InboxEntry request = ConsoleHttpSecurityTest.receivedAt(net, "DE", "retention test");
    var s = net.client("DE");
    s.signIn("de-supervisor", ConsoleNetwork.PASSWORD);
    assertThat(s.get("/cases/" + request.caseId()).body()).contains("id=\"supervisor\"").contains("id=\"retention\"");
    HttpResponse<String> r = s.post("/cases/" + request.caseId() + "/retention", "_csrf=" + s.csrf + "&days=90");
    assertThat(flash(r)).contains("retention set to 90 days");
    assertThat(net.node("DE").protection().retention().status(request.caseId()).retentionDays()).isEqualTo(90);
    assertThat(net.node("DE").audit().entries(request.caseId())).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo(AuditAction.RETENTION_REVIEWED.name());
      assertThat(e.actor()).isEqualTo("DE Supervisor (console:de-supervisor, supervisor)");
    });
    assertThat(flash(s.post("/cases/" + request.caseId() + "/retention", "_csrf=" + s.csrf + "&days=0")))
        .startsWith("Not done: ").contains("36500");
  }

  @Test
  void supervisor_acceptsTheConditionsOfADetermination_andTheyBind() throws Exception {
    InboxEntry request = ConsoleHttpSecurityTest.receivedAt(net, "DE", "conditions answer test");
    var de = net.client("DE");
    de.signIn("de-supervisor", ConsoleNetwork.PASSWORD);
    de.get("/messages/" + request.messageId());
    String location = URLDecoder.decode(de.post("/messages/" + request.messageId() + "/determination", "_csrf="
        + de.csrf + "&outcome=conditions&grounds=ok&conditions=" + ConsoleNetwork.enc("use: only for J3"))
        .headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
    String determination = location.replaceAll(".*determination sent: ([0-9a-f-]{36}).*", "$1");
    Awaits.completed(net.node("DE"), determination);

    var fr = net.client("FR");
    fr.signIn("fr-supervisor", ConsoleNetwork.PASSWORD);
    assertThat(fr.get("/cases/" + request.caseId()).body()).contains("id=\"answer-conditions\"")
        .contains("<option value=\"" + determination + "\">");
    HttpResponse<String> r = fr.post("/cases/" + request.caseId() + "/conditions", "_csrf=" + fr.csrf
        + "&determination=" + determination + "&answer=accept&explanation=" + ConsoleNetwork.enc("Understood."));
    assertThat(flash(r)).contains("conditions accepted sent: ");
    String responseId = flash(r).replaceAll(".*sent: ([0-9a-f-]{36}).*", "$1");
    InnerMessage sent = InnerMessage.parseFrom(net.node("FR").outboxStore().find(responseId).orElseThrow()
        .innerMessage());
    assertThat(sent.getConditionResponse().getAnswersList()).singleElement().satisfies(a -> {
      assertThat(a.getConditionId()).isEqualTo("c1");
      assertThat(a.getAcceptance().name()).isEqualTo("CONDITION_ACCEPTANCE_ACCEPT_BOUND");
    });
    assertThat(sent.getSenderContact().getName()).isEqualTo("FR Supervisor");
    assertThat(net.node("FR").cases().find(request.caseId()).orElseThrow().conditions())
        .extracting(ConditionView::status).containsExactly(ConditionView.Status.BINDING);
  }

  @Test
  void supervisor_sendsASuspensionNotice_inTheCase() throws Exception {
    InboxEntry request = ConsoleHttpSecurityTest.receivedAt(net, "DE", "suspension test");
    var s = net.client("DE");
    s.signIn("de-supervisor", ConsoleNetwork.PASSWORD);
    s.get("/cases/" + request.caseId());
    HttpResponse<String> r = s.post("/cases/" + request.caseId() + "/suspension", "_csrf=" + s.csrf
        + "&recipient=FR/poc&step=notice&kind=provisional&scope=art9&consultation=on&grounds="
        + ConsoleNetwork.enc("Fictitious test grounds: data shared without authorisation."));
    assertThat(flash(r)).contains("suspension notice sent: ");
    String id = flash(r).replaceAll(".*sent: ([0-9a-f-]{36}).*", "$1");
    InnerMessage sent = InnerMessage.parseFrom(net.node("DE").outboxStore().find(id).orElseThrow().innerMessage());
    assertThat(sent.getSuspensionNotice().getStep().name()).isEqualTo("SUSPENSION_STEP_NOTICE");
    assertThat(sent.getSuspensionNotice().getScopeList()).extracting(Enum::name).containsExactly("COOPERATION_TYPE_ART9");
    assertThat(sent.getRouting().getCaseId()).isEqualTo(request.caseId());
    assertThat(Awaits.completed(net.node("DE"), id).state().name()).isEqualTo("DELIVERED");
  }

  @Test
  void onwardTransfer_requestedByFr_decidedByDe() throws Exception {
    InboxEntry request = ConsoleHttpSecurityTest.receivedAt(net, "DE", "onward transfer test");
    var de = net.client("DE");
    de.signIn("de-supervisor", ConsoleNetwork.PASSWORD);
    de.get("/messages/" + request.messageId());
    String location = URLDecoder.decode(de.post("/messages/" + request.messageId() + "/determination", "_csrf="
        + de.csrf + "&outcome=will_provide&grounds=ok").headers().firstValue("Location").orElseThrow(),
        StandardCharsets.UTF_8);
    String determination = location.replaceAll(".*determination sent: ([0-9a-f-]{36}).*", "$1");
    Awaits.completed(net.node("DE"), determination);

    var fr = net.client("FR");
    fr.signIn("fr-supervisor", ConsoleNetwork.PASSWORD);
    assertThat(fr.get("/cases/" + request.caseId()).body()).contains("id=\"onward-request\"");
    HttpResponse<String> r = fr.post("/cases/" + request.caseId() + "/onward-request", "_csrf=" + fr.csrf
        + "&data=" + determination + "&destination=BE&destinationAuthority=" + ConsoleNetwork.enc("Federal police")
        + "&purpose=" + ConsoleNetwork.enc("Arrest of a suspect who fled") + "&legalBasis=" + ConsoleNetwork.enc(
            "Directive (EU) 2016/680") + "&safeguards=" + ConsoleNetwork.enc("EU law"));
    assertThat(flash(r)).contains("onward transfer request sent: ");
    String asked = flash(r).replaceAll(".*sent: ([0-9a-f-]{36}).*", "$1");
    Awaits.completed(net.node("FR"), asked);

    assertThat(de.get("/cases/" + request.caseId()).body()).contains("id=\"onward-decision\"");
    HttpResponse<String> d = de.post("/cases/" + request.caseId() + "/onward-decision", "_csrf=" + de.csrf
        + "&request=" + asked + "&outcome=authorised_with_conditions&conditions=" + ConsoleNetwork.enc(
            "Only for the arrest") + "&reasons=" + ConsoleNetwork.enc("Same investigation.") + "&validUntil=2099-01-01");
    assertThat(flash(d)).contains("onward transfer decision sent: ");
    String decided = flash(d).replaceAll(".*sent: ([0-9a-f-]{36}).*", "$1");
    InnerMessage sent = InnerMessage.parseFrom(net.node("DE").outboxStore().find(decided).orElseThrow().innerMessage());
    assertThat(sent.getOnwardTransferDecision().getConditions(0).getText()).isEqualTo("Only for the arrest");
    assertThat(Awaits.completed(net.node("DE"), decided).state().name()).isEqualTo("DELIVERED");
  }

  @Test
  void supervisor_purgesACase_andTheAuditorFetchesTheSignedProof() throws Exception {
    InboxEntry request = ConsoleHttpSecurityTest.receivedAt(net, "DE", "purge test");
    var s = net.client("DE");
    s.signIn("de-supervisor", ConsoleNetwork.PASSWORD);
    s.get("/cases/" + request.caseId());
    assertThat(flash(s.post("/cases/" + request.caseId() + "/purge", "_csrf=" + s.csrf + "&reason=test")))
        .as("not without the confirmation").startsWith("Not done: confirm");
    HttpResponse<String> r = s.post("/cases/" + request.caseId() + "/purge", "_csrf=" + s.csrf
        + "&reason=" + ConsoleNetwork.enc("retention period elapsed") + "&confirm=on");
    assertThat(flash(r)).contains("purged: content of ");
    assertThat(net.node("DE").audit().entries(request.caseId())).anySatisfy(e ->
        assertThat(e.actor()).isEqualTo("DE Supervisor (console:de-supervisor, supervisor)"));
    var auditor = net.client("DE");
    auditor.signIn("de-auditor", ConsoleNetwork.PASSWORD);
    HttpResponse<String> proof = auditor.get("/cases/" + request.caseId() + "/purge-proof");
    assertThat(proof.statusCode()).isEqualTo(200);
    assertThat(proof.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
        assertThat(t).startsWith("application/pkcs7-mime"));
  }

  private static String flash(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    String location = URLDecoder.decode(r.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
    assertThat(location).contains("?flash=");
    return location.substring(location.indexOf("?flash=") + "?flash=".length());
  }
}
