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
final class InfoAnswerForm extends ComposeForm {
  InfoAnswerForm() {
    super("answer-info", "Answer a request for more information", "Répondre à une demande d'informations",
        Priority.PRIORITY_ROUTINE, "poc", Set.of("ADDITIONAL_INFO_REQUEST"));
  }

  @Override
  List<FormField.Section> sections(Optional<InnerMessage> answered) {
    List<FormField> fields = new ArrayList<>();
    List<InfoQuestion> questions = answered.map(m -> m.getAdditionalInfoRequest().getQuestionsList()).orElse(List.of());
    for (int i = 0; i < questions.size(); i++) {
      // The question arrived from abroad: it is a label here, escaped by the template like any text.
      String label = questions.get(i).getId() + ": " + questions.get(i).getText();
      fields.add(FormField.area("answer" + i, label, label));
    }
    return List.of(FormField.Section.of(answered.map(m -> m.getAdditionalInfoRequest().getArticle()).orElse(""),
        fields));
  }

  @Override
  InnerMessage.Builder body(FormValues f, Optional<InnerMessage> answered, Instant now) {
    InnerMessage asked = answered.orElseThrow(() -> new Refusal("replyTo: missing (expected: the request for more"
        + " information answered)", "réponse à : manquant (attendu : la demande d'informations à laquelle il est"
        + " répondu)"));
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
