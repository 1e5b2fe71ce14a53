package org.relay247.gateway.console;

import com.google.protobuf.util.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.relay247.protocol.v1.Art7Order;
import org.relay247.protocol.v1.Art7SupplementaryInformation;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.SimultaneousNotification;

/**
 * The Art. 7 order served directly on a provider, notified to the provider's Party (Art. 7.5.a):
 * the order (7.3) and the supplementary information (7.4).
 */
final class Art7NotificationForm implements ComposeForm {
  @Override
  public String slug() {
    return "art7";
  }

  @Override
  public String titleEn() {
    return "Art. 7 order: notification (7.5.a)";
  }

  @Override
  public String titleFr() {
    return "Injonction art. 7 : notification (7.5.a)";
  }

  @Override
  public Priority priority() {
    return Priority.PRIORITY_ROUTINE;
  }

  @Override
  public List<FormField.Section> sections(Optional<InnerMessage> answered) {
    List<FormField> provider = FormParts.provider();
    List<FormField> data = FormParts.data();
    List<FormField> offence = FormParts.offence();
    return List.of(
        FormField.Section.of("7.3", FormParts.authority("Issuing authority", "Autorité d'émission"),
            FormParts.underProtocol(), FormField.text("orderReference", "Order reference", "Référence de l'injonction"),
            provider.get(0), provider.get(1),
            FormField.text("orderOffence", "Offence (as the order names it)", "Infraction (telle que nommée)"),
            data.get(0), data.get(1), data.get(2)),
        FormField.Section.of("7.4", FormField.text("legalBasis", "Domestic legal basis", "Base juridique nationale"),
            offence.get(0), offence.get(1), offence.get(2),
            FormField.date("deadline", "Production deadline", "Délai de production"),
            FormField.text("manner", "Manner of production", "Modalités de production"),
            FormField.area("summary", "Summary of the facts", "Résumé des faits")),
        new FormField.Section("7.4 instructions", FormParts.instructions()));
  }

  @Override
  public InnerMessage.Builder body(FormValues f, Optional<InnerMessage> answered, Instant now) {
    Art7Order.Builder order = Art7Order.newBuilder().setIssuingAuthority(FormParts.authority(f))
        .setIssuedAt(Timestamps.fromMillis(now.toEpochMilli())).setIssuedUnderProtocol(f.checked("underProtocol"))
        .setSubscriberInformation(FormParts.data(f)).setOrderReference(f.text("orderReference"));
    if (!f.text("orderOffence").isEmpty()) {
      order.addOffences(f.text("orderOffence"));
    }
    if (FormParts.hasProvider(f)) {
      order.addProviders(FormParts.provider(f, FormParts.party(f)));
    }
    Art7SupplementaryInformation.Builder info = Art7SupplementaryInformation.newBuilder()
        .setDomesticLegalBasis(f.text("legalBasis")).setProductionManner(f.text("manner"))
        .setSimultaneousNotificationMade(true);
    if (FormParts.hasOffence(f)) {
      info.addOffences(FormParts.offence(f));
    }
    f.date("deadline").ifPresent(d -> info.setProductionDeadline(Timestamps.fromMillis(d.toEpochMilli())));
    if (FormParts.hasInstructions(f)) {
      info.setSpecialInstructions(FormParts.instructions(f));
    }
    return InnerMessage.newBuilder().setSimultaneousNotification(SimultaneousNotification.newBuilder()
        .setOrder(order).setSupplementaryInformation(info).setSummaryOfFacts(f.text("summary"))
        .setOrderSentAt(Timestamps.fromMillis(now.toEpochMilli())));
  }
}
