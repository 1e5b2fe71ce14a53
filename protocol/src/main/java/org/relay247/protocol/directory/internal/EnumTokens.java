package org.relay247.protocol.directory.internal;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.ProtocolMessageEnum;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.relay247.protocol.v1.OptionsProto;

/**
 * The YAML spelling of a relay247.v1 enum: the value name without the enum prefix, in lower
 * case ({@code AUTHORITY_ROLE_POINT_OF_CONTACT -> point_of_contact}), or the value's
 * {@code (relay247.v1.article)} option when it has one ({@code DECLARATION_KIND_D_9_1_B ->
 * 9.1.b}). The zero value is never accepted. Derived from the descriptors, so a value added to
 * the .proto file is accepted without touching this reader.
 */
final class EnumTokens<E extends Enum<E> & ProtocolMessageEnum> {

  private final Map<String, E> byToken = new LinkedHashMap<>();
  private final Map<E, String> tokenOf = new LinkedHashMap<>();

  private EnumTokens(Class<E> type) {
    String prefix = null;
    for (E constant : type.getEnumConstants()) {
      if ("UNRECOGNIZED".equals(constant.name())) {
        continue;
      }
      EnumValueDescriptor value = constant.getValueDescriptor();
      if (value.getNumber() == 0) {
        prefix = value.getName().substring(0, value.getName().length() - "UNSPECIFIED".length());
      }
    }
    if (prefix == null) {
      throw new IllegalArgumentException(type + " has no *_UNSPECIFIED zero value");
    }
    for (E constant : type.getEnumConstants()) {
      if ("UNRECOGNIZED".equals(constant.name()) || constant.getNumber() == 0) {
        continue;
      }
      EnumValueDescriptor value = constant.getValueDescriptor();
      String article = value.getOptions().getExtension(OptionsProto.article);
      String token = article.isEmpty()
          ? value.getName().substring(prefix.length()).toLowerCase(Locale.ROOT)
          : article;
      byToken.put(token, constant);
      tokenOf.put(constant, token);
    }
  }

  static <E extends Enum<E> & ProtocolMessageEnum> EnumTokens<E> of(Class<E> type) {
    return new EnumTokens<>(type);
  }

  /** The value spelled by {@code node}, or an error listing every accepted spelling. */
  E parse(YamlNode node) {
    String expected = "one of: " + String.join(", ", byToken.keySet());
    E value = byToken.get(node.text(expected));
    if (value == null) {
      throw node.error(node.describeValue() + " (expected " + expected + ")");
    }
    return value;
  }

  /** Every accepted token, in enum order. */
  java.util.List<String> tokens() {
    return java.util.List.copyOf(byToken.keySet());
  }

  /** The value of a token already known to be valid (e.g. a mapping key checked by YamlMap). */
  E valueOf(String token) {
    E value = byToken.get(token);
    if (value == null) {
      throw new IllegalArgumentException("not a token: " + token);
    }
    return value;
  }

  /** The YAML token of a value. */
  String token(E value) {
    return tokenOf.get(value);
  }
}
