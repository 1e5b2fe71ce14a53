package org.relay247.gateway.console;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relay247.protocol.v1.AdditionalInfoRequest;
import org.relay247.protocol.v1.InfoQuestion;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;

/** A request for more information on a received request (Art. 10.3, 8.4, 7.5.d.i), one question a line. */
final class InfoRequestForm extends ComposeForm {
  private static final List<String> ARTICLES = List.of("10.3", "8.4", "7.5.d.i", "9.6");

  InfoRequestForm() {
    super("request-info", "Ask for more information", "Demander des informations complémentaires",
        Priority.PRIORITY_ROUTINE, "poc", Set.of("ART9_REQUEST", "ART9_CONFIRMATION", "ART10_REQUEST", "ART8_ORDER",
            "SIMULTANEOUS_NOTIFICATION", "PRESERVATION_REQUEST"));
  }

  @Override
  List<FormField.Section> sections(Optional<InnerMessage> answered) {
    String article = answered.map(InfoRequestForm::article).orElse(ARTICLES.get(0));
    List<FormField.Option> ordered = first(article).stream().map(FormField.Option::same).toList();
    return List.of(FormField.Section.of(article,
        FormField.select("article", "Article", "Article", ordered),
        FormField.area("questions", "Questions (one per line)", "Questions (une par ligne)")));
  }

  private static List<String> first(String article) {
    List<String> ordered = new java.util.ArrayList<>(List.of(article));
    ARTICLES.stream().filter(a -> !a.equals(article)).forEach(ordered::add);
    return ordered;
  }

  private static String article(InnerMessage m) {
    return m.hasArt8Order() ? "8.4" : m.hasSimultaneousNotification() ? "7.5.d.i"
        : m.hasArt9Request() || m.hasArt9Confirmation() ? "9.6" : "10.3";
  }

  @Override
  InnerMessage.Builder body(FormValues f, Optional<InnerMessage> answered, Instant now) {
    InnerMessage request = answered.orElseThrow(() -> new Refusal("replyTo: missing (expected: the request"
        + " concerned)", "réponse à : manquant (attendu : la demande concernée)"));
    String article = f.text("article").isEmpty() ? article(request) : f.text("article");
    if (!ARTICLES.contains(article)) {
      throw new Refusal("article: \"" + article + "\" (expected: one of " + ARTICLES + ")", "article : « " + article
          + " » (attendu, l'un de : " + ARTICLES + ")");
    }
    AdditionalInfoRequest.Builder q = AdditionalInfoRequest.newBuilder().setArticle(article)
        .setRequestMessageId(request.getRouting().getMessageId());
    List<String> questions = f.lines("questions");
    for (int i = 0; i < questions.size(); i++) {
      q.addQuestions(InfoQuestion.newBuilder().setId("q" + (i + 1)).setText(questions.get(i)));
    }
    return InnerMessage.newBuilder().setAdditionalInfoRequest(q);
  }
}
