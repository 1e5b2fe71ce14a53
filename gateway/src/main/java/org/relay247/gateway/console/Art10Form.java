package org.relay247.gateway.console;

import com.google.protobuf.util.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.relay247.protocol.v1.Art10Request;
import org.relay247.protocol.v1.Art10Route;
import org.relay247.protocol.v1.AssistanceMeasure;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;

/** The Art. 10 emergency mutual assistance request (Art. 10.3, with the route of Art. 10.9). */
final class Art10Form extends ComposeForm {
  private static final List<FormField.Option> ROUTES = List.of(
      new FormField.Option("central_authority", "central authority", "autorité centrale"),
      new FormField.Option("direct_judicial", "directly to a judicial authority",
          "directement à une autorité judiciaire"),
      new FormField.Option("interpol", "INTERPOL", "INTERPOL"),
      new FormField.Option("point_of_contact", "24/7 point of contact", "point de contact 24/7"));

  Art10Form() {
    super("art10", "Art. 10 emergency mutual assistance", "Entraide d'urgence art. 10", Priority.PRIORITY_EMERGENCY,
        "ca", Set.of());
  }

  @Override
  List<FormField.Section> sections(Optional<InnerMessage> answered) {
    return List.of(
        FormField.Section.of("10.3", FormParts.authority("Requesting authority", "Autorité requérante"),
            FormParts.underProtocol(), FormField.select("route", "Route (Art. 10.9)", "Voie (art. 10.9)", ROUTES),
            FormField.text("treaty", "Treaty or arrangement applied", "Traité ou arrangement appliqué")),
        FormField.Section.of("10.3 emergency", "10.3 urgence", FormParts.facts(), FormField.area("relation",
            "How the assistance relates to the emergency", "Lien entre l'entraide et l'urgence")),
        FormField.Section.of("10.3 offence", "10.3 infraction", FormParts.join(FormParts.offence(),
            List.of(FormParts.summary()))),
        FormField.Section.of("10.3 measure", "10.3 mesure", FormParts.join(List.of(FormField.text("measure",
            "Assistance requested", "Mesure demandée")), FormParts.data(), FormParts.provider())),
        FormField.Section.of("10.3 instructions", "10.3 instructions", FormParts.instructions()),
        FormField.Section.of("10.3 other", "10.3 divers",
            FormField.text("resultsChannel", "Proposed channel for the results", "Canal proposé pour les résultats"),
            FormParts.reference(), FormParts.other()));
  }

  @Override
  InnerMessage.Builder body(FormValues f, Optional<InnerMessage> answered, Instant now) {
    String route = f.text("route").isEmpty() ? ROUTES.get(0).value() : f.text("route");
    if (!FormField.Option.values(ROUTES).contains(route)) {
      throw new Refusal("route: \"" + route + "\" (expected: one of " + FormField.Option.values(ROUTES) + ")",
          "voie : « " + route + " » (attendu, l'une de : " + FormField.Option.values(ROUTES) + ")");
    }
    AssistanceMeasure.Builder m = AssistanceMeasure.newBuilder().setDescription(f.text("measure"))
        .setData(FormParts.data(f)).addAllProviders(FormParts.providers(f, FormParts.party(f)));
    Art10Request.Builder r = Art10Request.newBuilder().setRequestingAuthority(FormParts.authority(f))
        .setIssuedAt(Timestamps.fromMillis(now.toEpochMilli())).setIssuedUnderProtocol(f.checked("underProtocol"))
        .setRoute(Art10Route.valueOf("ART10_ROUTE_" + route.toUpperCase(Locale.ROOT)))
        .setEmergencyFacts(f.text("facts")).setRelationToEmergency(f.text("relation")).setTreaty(f.text("treaty"))
        .setSummaryOfFacts(f.text("summary")).addMeasures(m)
        .setProposedResultsChannel(f.text("resultsChannel")).setInvestigationReference(f.text("reference"))
        .setOtherInformation(f.text("other")).addAllOffences(FormParts.offences(f));
    if (FormParts.hasInstructions(f)) {
      r.setSpecialInstructions(FormParts.instructions(f));
    }
    return InnerMessage.newBuilder().setArt10Request(r);
  }
}
