package org.relay247.gateway.console;

import com.google.protobuf.util.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.relay247.protocol.v1.Art9Request;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;

/** The Art. 9 emergency request: the fields of Art. 9.3, a to h. */
final class Art9Form implements ComposeForm {
  @Override
  public String slug() {
    return "art9";
  }

  @Override
  public String titleEn() {
    return "Art. 9 emergency request";
  }

  @Override
  public String titleFr() {
    return "Demande d'urgence art. 9";
  }

  @Override
  public Priority priority() {
    return Priority.PRIORITY_EMERGENCY;
  }

  @Override
  public List<FormField.Section> sections(Optional<InnerMessage> answered) {
    return requestSections();
  }

  @Override
  public InnerMessage.Builder body(FormValues f, Optional<InnerMessage> answered, Instant now) {
    return InnerMessage.newBuilder().setArt9Request(request(f, now));
  }

  /** Art. 9.3 a to h; also the request an oral request's confirmation carries (Art. 9.4). */
  static List<FormField.Section> requestSections() {
    List<FormField> e = List.of(
        FormField.area("facts", "Facts showing the emergency", "Faits établissant l'urgence"),
        FormField.area("relation", "How the data relate to the emergency", "Lien entre les données et l'urgence"));
    List<FormField> h = List.of(FormField.area("other", "Other information", "Autres informations"),
        FormField.text("reference", "Investigation reference", "Référence de l'enquête"));
    return List.of(
        FormField.Section.of("9.3.a", FormParts.authority("Competent authority seeking the data",
            "Autorité compétente")),
        FormField.Section.of("9.3.b", FormParts.underProtocol()),
        new FormField.Section("9.3.c", FormParts.provider()),
        new FormField.Section("9.3.d", FormParts.offence()),
        new FormField.Section("9.3.e", e),
        new FormField.Section("9.3.f", FormParts.data()),
        new FormField.Section("9.3.g", FormParts.instructions()),
        new FormField.Section("9.3.h", h));
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
        .setData(FormParts.data(f));
    if (FormParts.hasOffence(f)) {
      r.addOffences(FormParts.offence(f));
    }
    if (FormParts.hasProvider(f)) {
      r.addProviders(FormParts.provider(f, ""));
    }
    if (FormParts.hasInstructions(f)) {
      r.setSpecialInstructions(FormParts.instructions(f));
    }
    return r.build();
  }
}
