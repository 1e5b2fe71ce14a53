package org.relay247.gateway.cli;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import picocli.CommandLine;

/**
 * The body file of {@code relay247 send}: either a whole InnerMessage in protobuf JSON (as in
 * docs/examples/) or only the body (the fields of, say, an Art9Request). Parsing is strict:
 * unknown fields and bad enum values are refused with protobuf's message, which names them.
 */
final class DraftBody {
  /** Short type names; any body field name (art9_request, oral-request-record) works too. */
  static final Map<String, String> SHORT_NAMES = shortNames();

  /** Bodies that default to PRIORITY_EMERGENCY: Art. 9 and Art. 10 requests and the 9.4 oral procedure. */
  private static final Set<String> EMERGENCY = Set.of("art9_request", "oral_request_record", "art9_confirmation",
      "art10_request");

  private static final Set<String> INNER_MESSAGE_KEYS = innerMessageKeys();

  private DraftBody() {}

  private static Map<String, String> shortNames() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("art9", "art9_request");
    m.put("art10", "art10_request");
    m.put("art8", "art8_order");
    m.put("art6", "art6_consultation");
    m.put("preservation", "preservation_request");
    m.put("consultation", "consultation_message");
    m.put("additional-info", "additional_info_request");
    m.put("determination", "determination");
    m.put("ping", "ping");
    return m;
  }

  /** {@code --type}: a short name or a body field name, with '-' or '_'. */
  static final class TypeConverter implements CommandLine.ITypeConverter<FieldDescriptor> {
    @Override
    public FieldDescriptor convert(String value) {
      String name = value.trim().toLowerCase(Locale.ROOT);
      name = SHORT_NAMES.getOrDefault(name, name).replace('-', '_');
      FieldDescriptor field = InnerMessage.getDescriptor().findFieldByName(name);
      if (field == null || field.getContainingOneof() == null) {
        throw new CommandLine.TypeConversionException("\"" + value + "\" (expected: "
            + String.join(", ", SHORT_NAMES.keySet()) + ", or a body field of InnerMessage such as "
            + "oral-request-record, art9-confirmation, evidence-manifest)");
      }
      return field;
    }
  }

  /** {@code --priority}: emergency, urgent or routine (or PRIORITY_EMERGENCY ...). */
  static final class PriorityConverter implements CommandLine.ITypeConverter<Priority> {
    @Override
    public Priority convert(String value) {
      String name = value.trim().toUpperCase(Locale.ROOT);
      try {
        Priority p = Priority.valueOf(name.startsWith("PRIORITY_") ? name : "PRIORITY_" + name);
        if (p != Priority.PRIORITY_UNSPECIFIED && p != Priority.UNRECOGNIZED) {
          return p;
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      throw new CommandLine.TypeConversionException("\"" + value + "\" (expected: emergency, urgent or routine)");
    }
  }

  /** The priority a body of this type gets when neither --priority nor the JSON sets one. */
  static Priority defaultPriority(FieldDescriptor body) {
    return EMERGENCY.contains(body.getName()) ? Priority.PRIORITY_EMERGENCY : Priority.PRIORITY_ROUTINE;
  }

  /**
   * Reads {@code file} as a message with a body of type {@code body}.
   *
   * @throws IllegalArgumentException naming the file and the field when it is not valid protobuf
   *     JSON of that type, or its body is of another type
   */
  static InnerMessage read(Path file, FieldDescriptor body) throws IOException {
    String json = Files.readString(file, StandardCharsets.UTF_8);
    Struct.Builder shape = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(json, shape);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(file + ": not a JSON object: " + e.getMessage(), e);
    }
    boolean whole = shape.getFieldsMap().keySet().stream().anyMatch(INNER_MESSAGE_KEYS::contains);
    if (!whole) {
      Message.Builder b = InnerMessage.newBuilder().newBuilderForField(body);
      try {
        JsonFormat.parser().merge(json, b);
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException(file + ": not a " + body.getMessageType().getName()
            + " (the body for --type " + body.getName() + ") in protobuf JSON: " + e.getMessage(), e);
      }
      return InnerMessage.newBuilder().setField(body, b.build()).build();
    }
    InnerMessage.Builder inner = InnerMessage.newBuilder();
    try {
      JsonFormat.parser().merge(json, inner);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(file + ": not an InnerMessage in protobuf JSON: " + e.getMessage(), e);
    }
    if (inner.getBodyCase() == InnerMessage.BodyCase.BODY_NOT_SET) {
      throw new IllegalArgumentException(file + ": no body (expected: " + body.getJsonName() + " for --type "
          + body.getName() + ")");
    }
    if (inner.getBodyCase().getNumber() != body.getNumber()) {
      FieldDescriptor actual = InnerMessage.getDescriptor().findFieldByNumber(inner.getBodyCase().getNumber());
      throw new IllegalArgumentException(file + ": the body is " + actual.getJsonName() + ", not "
          + body.getJsonName() + " (--type " + body.getName() + ")");
    }
    return inner.build();
  }

  /** "routing" and the body field names, as JSON and as proto names: what marks a whole InnerMessage. */
  private static Set<String> innerMessageKeys() {
    Set<String> keys = new HashSet<>(List.of("routing"));
    for (FieldDescriptor f : InnerMessage.getDescriptor().getRealOneofs().get(0).getFields()) {
      keys.add(f.getName());
      keys.add(f.getJsonName());
    }
    return keys;
  }
}
