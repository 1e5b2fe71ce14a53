package org.relay247.protocol;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import org.relay247.protocol.v1.OptionsProto;
import org.relay247.protocol.v1.ProviderVisibility;

/**
 * What a service provider may be shown of an order: the message with every field marked
 * {@code (relay247.v1.provider_visibility) = PROVIDER_VISIBILITY_NOT_WITHOUT_CONSENT} removed, at any
 * depth (Art. 8.3.b supporting information, the Art. 7.5 summary of facts, 7.5.d.i answers; ER §104,
 * 131). Unmarked fields are kept. Showing a removed part needs the requesting Party's consent,
 * which is a person's decision, not this class's.
 */
public final class ProviderCopy {
  private ProviderCopy() {}

  /** A copy of {@code message} without the fields the provider must not see without consent. */
  @SuppressWarnings("unchecked")
  public static <T extends Message> T of(T message) {
    Message.Builder b = message.toBuilder();
    redact(b);
    return (T) b.build();
  }

  private static void redact(Message.Builder b) {
    List<FieldDescriptor> present = new ArrayList<>(b.getAllFields().keySet());
    for (FieldDescriptor f : present) {
      if (f.getOptions().getExtension(OptionsProto.providerVisibility)
          == ProviderVisibility.PROVIDER_VISIBILITY_NOT_WITHOUT_CONSENT) {
        b.clearField(f);
      } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        if (f.isRepeated()) {
          for (int i = 0; i < b.getRepeatedFieldCount(f); i++) {
            Message.Builder element = ((Message) b.getRepeatedField(f, i)).toBuilder();
            redact(element);
            b.setRepeatedField(f, i, element.build());
          }
        } else {
          Message.Builder nested = ((Message) b.getField(f)).toBuilder();
          redact(nested);
          b.setField(f, nested.build());
        }
      }
    }
  }
}
