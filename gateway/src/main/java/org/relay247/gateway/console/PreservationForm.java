package org.relay247.gateway.console;

import com.google.protobuf.util.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.PreservationRequest;
import org.relay247.protocol.v1.Priority;

/** The expedited preservation request (Convention Art. 29.2, a to g). */
final class PreservationForm extends ComposeForm {
  private static final List<FormField.Option> FOLLOW_UP = List.of(
      new FormField.Option("art7", "Art. 7 order", "injonction art. 7"),
      new FormField.Option("art8", "Art. 8 order", "injonction art. 8"),
      new FormField.Option("art10", "Art. 10 request", "demande art. 10"),
      new FormField.Option("mla", "mutual assistance request", "demande d'entraide"));

  PreservationForm() {
    super("preservation", "Preservation request (Conv. Art. 29)", "Demande de conservation (conv. art. 29)",
        Priority.PRIORITY_URGENT, "poc", Set.of());
  }

  @Override
  List<FormField.Section> sections(Optional<InnerMessage> answered) {
    return List.of(
        FormField.Section.of("29.2.a", FormParts.authority("Requesting authority", "Autorité requérante")),
        FormField.Section.of("29.2.b", FormParts.join(FormParts.offence(), List.of(FormParts.summary()))),
        FormField.Section.of("29.2.c", FormParts.data()),
        FormField.Section.of("29.2.c relation", "29.2.c lien", FormField.area("relation",
            "How the data relate to the offence", "Lien entre les données et l'infraction")),
        FormField.Section.of("29.2.d", FormParts.provider()),
        FormField.Section.of("29.2.e", FormField.area("necessity", "Why preservation is necessary",
            "Pourquoi la conservation est nécessaire")),
        FormField.Section.of("29.2.f", FormField.choices("followUp", "Follow-up intended", "Suite envisagée",
            FOLLOW_UP), FormField.date("preserveUntil", "Preserve until", "Conserver jusqu'au")),
        FormField.Section.of("29.2.g", FormParts.join(FormParts.instructions(), List.of(FormParts.reference()))));
  }

  @Override
  InnerMessage.Builder body(FormValues f, Optional<InnerMessage> answered, Instant now) {
    PreservationRequest.Builder r = PreservationRequest.newBuilder().setRequestingAuthority(FormParts.authority(f))
        .setSummaryOfFacts(f.text("summary")).setData(FormParts.data(f)).setRelationToOffence(f.text("relation"))
        .setNecessity(f.text("necessity")).setInvestigationReference(f.text("reference"))
        .addAllOffences(FormParts.offences(f)).addAllProviders(FormParts.providers(f, FormParts.party(f)));
    List<String> allowed = FormField.Option.values(FOLLOW_UP);
    for (String t : f.all("followUp")) {
      if (!allowed.contains(t)) {
        throw new Refusal("followUp: \"" + t + "\" (expected: one of " + allowed + ")",
            "suite : « " + t + " » (attendu, l'une de : " + allowed + ")");
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
