package org.relay247.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.protocol.v1.InnerMessage;

/**
 * Every compose form over HTTPS against two real nodes (FR, DE): labelled fields in the account's
 * language, the rules' findings for the typed values, a blocked send explained with the values
 * kept, and the messages the forms send (a new request, an oral record and its confirmation, a
 * request for more information and its answer) arriving at the other node.
 */
class ConsoleComposeTest {
  private static final Pattern FIELD = Pattern.compile("<(?:input|textarea|select) id=\"([^\"]+)\"");

  @TempDir static Path dir;
  static ConsoleNetwork net;

  @BeforeAll
  static void start() throws Exception {
    net = ConsoleNetwork.start(dir, "FR", "DE");
    net.node("FR").console().orElseThrow().users().add("fr-officier", "Officier FR", ConsoleRole.OPERATOR, "fr",
        ConsoleNetwork.PASSWORD.toCharArray(), "test");
  }

  @AfterAll
  static void stop() {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void everyNewMessageForm_hasALabelForEachField_inTheAccountsLanguage() throws Exception {
    var en = net.client("FR");
    en.signIn("fr-operator", ConsoleNetwork.PASSWORD);
    var fr = net.client("FR");
    fr.signIn("fr-officier", ConsoleNetwork.PASSWORD);
    String index = en.get("/compose").body();
    for (String slug : List.of("art9", "oral-art9", "art10", "preservation", "art8", "art7")) {
      assertThat(index).contains("href=\"/compose/" + slug + "\"");
      String page = en.get("/compose/" + slug).body();
      Matcher m = FIELD.matcher(page);
      int fields = 0;
      while (m.find()) {
        fields++;
        assertThat(page).as(slug + ": label for " + m.group(1)).contains("<label for=\"" + m.group(1) + "\">");
      }
      assertThat(fields).as(slug + " has fields").isGreaterThan(4);
      assertThat(page).contains("hx-post=\"/compose/" + slug + "/check\"");
      assertThat(fr.get("/compose/" + slug).body()).as(slug + " in French").contains("<html lang=\"fr\">")
          .contains("Constats des règles").contains("À (Partie requise)").doesNotContain(">Rule findings<");
    }
    assertThat(fr.get("/compose/preservation").body()).contains("Pourquoi la conservation est nécessaire");
  }

  @Test
  void art10Check_findsTheMissingEmergencyFacts_andTheFindingGoesWhenTyped() throws Exception {
    var client = net.client("FR");
    client.signIn("fr-operator", ConsoleNetwork.PASSWORD);
    client.get("/compose/art10");
    String form = art10Form(client.csrf, "");
    String without = client.post("/compose/art10/check", form).body();
    assertThat(without).contains("<li class=\"block\" data-code=\"REQ_10_1_EMERGENCY\">").contains("Art. 10.1")
        .contains("emergency_facts");
    String with = client.post("/compose/art10/check", art10Form(client.csrf,
        "A child is abused in live streams; the next stream is tonight.")).body();
    assertThat(codes(with)).doesNotContain("REQ_10_1_EMERGENCY");
    assertThat(with).doesNotContain("class=\"block\"");
  }

  @Test
  void blockedSend_isExplained_keepsTheValues_andSendsNothing() throws Exception {
    var client = net.client("FR");
    client.signIn("fr-operator", ConsoleNetwork.PASSWORD);
    client.get("/compose/art10");
    int before = net.node("FR").outboxStore().recent(200).size();
    HttpResponse<String> r = client.post("/compose/art10", art10Form(client.csrf, ""));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains("id=\"refusal\"").contains("Not sent: Art. 10.1: ");
    assertThat(r.body()).as("what was typed stays").contains("value=\"Parquet de Grenoble\"");
    assertThat(net.node("FR").outboxStore().recent(200)).hasSize(before);
  }

  @Test
  void preservationForm_sendsThePreservationRequest_asTyped() throws Exception {
    var client = net.client("FR");
    client.signIn("fr-operator", ConsoleNetwork.PASSWORD);
    client.get("/compose/preservation");
    HttpResponse<String> r = client.post("/compose/preservation", "_csrf=" + client.csrf + "&recipient=DE/poc"
        + "&sender=FR/poc&authority=" + enc("Parquet de Paris, section J3") + "&offence=" + enc("Organised fraud")
        + "&provisions=" + enc("Code pénal, art. 313-1") + "&penalties=" + enc("Up to 10 years")
        + "&summary=" + enc("Fake trading platform, 214 victims.") + "&category=subscriber&category=content"
        + "&dataDescription=" + enc("All stored data of the account") + "&identifiers=" + enc("support@trade-nova.example")
        + "&relation=" + enc("Customer-service account of the platform.") + "&provider=" + enc("Kontowerk Mail GmbH")
        + "&providerAddress=" + enc("Probeweg 7, München") + "&necessity=" + enc("Logins are deleted after 7 days.")
        + "&followUp=art8&followUp=mla&preserveUntil=2099-01-31&nonDisclosure=on&reference=J3-25-218");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    InnerMessage sent = sent(r);
    assertThat(sent.getPreservationRequest().getNecessity()).isEqualTo("Logins are deleted after 7 days.");
    assertThat(sent.getPreservationRequest().getProviders(0).getParty()).isEqualTo("DE");
    assertThat(sent.getPreservationRequest().getIntendedFollowUpList()).extracting(Enum::name)
        .containsExactly("COOPERATION_TYPE_ART8", "COOPERATION_TYPE_MLA");
    assertThat(sent.getSenderContact().getName()).isEqualTo("FR Duty Officer");
    Awaits.completed(net.node("FR"), sent.getRouting().getMessageId());
    assertThat(net.node("DE").inbox().find(sent.getRouting().getMessageId())).isPresent();
  }

  @Test
  void oralRecord_reachesTheCaller_whoConfirmsItFromTheRecord() throws Exception {
    var de = net.client("DE");
    de.signIn("de-operator", ConsoleNetwork.PASSWORD);
    de.get("/compose/oral-art9");
    HttpResponse<String> r = de.post("/compose/oral-art9", "_csrf=" + de.csrf + "&recipient=FR/poc&caller="
        + enc("Capitaine Hélène Marchetti") + "&callerPhone=" + enc("+33 1 00 00 24 07") + "&summary="
        + enc("Traffic data of 203.0.113.77, hospital ransomware.") + "&category=traffic&callback="
        + enc("Called back on the OFAC 24/7 number"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    InnerMessage record = sent(net, "DE", r);
    assertThat(record.getOralRequestRecord().getRecordedBy().getName()).isEqualTo("DE Duty Officer");
    Awaits.completed(net.node("DE"), record.getRouting().getMessageId());

    var fr = net.client("FR");
    fr.signIn("fr-operator", ConsoleNetwork.PASSWORD);
    String message = fr.get("/messages/" + record.getRouting().getMessageId()).body();
    assertThat(message).contains("href=\"/compose/art9-confirmation?replyTo=" + record.getRouting().getMessageId());
    String form = fr.get("/compose/art9-confirmation?replyTo=" + record.getRouting().getMessageId()).body();
    assertThat(form).contains("name=\"replyTo\" value=\"" + record.getRouting().getMessageId() + "\"")
        .doesNotContain("id=\"recipient\"");
    HttpResponse<String> c = fr.post("/compose/art9-confirmation", "_csrf=" + fr.csrf + "&replyTo="
        + record.getRouting().getMessageId() + "&authority=" + enc("Parquet de Paris, section J3")
        + "&underProtocol=on&provider=" + enc("Rechenwerk Hosting AG") + "&providerAddress=" + enc("Frankfurt")
        + "&offence=" + enc("Ransomware extortion") + "&provisions=" + enc("Code pénal, art. 323-1") + "&penalties="
        + enc("Up to 10 years") + "&facts=" + enc("Intensive care is down; three patients cannot be moved.")
        + "&relation=" + enc("The ransomware contacts this server.") + "&category=traffic&dataDescription="
        + enc("Connection logs of 203.0.113.77") + "&identifiers=203.0.113.77&nonDisclosure=on&other="
        + enc("Reach FR/poc at any hour."));
    assertThat(c.statusCode()).as(c.body()).isEqualTo(302);
    InnerMessage confirmation = sent(c);
    assertThat(confirmation.getArt9Confirmation().getOralRequestRecordId()).isEqualTo(record.getRouting().getMessageId());
    assertThat(confirmation.getRouting().getRecipient()).isEqualTo(record.getRouting().getSender());
    assertThat(confirmation.getRouting().getCaseId()).isEqualTo(record.getRouting().getCaseId());
    assertThat(Awaits.completed(net.node("FR"), confirmation.getRouting().getMessageId()).state().name())
        .isEqualTo("DELIVERED");
  }

  @Test
  void requestForMoreInformation_andItsAnswer_goBothWays() throws Exception {
    InboxEntry request = ConsoleHttpSecurityTest.receivedAt(net, "DE", "more information test");
    var de = net.client("DE");
    de.signIn("de-operator", ConsoleNetwork.PASSWORD);
    assertThat(de.get("/messages/" + request.messageId()).body())
        .contains("href=\"/compose/request-info?replyTo=" + request.messageId());
    de.get("/compose/request-info?replyTo=" + request.messageId());
    HttpResponse<String> q = de.post("/compose/request-info", "_csrf=" + de.csrf + "&replyTo=" + request.messageId()
        + "&article=9.6&questions=" + enc("Since when is the child missing?\nWho called the police?"));
    assertThat(q.statusCode()).as(q.body()).isEqualTo(302);
    InnerMessage asked = sent(net, "DE", q);
    assertThat(asked.getAdditionalInfoRequest().getQuestionsList()).extracting(x -> x.getId() + " " + x.getText())
        .containsExactly("q1 Since when is the child missing?", "q2 Who called the police?");
    Awaits.completed(net.node("DE"), asked.getRouting().getMessageId());

    var fr = net.client("FR");
    fr.signIn("fr-operator", ConsoleNetwork.PASSWORD);
    String form = fr.get("/compose/answer-info?replyTo=" + asked.getRouting().getMessageId()).body();
    assertThat(form).contains("q1: Since when is the child missing?").contains("<label for=\"answer1\">");
    HttpResponse<String> a = fr.post("/compose/answer-info", "_csrf=" + fr.csrf + "&replyTo="
        + asked.getRouting().getMessageId() + "&answer0=" + enc("Since 18:00 yesterday.") + "&answer1="
        + enc("Her mother."));
    assertThat(a.statusCode()).as(a.body()).isEqualTo(302);
    InnerMessage answer = sent(a);
    assertThat(answer.getAdditionalInfoAnswer().getAnswersList()).extracting(x -> x.getQuestionId() + " " + x.getText())
        .containsExactly("q1 Since 18:00 yesterday.", "q2 Her mother.");
    assertThat(answer.getRouting().getReplyToId()).isEqualTo(asked.getRouting().getMessageId());
    assertThat(Awaits.completed(net.node("FR"), answer.getRouting().getMessageId()).state().name())
        .isEqualTo("DELIVERED");
  }

  @Test
  void answerForm_withoutTheMessageItAnswers_isRefused() throws Exception {
    var fr = net.client("FR");
    fr.signIn("fr-operator", ConsoleNetwork.PASSWORD);
    fr.get("/compose");
    int before = net.node("FR").outboxStore().recent(200).size();
    HttpResponse<String> r = fr.post("/compose/answer-info", "_csrf=" + fr.csrf + "&answer0=x");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("replyTo: missing");
    assertThat(net.node("FR").outboxStore().recent(200)).hasSize(before);
  }

  @Test
  void art8OrderAndArt7Notification_carryTheOrderAsTyped() throws Exception {
    var client = net.client("FR");
    client.signIn("fr-operator", ConsoleNetwork.PASSWORD);
    client.get("/compose/art8");
    String order = "_csrf=" + client.csrf + "&authority=" + enc("Juge d'instruction, TJ Paris") + "&underProtocol=on"
        + "&orderReference=" + enc("JI-25-0042") + "&provider=" + enc("Kontowerk Mail GmbH") + "&providerAddress="
        + enc("Probeweg 7, München") + "&orderOffence=" + enc("Fraud") + "&category=subscriber&dataDescription="
        + enc("Subscriber of support@trade-nova.example") + "&identifiers=" + enc("support@trade-nova.example")
        + "&legalBasis=" + enc("CPP, art. 60-1") + "&offence=" + enc("Organised fraud") + "&provisions="
        + enc("Code pénal, art. 313-1") + "&penalties=" + enc("Up to 10 years") + "&summary="
        + enc("Fake trading platform, 214 victims.") + "&nonDisclosure=on&contactName="
        + enc("Cabinet du juge d'instruction") + "&contactEmail=" + enc("ji.paris@justice.example");
    HttpResponse<String> art8 = client.post("/compose/art8", order + "&recipient=DE/ca&sender=FR/ca&possession="
        + enc("The provider hosts the mailbox.") + "&relevance=" + enc("Identifies the operator.") + "&otherMeans="
        + enc("An Art. 7 order was not answered."));
    assertThat(art8.statusCode()).as(art8.body()).isEqualTo(302);
    var part = sent(art8).getArt8Order();
    assertThat(part.getOrder().getOrderReference()).isEqualTo("JI-25-0042");
    assertThat(part.getOrder().getIssuingAuthority().getName()).isEqualTo("Juge d'instruction, TJ Paris");
    assertThat(part.getOrder().getOffencesList()).containsExactly("Fraud");
    assertThat(part.getOrder().getProviders(0).getParty()).isEqualTo("DE");
    assertThat(part.getOrder().getData().getIdentifiersList()).containsExactly("support@trade-nova.example");
    assertThat(part.getSupportingInformation().getOffences(0).getLegalProvisions()).isEqualTo("Code pénal, art. 313-1");
    assertThat(part.getSupportingInformation().getOtherMeans()).isEqualTo("An Art. 7 order was not answered.");
    assertThat(part.getSupportingInformation().getContacts(0).getEmail()).isEqualTo("ji.paris@justice.example");

    client.get("/compose/art7");
    HttpResponse<String> art7 = client.post("/compose/art7", order + "&recipient=DE/poc&sender=FR/poc&deadline=2099-01-31"
        + "&manner=" + enc("Encrypted e-mail"));
    assertThat(art7.statusCode()).as(art7.body()).isEqualTo(302);
    var notification = sent(art7).getSimultaneousNotification();
    assertThat(notification.getOrder().getOrderReference()).isEqualTo("JI-25-0042");
    assertThat(notification.getOrder().getSubscriberInformation().getCategoriesList()).extracting(Enum::name)
        .containsExactly("DATA_CATEGORY_SUBSCRIBER");
    assertThat(notification.getOrder().getProviders(0).getName()).isEqualTo("Kontowerk Mail GmbH");
    assertThat(notification.getSupplementaryInformation().getDomesticLegalBasis()).isEqualTo("CPP, art. 60-1");
    assertThat(notification.getSupplementaryInformation().getProductionManner()).isEqualTo("Encrypted e-mail");
    assertThat(notification.getSummaryOfFacts()).isEqualTo("Fake trading platform, 214 victims.");
    assertThat(notification.getSupplementaryInformation().getContactAuthority().getContact().getEmail())
        .isEqualTo("ji.paris@justice.example");
  }

  private static String art10Form(String csrf, String facts) {
    return "_csrf=" + csrf + "&recipient=DE/ca&sender=FR/ca&authority=" + enc("Parquet de Grenoble")
        + "&underProtocol=on&route=central_authority&facts=" + enc(facts)
        + "&relation=" + enc("The server's customer data locate the abuser.") + "&offence=" + enc("Rape of a minor")
        + "&provisions=" + enc("Code pénal, art. 222-23") + "&penalties=" + enc("Up to 20 years") + "&summary="
        + enc("Investigation opened on 3 October.") + "&measure=" + enc("Production of customer data")
        + "&category=subscriber&dataDescription=" + enc("Customer account of vserver-4411") + "&identifiers="
        + enc("vserver-4411.rechenwerk.example") + "&provider=" + enc("Rechenwerk Hosting AG") + "&providerAddress="
        + enc("Frankfurt am Main") + "&nonDisclosure=on&resultsChannel=FR/ca&reference=" + enc("25/276/0031");
  }

  private static List<String> codes(String fragment) {
    Matcher m = Pattern.compile("data-code=\"([^\"]+)\"").matcher(fragment);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static InnerMessage sent(HttpResponse<String> r) throws Exception {
    return sent(net, "FR", r);
  }

  /** The message a compose form sent, from the redirect to its page and the node's outbox. */
  static InnerMessage sent(ConsoleNetwork net, String party, HttpResponse<String> r) throws Exception {
    String location = URLDecoder.decode(r.headers().firstValue("Location").orElseThrow(), StandardCharsets.UTF_8);
    String id = location.replaceAll("^/messages/([0-9a-f-]{36}).*", "$1");
    return InnerMessage.parseFrom(net.node(party).outboxStore().find(id).orElseThrow().innerMessage());
  }

  private static String enc(String s) {
    return ConsoleNetwork.enc(s);
  }
}
