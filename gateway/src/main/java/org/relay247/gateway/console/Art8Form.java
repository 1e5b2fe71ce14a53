package org.relay247.gateway.console;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relay247.protocol.v1.Art8Order;
import org.relay247.protocol.v1.Art8OrderPart;
import org.relay247.protocol.v1.Art8SupportingInformation;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;

/**
 * The Art. 8 order to give effect to (Art. 8.3): the order part a provider may see (8.3.a, b)
 * and the supporting information for the requested Party only (8.4).
 */
final class Art8Form extends ComposeForm {
  Art8Form() {
    super("art8", "Art. 8 order (giving effect)", "Injonction art. 8 (mise en œuvre)", Priority.PRIORITY_ROUTINE,
        "ca", Set.of());
  }

  @Override
  List<FormField.Section> sections(Optional<InnerMessage> answered) {
    return List.of(
        FormField.Section.of("8.3.a", FormParts.orderIssuer()),
        FormField.Section.of("8.3.b", FormParts.orderTarget()),
        FormField.Section.of("8.3.b.vi", FormParts.contact()),
        FormField.Section.of("8.4", FormParts.join(FormParts.legalBasis(), List.of(
            FormField.area("possession", "Why the provider holds the data",
                "Pourquoi le fournisseur détient les données"),
            FormParts.summary(),
            FormField.area("relevance", "Relevance of the data", "Pertinence des données"),
            FormField.area("otherMeans", "Other means tried (e.g. an Art. 7 order)",
                "Autres moyens tentés (p. ex. injonction art. 7)")))),
        FormField.Section.of("8.3.c", FormParts.instructions()));
  }

  @Override
  InnerMessage.Builder body(FormValues f, Optional<InnerMessage> answered, Instant now) {
    FormParts.Order o = FormParts.Order.of(f, now);
    Art8OrderPart.Builder order = Art8OrderPart.newBuilder().setIssuingAuthority(o.issuer()).setIssuedAt(o.issuedAt())
        .setIssuedUnderProtocol(o.underProtocol()).setData(o.data()).setOrderReference(o.reference())
        .addAllOffences(o.offences()).addAllProviders(o.providers());
    Art8SupportingInformation.Builder info = Art8SupportingInformation.newBuilder()
        .setDomesticLegalBasis(f.text("legalBasis")).setProviderPossessionGrounds(f.text("possession"))
        .setSummaryOfFacts(f.text("summary")).setRelevance(f.text("relevance")).setOtherMeans(f.text("otherMeans"))
        .addAllOffences(FormParts.offences(f));
    FormParts.contact(f).ifPresent(info::addContacts);
    Art8Order.Builder a = Art8Order.newBuilder().setOrder(order).setSupportingInformation(info);
    if (FormParts.hasInstructions(f)) {
      a.setSpecialInstructions(FormParts.instructions(f));
    }
    return InnerMessage.newBuilder().setArt8Order(a);
  }
}
