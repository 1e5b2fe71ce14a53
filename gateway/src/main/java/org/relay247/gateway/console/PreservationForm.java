package org.relay247.gateway.console;

import com.google.protobuf.util.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.PreservationRequest;
import org.relay247.protocol.v1.Priority;

/** The expedited preservation request (Convention Art. 29.2, a to g). */
final class PreservationForm implements ComposeForm {
  private static final List<String> FOLLOW_UP = List.of("art7", "art8", "art10", "mla");

  @Override
  public String slug() {
    return "preservation";
  }

  @Override
  public String titleEn() {
    return "Preservation request (Conv. Art. 29)";
  }

  @Override
  public String titleFr() {
    return "Demande de conservation (conv. art. 29)";
  }

  @Override
  public Priority priority() {
    return Priority.PRIORITY_URGENT;
  }

  @Override
  public List<FormField.Section> sections(Optional<InnerMessage> answered) {
    return List.of(
        FormField.Section.of("29.2.a", FormParts.authority("Requesting authority", "Autorité requérante")),
        new FormField.Section("29.2.b", List.of(FormParts.offence().get(0), FormParts.offence().get(1),
            FormParts.offence().get(2), FormField.area("summary", "Summary of the facts", "Résumé des faits"))),
        new FormField.Section("29.2.c", FormParts.data()),
        FormField.Section.of("29.2.c relation",
            FormField.area("relation", "How the data relate to the offence", "Lien entre les données et l'infraction")),
        new FormField.Section("29.2.d", FormParts.provider()),
        FormField.Section.of("29.2.e", FormField.area("necessity", "Why preservation is necessary",
            "Pourquoi la conservation est nécessaire")),
        FormField.Section.of("29.2.f", FormField.choices("followUp", "Follow-up intended", "Suite envisagée",
            FOLLOW_UP), FormField.date("preserveUntil", "Preserve until", "Conserver jusqu'au")),
        new FormField.Section("29.2.g", List.of(FormParts.instructions().get(0), FormParts.instructions().get(1),
            FormField.text("reference", "Investigation reference", "Référence de l'enquête"))));
  }

  @Override
  public InnerMessage.Builder body(FormValues f, Optional<InnerMessage> answered, Instant now) {
    PreservationRequest.Builder r = PreservationRequest.newBuilder().setRequestingAuthority(FormParts.authority(f))
        .setSummaryOfFacts(f.text("summary")).setData(FormParts.data(f)).setRelationToOffence(f.text("relation"))
        .setNecessity(f.text("necessity")).setInvestigationReference(f.text("reference"));
    if (FormParts.hasOffence(f)) {
      r.addOffences(FormParts.offence(f));
    }
    if (FormParts.hasProvider(f)) {
      r.addProviders(FormParts.provider(f, FormParts.party(f)));
    }
    for (String t : f.all("followUp")) {
      if (!FOLLOW_UP.contains(t)) {
        throw new IllegalArgumentException("followUp: \"" + t + "\" (expected: one of " + FOLLOW_UP + ")");
      }
      r.addIntendedFollowUp(CooperationType.valueOf("COOPERATION_TYPE_" + t.toUpperCase(Locale.ROOT)));
    }
    f.date("preserveUntil").ifPresent(d -> r.setPreserveUntil(Timestamps.fromMillis(d.toEpochMilli())));
    if (FormParts.hasInstructions(f)) {
      r.setSpecialInstructions(FormParts.instructions(f));
    }
    return InnerMessage.newBuilder().setPreservationRequest(r);
  }
}
