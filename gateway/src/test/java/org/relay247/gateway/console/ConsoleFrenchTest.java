package org.relay247.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.store.InboxEntry;

/**
 * The console for an account whose language is French, over HTTPS against two real nodes (FR, DE):
 * every page, option list, flash and refusal the console writes is in French, and none of the
 * English strings it would show an English account is left. What is checked is the text a person
 * reads (tags removed; the message's own content, which is the foreign Party's text, left out) and
 * the accessible names in attributes.
 */
class ConsoleFrenchTest {
  @TempDir static Path dir;
  static ConsoleNetwork net;

  @BeforeAll
  static void start() throws Exception {
    net = ConsoleNetwork.start(dir, "FR", "DE");
    ConsoleUsers users = net.node("FR").console().orElseThrow().users();
    users.add("marie.dupont", "Marie Dupont", ConsoleRole.SUPERVISOR, "fr", ConsoleNetwork.PASSWORD.toCharArray(),
        "test");
    users.add("luc.martin", "Luc Martin", ConsoleRole.OPERATOR, "fr", ConsoleNetwork.PASSWORD.toCharArray(), "test");
  }

  @AfterAll
  static void stop() {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void frenchSupervisor_desk_message_andCase_showNoEnglish() throws Exception {
    InboxEntry request = ConsoleHttpSecurityTest.receivedAt(net, "DE", "FR", "Un enfant a été enlevé.");
    var marie = signedIn("marie.dupont");

    String desk = marie.get("/").body();
    assertThat(desk).contains("<html lang=\"fr\">").contains("aria-label=\"Principal\"");
    assertThat(text(desk)).contains("Boîte de réception", "Activer le son", "URGENCE", "demande art. 9",
        "Marie Dupont · superviseur", "Déconnexion").doesNotContain("Inbox", "Sound on", "Emergencies first",
        "Priority", "Deadline", "EMERGENCY", "Art. 9 request", "art9_request", "Sign out", "Cases", "Directory",
        "New message", "Audit log", "supervisor");

    String message = marie.get("/messages/" + request.messageId()).body();
    assertThat(text(message)).contains("Signé par", "ACCEPTED, signé par ce nœud", "Prendre en charge",
        "exécutera sous conditions", "Envoyer la décision", "Hacher, signer et envoyer",
        "Demander des informations complémentaires").doesNotContain("Signed by", "Signing time", "Acknowledge",
        "will provide", "provide under conditions", "Send determination", "Send results", "Hash, sign and send",
        "signed by this node", "Content", "Ask for more information", "EMERGENCY");
    assertThat(message).contains("aria-label=\"progression de l&#39;envoi\"").doesNotContain("upload progress");

    String acknowledged = flash(marie.post("/messages/" + request.messageId() + "/ack", "_csrf=" + marie.csrf));
    assertThat(acknowledged).isEqualTo("Pris en charge : l'expéditeur en est informé.");
    assertThat(text(marie.get("/messages/" + request.messageId() + "?flash=" + ConsoleNetwork.enc(acknowledged))
        .body())).contains("Pris en charge : l'expéditeur en est informé.").doesNotContain("acknowledged");

    String caseView = marie.get("/cases/" + request.caseId()).body();
    assertThat(text(caseView)).contains("Pistes", "Délais", "Chronologie", "Actes du superviseur", "reçu",
        "pris en charge", "préavis de suspension", "contre-suspension", "Fixer la conservation", " avec ")
        .doesNotContain("Tracks", "Timers", "Timeline", "Supervisor's acts", "Set retention", "received",
            "notice of a suspension", "provisional", "counter-suspension", "Purge the case", "Send the notice",
            " with ");
    String cases = marie.get("/cases").body();
    assertThat(text(cases)).contains("Dossiers", "Ouvert").doesNotContain("Opened", "Tracks", "With");
  }

  @Test
  void frenchOperator_composeForms_optionsFindingsAndABlockedSend_inFrench() throws Exception {
    var luc = signedIn("luc.martin");
    String art10 = luc.get("/compose/art10").body();
    assertThat(text(art10)).contains("Entraide d'urgence art. 10", "autorité centrale",
        "directement à une autorité judiciaire", "données relatives aux abonnés", "10.3 urgence", "10.3 mesure",
        "Envoyer en URGENCE", "Constats des règles").doesNotContain("central authority", "judicial authority",
        "subscriber information", "traffic data", "10.3 emergency", "10.3 measure", "10.3 other",
        "Send as EMERGENCY", "Rule findings", "Requesting authority");
    assertThat(art10).contains("<option value=\"central_authority\"").contains("value=\"subscriber\"");
    assertThat(text(luc.get("/compose/preservation").body())).contains("demande d'entraide", "injonction art. 8",
        "29.2.c lien").doesNotContain("mutual assistance", "Art. 8 order", "29.2.c relation");
    assertThat(text(luc.get("/compose/oral-art9").body())).contains("9.4 rappel").doesNotContain("call-back");
    assertThat(text(luc.get("/compose").body())).contains("Nouveau message", "Demande de conservation")
        .doesNotContain("New message", "Preservation request", "Answers (more information");

    String form = "_csrf=" + luc.csrf + "&recipient=DE/ca&sender=FR/ca&authority=" + ConsoleNetwork.enc("Parquet")
        + "&route=central_authority&facts=";
    String findings = text(luc.post("/compose/art10/check", form).body());
    assertThat(findings).contains("Bloque · Art. 10.1", "Bloque · Art. 4.1").doesNotContain("Blocks", "Warning",
        "No finding");
    HttpResponse<String> blocked = luc.post("/compose/art10", form);
    assertThat(blocked.statusCode()).isEqualTo(422);
    // DE takes Art. 10 requests in English only: a message written in French is blocked first, in French.
    assertThat(text(blocked.body())).contains("Non envoyé : Art. 4.1 : La Partie DE accepte").doesNotContain(
        "Not sent");
  }

  @Test
  void frenchAccounts_directoryPing_audit_andRefusals_inFrench() throws Exception {
    var luc = signedIn("luc.martin");
    String directory = text(luc.get("/directory").body());
    assertThat(directory).contains("Annuaire", "Déclarations en vigueur", "Langues", "Autorités", "Tester DE/poc")
        .doesNotContain("Declarations in force", "Languages", "Authorities", "Ping DE", "The Parties as of today");
    String ping = flash(luc.post("/directory/DE/ping", "_csrf=" + luc.csrf));
    assertThat(ping).startsWith("ping envoyé à DE/poc: ").endsWith("(le pong arrive dans la boîte de réception)");

    HttpResponse<String> forbidden = luc.get("/audit");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(text(forbidden.body())).contains("Non autorisé", "Le journal d'audit est réservé aux auditeurs",
        "Retour au bureau").doesNotContain("Not allowed", "The audit log is for", "Back to the desk");

    var marie = signedIn("marie.dupont");
    assertThat(text(marie.get("/audit").body())).contains("Journal d'audit", "chaîne d'audit intacte : ")
        .doesNotContain("audit chain intact", "entries, head");
    InboxEntry request = ConsoleHttpSecurityTest.receivedAt(net, "DE", "FR", "Rançongiciel à l'hôpital.");
    marie.get("/cases/" + request.caseId());
    assertThat(flash(marie.post("/cases/" + request.caseId() + "/retention", "_csrf=" + marie.csrf + "&days=abc")))
        .isEqualTo("Non fait : jours : « abc » (attendu : de 1 à 36500)");
    assertThat(flash(marie.post("/cases/" + request.caseId() + "/retention", "_csrf=" + marie.csrf + "&days=30")))
        .startsWith("conservation fixée à 30 jours");
    HttpResponse<String> results = marie.post("/messages/" + request.messageId() + "/results", "_csrf=" + marie.csrf);
    assertThat(results.statusCode()).isEqualTo(400);
    assertThat(text(results.body())).contains("Impossible", "aucune décision n'a encore été envoyée")
        .doesNotContain("Not possible", "no determination");
  }

  private static ConsoleNetwork.Client signedIn(String user) throws Exception {
    var client = net.client("FR");
    assertThat(client.signIn(user, ConsoleNetwork.PASSWORD).statusCode()).isEqualTo(302);
    client.get("/");
    return client;
  }

  private static String flash(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    String location = URLDecoder.decode(r.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
    return location.substring(location.indexOf("?flash=") + "?flash=".length());
  }

  /** What a person reads on the page: no tags, no script, not the message's own content (the sender's text). */
  static String text(String html) {
    return html.replaceAll("(?s)<pre class=\"content\".*?</pre>", " ").replaceAll("(?s)<script.*?</script>", " ")
        .replaceAll("(?s)<[^>]+>", " ").replace("&#39;", "'").replace("&#34;", "\"").replace("&quot;", "\"")
        .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replaceAll("\\s+", " ");
  }
}
