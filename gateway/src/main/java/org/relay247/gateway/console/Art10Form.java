package org.relay247.gateway.console;

import com.google.protobuf.util.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.relay247.protocol.v1.Art10Request;
import org.relay247.protocol.v1.Art10Route;
import org.relay247.protocol.v1.AssistanceMeasure;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;

/** The Art. 10 emergency mutual assistance request (Art. 10.3, with the route of Art. 10.9). */
final class Art10Form implements ComposeForm {
  private static final List<String> ROUTES = List.of("central_authority", "direct_judicial", "interpol",
      "point_of_contact");

  @Override
  public String slug() {
    return "art10";
  }

  @Override
  public String titleEn() {
    return "Art. 10 emergency mutual assistance";
  }

  @Override
  public String titleFr() {
    return "Entraide d'urgence art. 10";
  }

  @Override
  public String preferredAuthority() {
    return "ca";
  }

  @Override
  public Priority priority() {
    return Priority.PRIORITY_EMERGENCY;
  }

  @Override
  public List<FormField.Section> sections(Optional<InnerMessage> answered) {
    return List.of(
        FormField.Section.of("10.3", FormParts.authority("Requesting authority", "Autorité requérante"),
            FormParts.underProtocol(),
            FormField.select("route", "Route (Art. 10.9)", "Voie (art. 10.9)", ROUTES),
            FormField.text("treaty", "Treaty or arrangement applied", "Traité ou arrangement appliqué")),
        FormField.Section.of("10.3 emergency",
            FormField.area("facts", "Facts showing the emergency", "Faits établissant l'urgence"),
            FormField.area("relation", "How the assistance relates to the emergency",
                "Lien entre l'entraide et l'urgence")),
        new FormField.Section("10.3 offence", Art10Form.withSummary(FormParts.offence())),
        new FormField.Section("10.3 measure", Art10Form.measure()),
        new FormField.Section("10.3 instructions", FormParts.instructions()),
        FormField.Section.of("10.3 other",
            FormField.text("resultsChannel", "Proposed channel for the results", "Canal proposé pour les résultats"),
            FormField.text("reference", "Investigation reference", "Référence de l'enquête"),
            FormField.area("other", "Other information", "Autres informations")));
  }

  private static List<FormField> withSummary(List<FormField> offence) {
    return List.of(offence.get(0), offence.get(1), offence.get(2),
        FormField.area("summary", "Summary of the facts", "Résumé des faits"));
  }

  private static List<FormField> measure() {
    List<FormField> data = FormParts.data();
    List<FormField> provider = FormParts.provider();
    return List.of(FormField.text("measure", "Assistance requested", "Mesure demandée"), data.get(0), data.get(1),
        data.get(2), provider.get(0), provider.get(1));
  }

  @Override
  public InnerMessage.Builder body(FormValues f, Optional<InnerMessage> answered, Instant now) {
    String route = f.text("route").isEmpty() ? ROUTES.get(0) : f.text("route");
    if (!ROUTES.contains(route)) {
      throw new IllegalArgumentException("route: \"" + route + "\" (expected: one of " + ROUTES + ")");
    }
    AssistanceMeasure.Builder m = AssistanceMeasure.newBuilder().setDescription(f.text("measure"))
        .setData(FormParts.data(f));
    if (FormParts.hasProvider(f)) {
      m.addProviders(FormParts.provider(f, FormParts.party(f)));
    }
    Art10Request.Builder r = Art10Request.newBuilder().setRequestingAuthority(FormParts.authority(f))
        .setIssuedAt(Timestamps.fromMillis(now.toEpochMilli())).setIssuedUnderProtocol(f.checked("underProtocol"))
        .setRoute(Art10Route.valueOf("ART10_ROUTE_" + route.toUpperCase(Locale.ROOT)))
        .setEmergencyFacts(f.text("facts")).setRelationToEmergency(f.text("relation")).setTreaty(f.text("treaty"))
        .setSummaryOfFacts(f.text("summary")).addMeasures(m)
        .setProposedResultsChannel(f.text("resultsChannel")).setInvestigationReference(f.text("reference"))
        .setOtherInformation(f.text("other"));
    if (FormParts.hasOffence(f)) {
      r.addOffences(FormParts.offence(f));
    }
    if (FormParts.hasInstructions(f)) {
      r.setSpecialInstructions(FormParts.instructions(f));
    }
    return InnerMessage.newBuilder().setArt10Request(r);
  }
}
