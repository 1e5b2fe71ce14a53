package org.relay247.gateway.console;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relay247.protocol.v1.Art9Confirmation;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;

/**
 * The electronic confirmation of an oral Art. 9 request (Art. 9.4): the full Art. 9.3 request,
 * answering the record the requested Party sent after the call.
 */
final class Art9ConfirmationForm extends ComposeForm {
  Art9ConfirmationForm() {
    super("art9-confirmation", "Confirm an oral Art. 9 request", "Confirmer une demande art. 9 orale",
        Priority.PRIORITY_EMERGENCY, "poc", Set.of("ORAL_REQUEST_RECORD"));
  }

  @Override
  List<FormField.Section> sections(Optional<InnerMessage> answered) {
    return Art9Form.requestSections();
  }

  @Override
  InnerMessage.Builder body(FormValues f, Optional<InnerMessage> answered, Instant now) {
    String record = answered.orElseThrow(() -> new Refusal("replyTo: missing (expected: the oral request record"
        + " received)", "réponse à : manquant (attendu : le procès-verbal de demande orale reçu)")).getRouting()
        .getMessageId();
    return InnerMessage.newBuilder().setArt9Confirmation(Art9Confirmation.newBuilder().setOralRequestRecordId(record)
        .setRequest(Art9Form.request(f, now)));
  }
}
