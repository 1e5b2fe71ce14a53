package org.relay247.gateway.console;

import com.google.protobuf.util.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relay247.protocol.v1.Art7Order;
import org.relay247.protocol.v1.Art7SupplementaryInformation;
import org.relay247.protocol.v1.AuthorityIdentity;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.SimultaneousNotification;

/**
 * The Art. 7 order served directly on a provider, notified to the provider's Party (Art. 7.5.a):
 * the order (7.3) and the supplementary information (7.4).
 */
final class Art7NotificationForm extends ComposeForm {
  Art7NotificationForm() {
    super("art7", "Art. 7 order: notification (7.5.a)", "Injonction art. 7 : notification (7.5.a)",
        Priority.PRIORITY_ROUTINE, "poc", Set.of());
  }

  @Override
  List<FormField.Section> sections(Optional<InnerMessage> answered) {
    return List.of(
        FormField.Section.of("7.3", FormParts.join(FormParts.orderIssuer(), FormParts.orderTarget())),
        FormField.Section.of("7.4.c", FormParts.contact()),
        FormField.Section.of("7.4", FormParts.join(FormParts.legalBasis(), List.of(
            FormField.date("deadline", "Production deadline", "Délai de production"),
            FormField.text("manner", "Manner of production", "Modalités de production"), FormParts.summary()))),
        FormField.Section.of("7.4 instructions", "7.4 instructions", FormParts.instructions()));
  }

  @Override
  InnerMessage.Builder body(FormValues f, Optional<InnerMessage> answered, Instant now) {
    FormParts.Order o = FormParts.Order.of(f, now);
    Art7Order.Builder order = Art7Order.newBuilder().setIssuingAuthority(o.issuer()).setIssuedAt(o.issuedAt())
        .setIssuedUnderProtocol(o.underProtocol()).setSubscriberInformation(o.data()).setOrderReference(o.reference())
        .addAllOffences(o.offences()).addAllProviders(o.providers());
    Art7SupplementaryInformation.Builder info = Art7SupplementaryInformation.newBuilder()
        .setDomesticLegalBasis(f.text("legalBasis")).setProductionManner(f.text("manner"))
        .setSimultaneousNotificationMade(true).addAllOffences(FormParts.offences(f));
    FormParts.contact(f).ifPresent(c -> info.setContactAuthority(AuthorityIdentity.newBuilder().setName(c.getName())
        .setContact(c)));
    f.date("deadline").ifPresent(d -> info.setProductionDeadline(Timestamps.fromMillis(d.toEpochMilli())));
    if (FormParts.hasInstructions(f)) {
      info.setSpecialInstructions(FormParts.instructions(f));
    }
    return InnerMessage.newBuilder().setSimultaneousNotification(SimultaneousNotification.newBuilder()
        .setOrder(order).setSupplementaryInformation(info).setSummaryOfFacts(f.text("summary"))
        .setOrderSentAt(Timestamps.fromMillis(now.toEpochMilli())));
  }
}
