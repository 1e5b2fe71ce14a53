package org.relay247.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relay247.protocol.v1.AdditionalInfoAnswer;
import org.relay247.protocol.v1.Art7Order;
import org.relay247.protocol.v1.Art7SupplementaryInformation;
import org.relay247.protocol.v1.Art8Order;
import org.relay247.protocol.v1.Art8OrderPart;
import org.relay247.protocol.v1.Art8SupportingInformation;
import org.relay247.protocol.v1.ExtraInformation;
import org.relay247.protocol.v1.OptionsProto;
import org.relay247.protocol.v1.ProviderVisibility;
import org.relay247.protocol.v1.SimultaneousNotification;

/**
 * The order messages mark every field with {@code (relay247.v1.provider_visibility)}, and the
 * parts the treaty keeps from the provider are marked so (8.3.b; 7.5.d.i; ER §104, 131).
 */
class ProviderVisibilityTest {

  private static final List<Descriptor> ORDER_MESSAGES = List.of(
      Art8Order.getDescriptor(), Art8OrderPart.getDescriptor(),
      Art8SupportingInformation.getDescriptor(), ExtraInformation.getDescriptor(),
      SimultaneousNotification.getDescriptor(), Art7Order.getDescriptor(),
      Art7SupplementaryInformation.getDescriptor(), AdditionalInfoAnswer.getDescriptor());

  @Test
  void everyOrderField_isMarked() {
    for (Descriptor message : ORDER_MESSAGES) {
      for (FieldDescriptor field : message.getFields()) {
        assertThat(visibility(field)).as(field.getFullName())
            .isIn(ProviderVisibility.PROVIDER_VISIBILITY_MAY_SHOW,
                ProviderVisibility.PROVIDER_VISIBILITY_NOT_WITHOUT_CONSENT);
      }
    }
  }

  @Test
  void art8SupportingInformation_isNeverShownWithoutConsent() {
    assertThat(visibility(Art8Order.getDescriptor().findFieldByName("supporting_information")))
        .isEqualTo(ProviderVisibility.PROVIDER_VISIBILITY_NOT_WITHOUT_CONSENT);
    for (FieldDescriptor field : Art8SupportingInformation.getDescriptor().getFields()) {
      assertThat(visibility(field)).as(field.getFullName())
          .isEqualTo(ProviderVisibility.PROVIDER_VISIBILITY_NOT_WITHOUT_CONSENT);
    }
  }

  @Test
  void art7SummaryOfFacts_isNotShownToTheProvider() {
    assertThat(visibility(SimultaneousNotification.getDescriptor()
        .findFieldByName("summary_of_facts")))
        .isEqualTo(ProviderVisibility.PROVIDER_VISIBILITY_NOT_WITHOUT_CONSENT);
  }

  private static ProviderVisibility visibility(FieldDescriptor field) {
    return field.getOptions().getExtension(OptionsProto.providerVisibility);
  }
}
