package org.relay247.gateway.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relay247.protocol.v1.AdditionalInfoAnswer;
import org.relay247.protocol.v1.InfoAnswer;
import org.relay247.protocol.v1.InfoQuestion;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;

/** The answer to a received request for more information: one field per question asked. */
final class InfoAnswerForm implements ComposeForm {
  @Override
  public String slug() {
    return "answer-info";
  }

  @Override
  public String titleEn() {
    return "Answer a request for more information";
  }

  @Override
  public String titleFr() {
    return "Répondre à une demande d'informations";
  }

  @Override
  public Set<String> answers() {
    return Set.of("ADDITIONAL_INFO_REQUEST");
  }

  @Override
  public Priority priority() {
    return Priority.PRIORITY_ROUTINE;
  }

  @Override
  public List<FormField.Section> sections(Optional<InnerMessage> answered) {
    List<FormField> fields = new ArrayList<>();
    List<InfoQuestion> questions = answered.map(m -> m.getAdditionalInfoRequest().getQuestionsList()).orElse(List.of());
    for (int i = 0; i < questions.size(); i++) {
      // The question arrived from abroad: it is a label here, escaped by the template like any text.
      String label = questions.get(i).getId() + ": " + questions.get(i).getText();
      fields.add(FormField.area("answer" + i, label, label));
    }
    return List.of(new FormField.Section(answered.map(m -> m.getAdditionalInfoRequest().getArticle()).orElse(""),
        fields));
  }

  @Override
  public InnerMessage.Builder body(FormValues f, Optional<InnerMessage> answered, Instant now) {
    InnerMessage asked = answered.orElseThrow(() -> new IllegalArgumentException("replyTo: missing (expected: the"
        + " request for more information answered)"));
    AdditionalInfoAnswer.Builder a = AdditionalInfoAnswer.newBuilder()
        .setRequestMessageId(asked.getRouting().getMessageId());
    List<InfoQuestion> questions = asked.getAdditionalInfoRequest().getQuestionsList();
    for (int i = 0; i < questions.size(); i++) {
      if (!f.text("answer" + i).isEmpty()) {
        a.addAnswers(InfoAnswer.newBuilder().setQuestionId(questions.get(i).getId()).setText(f.text("answer" + i)));
      }
    }
    return InnerMessage.newBuilder().setAdditionalInfoAnswer(a);
  }
}
