package org.relay247.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.relay247.protocol.v1.Art7Order;
import org.relay247.protocol.v1.Art8Order;
import org.relay247.protocol.v1.Art8OrderPart;
import org.relay247.protocol.v1.Art8SupportingInformation;
import org.relay247.protocol.v1.ExtraInformation;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Routing;
import org.relay247.protocol.v1.SimultaneousNotification;
import org.relay247.protocol.v1.SpecialInstructions;

/** The provider's copy keeps the order and drops what the treaty keeps from the provider. */
class ProviderCopyTest {
  static final Art8Order ORDER = Art8Order.newBuilder()
      .setOrder(Art8OrderPart.newBuilder().setOrderReference("J3-25-218-0045-R8").addOffences("Organised fraud"))
      .setSupportingInformation(Art8SupportingInformation.newBuilder().setSummaryOfFacts("214 victims paid")
          .setRelevance("identifies the operator"))
      .setSpecialInstructions(SpecialInstructions.newBuilder().setNonDisclosure(true))
      .addExtraInformation(ExtraInformation.newBuilder().setKey("timezone").setValue("UTC"))
      .setPriorArt7MessageId("0198744f-2280-79d0-b4a9-cc511877d163").build();

  @Test
  void art8Order_losesTheSupportingInformation_extraInformationAndArt7Reference_keepsTheOrder() {
    Art8Order copy = ProviderCopy.of(ORDER);

    assertThat(copy.hasSupportingInformation()).isFalse();
    assertThat(copy.getExtraInformationList()).isEmpty();
    assertThat(copy.getPriorArt7MessageId()).isEmpty();
    assertThat(copy.getOrder()).isEqualTo(ORDER.getOrder());
    assertThat(copy.getSpecialInstructions()).isEqualTo(ORDER.getSpecialInstructions());
  }

  @Test
  void nestedInAMessage_theMarkedFieldsAreRemovedAtAnyDepth() {
    InnerMessage m = InnerMessage.newBuilder().setRouting(Routing.newBuilder().setMessageId("x"))
        .setArt8Order(ORDER).build();

    InnerMessage copy = ProviderCopy.of(m);

    assertThat(copy.getRouting()).isEqualTo(m.getRouting());
    assertThat(copy.getArt8Order()).isEqualTo(ProviderCopy.of(ORDER));
    assertThat(copy.toString()).doesNotContain("214 victims paid").doesNotContain("identifies the operator");
  }

  @Test
  void art7Notification_losesTheSummaryOfFacts() {
    SimultaneousNotification n = SimultaneousNotification.newBuilder()
        .setOrder(Art7Order.newBuilder().setOrderReference("R7")).setSummaryOfFacts("facts").build();

    SimultaneousNotification copy = ProviderCopy.of(n);

    assertThat(copy.getSummaryOfFacts()).isEmpty();
    assertThat(copy.getOrder().getOrderReference()).isEqualTo("R7");
  }
}
