package org.relay247.gateway.console;

import com.google.protobuf.util.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relay247.protocol.v1.Art9Request;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;

/** The Art. 9 emergency request: the fields of Art. 9.3, a to h. */
final class Art9Form extends ComposeForm {
  Art9Form() {
    super("art9", "Art. 9 emergency request", "Demande d'urgence art. 9", Priority.PRIORITY_EMERGENCY, "poc",
        Set.of());
  }

  @Override
  List<FormField.Section> sections(Optional<InnerMessage> answered) {
    return requestSections();
  }

  @Override
  InnerMessage.Builder body(FormValues f, Optional<InnerMessage> answered, Instant now) {
    return InnerMessage.newBuilder().setArt9Request(request(f, now));
  }

  /** Art. 9.3 a to h; also the request an oral request's confirmation carries (Art. 9.4). */
  static List<FormField.Section> requestSections() {
    return List.of(
        FormField.Section.of("9.3.a", FormParts.authority("Competent authority seeking the data",
            "Autorité compétente")),
        FormField.Section.of("9.3.b", FormParts.underProtocol()),
        FormField.Section.of("9.3.c", FormParts.provider()),
        FormField.Section.of("9.3.d", FormParts.offence()),
        FormField.Section.of("9.3.e", FormParts.facts(), FormField.area("relation",
            "How the data relate to the emergency", "Lien entre les données et l'urgence")),
        FormField.Section.of("9.3.f", FormParts.data()),
        FormField.Section.of("9.3.g", FormParts.instructions()),
        FormField.Section.of("9.3.h", FormParts.other(), FormParts.reference()));
  }

  static Art9Request request(FormValues f, Instant now) {
    Art9Request.Builder r = Art9Request.newBuilder()
        .setCompetentAuthority(FormParts.authority(f))
        .setIssuedAt(Timestamps.fromMillis(now.toEpochMilli()))
        .setIssuedUnderProtocol(f.checked("underProtocol"))
        .setEmergencyFacts(f.text("facts"))
        .setRelationToEmergency(f.text("relation"))
        .setOtherInformation(f.text("other"))
        .setInvestigationReference(f.text("reference"))
        .setData(FormParts.data(f))
        .addAllOffences(FormParts.offences(f))
        .addAllProviders(FormParts.providers(f, ""));
    if (FormParts.hasInstructions(f)) {
      r.setSpecialInstructions(FormParts.instructions(f));
    }
    return r.build();
  }
}
