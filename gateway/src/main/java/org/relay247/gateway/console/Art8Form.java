package org.relay247.gateway.console;

import com.google.protobuf.util.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.relay247.protocol.v1.Art8Order;
import org.relay247.protocol.v1.Art8OrderPart;
import org.relay247.protocol.v1.Art8SupportingInformation;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;

/**
 * The Art. 8 order to give effect to (Art. 8.3): the order part a provider may see (8.3.a, b)
 * and the supporting information for the requested Party only (8.4).
 */
final class Art8Form implements ComposeForm {
  @Override
  public String slug() {
    return "art8";
  }

  @Override
  public String titleEn() {
    return "Art. 8 order (giving effect)";
  }

  @Override
  public String titleFr() {
    return "Injonction art. 8 (mise en œuvre)";
  }

  @Override
  public String preferredAuthority() {
    return "ca";
  }

  @Override
  public Priority priority() {
    return Priority.PRIORITY_ROUTINE;
  }

  @Override
  public List<FormField.Section> sections(Optional<InnerMessage> answered) {
    List<FormField> provider = FormParts.provider();
    List<FormField> data = FormParts.data();
    return List.of(
        FormField.Section.of("8.3.a", FormParts.authority("Issuing authority", "Autorité d'émission"),
            FormParts.underProtocol(), FormField.text("orderReference", "Order reference", "Référence de l'injonction")),
        FormField.Section.of("8.3.b", provider.get(0), provider.get(1),
            FormField.text("orderOffence", "Offence (as the order names it)", "Infraction (telle que nommée)"),
            data.get(0), data.get(1), data.get(2)),
        new FormField.Section("8.4", List.of(
            FormField.text("legalBasis", "Domestic legal basis", "Base juridique nationale"),
            FormParts.offence().get(0), FormParts.offence().get(1), FormParts.offence().get(2),
            FormField.area("possession", "Why the provider holds the data", "Pourquoi le fournisseur détient les données"),
            FormField.area("summary", "Summary of the facts", "Résumé des faits"),
            FormField.area("relevance", "Relevance of the data", "Pertinence des données"),
            FormField.area("otherMeans", "Other means tried (e.g. an Art. 7 order)",
                "Autres moyens tentés (p. ex. injonction art. 7)"))),
        new FormField.Section("8.3.c", FormParts.instructions()));
  }

  @Override
  public InnerMessage.Builder body(FormValues f, Optional<InnerMessage> answered, Instant now) {
    Art8OrderPart.Builder order = Art8OrderPart.newBuilder().setIssuingAuthority(FormParts.authority(f))
        .setIssuedAt(Timestamps.fromMillis(now.toEpochMilli())).setIssuedUnderProtocol(f.checked("underProtocol"))
        .setData(FormParts.data(f)).setOrderReference(f.text("orderReference"));
    if (!f.text("orderOffence").isEmpty()) {
      order.addOffences(f.text("orderOffence"));
    }
    if (FormParts.hasProvider(f)) {
      order.addProviders(FormParts.provider(f, FormParts.party(f)));
    }
    Art8SupportingInformation.Builder info = Art8SupportingInformation.newBuilder()
        .setDomesticLegalBasis(f.text("legalBasis")).setProviderPossessionGrounds(f.text("possession"))
        .setSummaryOfFacts(f.text("summary")).setRelevance(f.text("relevance")).setOtherMeans(f.text("otherMeans"));
    if (FormParts.hasOffence(f)) {
      info.addOffences(FormParts.offence(f));
    }
    Art8Order.Builder o = Art8Order.newBuilder().setOrder(order).setSupportingInformation(info);
    if (FormParts.hasInstructions(f)) {
      o.setSpecialInstructions(FormParts.instructions(f));
    }
    return InnerMessage.newBuilder().setArt8Order(o);
  }
}
