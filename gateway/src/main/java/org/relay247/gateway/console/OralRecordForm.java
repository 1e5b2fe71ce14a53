package org.relay247.gateway.console;

import com.google.protobuf.util.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relay247.protocol.v1.CallbackCheck;
import org.relay247.protocol.v1.ContactDetails;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.OralRequestRecord;
import org.relay247.protocol.v1.Priority;

/**
 * The record of an oral (telephone) Art. 9 request this desk took (Art. 9.4), sent to the
 * caller's authority (the form's recipient), which must confirm it electronically. Sent through
 * the case service, like {@code relay247 case record-oral}, which opens the ORAL_ART9 track.
 */
final class OralRecordForm extends ComposeForm {
  OralRecordForm() {
    super("oral-art9", "Record an oral Art. 9 request", "Consigner une demande art. 9 orale",
        Priority.PRIORITY_EMERGENCY, "poc", Set.of());
  }

  @Override
  List<FormField.Section> sections(Optional<InnerMessage> answered) {
    return List.of(
        FormField.Section.of("9.4",
            FormField.text("caller", "The caller, as identified", "L'appelant, tel qu'identifié"),
            FormField.text("callerPhone", "Caller's phone", "Téléphone de l'appelant"),
            FormField.area("summary", "What was asked", "Ce qui a été demandé"), FormParts.categories()),
        FormField.Section.of("9.4 call-back", "9.4 rappel", FormField.text("callback",
            "How the caller was verified by call-back", "Comment l'appelant a été vérifié par rappel")));
  }

  @Override
  InnerMessage.Builder body(FormValues f, Optional<InnerMessage> answered, Instant now) {
    OralRequestRecord.Builder r = OralRequestRecord.newBuilder().setCallerAuthority(f.text("recipient"))
        .setCaller(ContactDetails.newBuilder().setName(f.text("caller")).setPhone(f.text("callerPhone")))
        .setSummary(f.text("summary")).setConfirmationRequired(true)
        .setCallReceivedAt(Timestamps.fromMillis(now.toEpochMilli()))
        .addAllCategories(FormParts.data(f).getCategoriesList());
    if (!f.text("callback").isEmpty()) {
      r.setCallbackCheck(CallbackCheck.newBuilder().setPerformed(true).setOutcome(f.text("callback")));
    }
    return InnerMessage.newBuilder().setOralRequestRecord(r);
  }
}
