package org.relay247.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.relay247.protocol.directory.DirectoryYaml;
import org.relay247.protocol.v1.Attachment;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.EvidenceChunk;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.InnerMessage.BodyCase;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * Every file in {@code docs/examples/*.json} is a complete, strictly valid inner message in
 * protobuf JSON, and every body of {@link InnerMessage} has exactly one example.
 */
class ExamplesTest {

  static final Path EXAMPLES =
      Path.of(System.getProperty("basedir", ".")).resolve("../docs/examples").normalize();

  /** Example file name (without .json) to the body it must carry. */
  private static final Map<String, BodyCase> EXAMPLE_BODIES = Map.ofEntries(
      Map.entry("art9-request", BodyCase.ART9_REQUEST),
      Map.entry("oral-request-record", BodyCase.ORAL_REQUEST_RECORD),
      Map.entry("art9-confirmation", BodyCase.ART9_CONFIRMATION),
      Map.entry("art9-follow-up", BodyCase.ART9_FOLLOW_UP),
      Map.entry("use-explanation-request", BodyCase.USE_EXPLANATION_REQUEST),
      Map.entry("use-explanation-answer", BodyCase.USE_EXPLANATION_ANSWER),
      Map.entry("art10-request", BodyCase.ART10_REQUEST),
      Map.entry("additional-info-request", BodyCase.ADDITIONAL_INFO_REQUEST),
      Map.entry("additional-info-answer", BodyCase.ADDITIONAL_INFO_ANSWER),
      Map.entry("central-authority-copy", BodyCase.CENTRAL_AUTHORITY_COPY),
      Map.entry("referral", BodyCase.REFERRAL),
      Map.entry("determination", BodyCase.DETERMINATION),
      Map.entry("condition-response", BodyCase.CONDITION_RESPONSE),
      Map.entry("execution-status", BodyCase.EXECUTION_STATUS),
      Map.entry("evidence-manifest", BodyCase.EVIDENCE_MANIFEST),
      Map.entry("evidence-chunk", BodyCase.EVIDENCE_CHUNK),
      Map.entry("art8-order", BodyCase.ART8_ORDER),
      Map.entry("simultaneous-notification", BodyCase.SIMULTANEOUS_NOTIFICATION),
      Map.entry("non-disclosure-instruction", BodyCase.NON_DISCLOSURE_INSTRUCTION),
      Map.entry("art6-consultation", BodyCase.ART6_CONSULTATION),
      Map.entry("preservation-request", BodyCase.PRESERVATION_REQUEST),
      Map.entry("preservation-extension", BodyCase.PRESERVATION_EXTENSION),
      Map.entry("security-incident-notification", BodyCase.SECURITY_INCIDENT_NOTIFICATION),
      Map.entry("onward-transfer-authorisation-request",
          BodyCase.ONWARD_TRANSFER_AUTHORISATION_REQUEST),
      Map.entry("onward-transfer-decision", BodyCase.ONWARD_TRANSFER_DECISION),
      Map.entry("suspension-notice", BodyCase.SUSPENSION_NOTICE),
      Map.entry("rectification-notice", BodyCase.RECTIFICATION_NOTICE),
      Map.entry("confidentiality-request", BodyCase.CONFIDENTIALITY_REQUEST),
      Map.entry("restriction-lifted", BodyCase.RESTRICTION_LIFTED),
      Map.entry("transferor-inquiry", BodyCase.TRANSFEROR_INQUIRY),
      Map.entry("purge-record", BodyCase.PURGE_RECORD),
      Map.entry("consultation-message", BodyCase.CONSULTATION_MESSAGE),
      Map.entry("ping", BodyCase.PING),
      Map.entry("pong", BodyCase.PONG),
      Map.entry("receipt", BodyCase.RECEIPT),
      Map.entry("opened-notice", BodyCase.OPENED_NOTICE));

  private static final Pattern UUID_V7 =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  private static final Pattern ADDRESS = Pattern.compile("[A-Z]{2}/[a-z0-9][a-z0-9-]*");

  static Stream<Path> exampleFiles() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
          .toList().stream();
    }
  }

  @Test
  void everyBodyCase_hasAnExampleFile() {
    List<BodyCase> bodies = Arrays.stream(BodyCase.values())
        .filter(c -> c != BodyCase.BODY_NOT_SET).toList();

    assertThat(EXAMPLE_BODIES.values()).containsExactlyInAnyOrderElementsOf(bodies);
    for (String name : EXAMPLE_BODIES.keySet()) {
      assertThat(EXAMPLES.resolve(name + ".json")).as("example for %s", EXAMPLE_BODIES.get(name))
          .isRegularFile();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleFiles")
  void example_parsesStrictlyAndCarriesTheBodyItIsNamedAfter(Path file) throws IOException {
    String name = file.getFileName().toString().replaceFirst("\\.json$", "");
    InnerMessage message = parse(file);

    assertThat(EXAMPLE_BODIES).as("file name mapping").containsKey(name);
    assertThat(message.getBodyCase()).isEqualTo(EXAMPLE_BODIES.get(name));
    assertThat(message.getAllFields().keySet().stream()
        .filter(f -> f.getContainingOneof() != null)).hasSize(1);
    assertThat(InnerMessage.parseFrom(message.toByteArray())).isEqualTo(message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleFiles")
  void example_hasCompleteRoutingFields(Path file) throws IOException {
    Routing routing = parse(file).getRouting();

    assertThat(routing.getMessageId()).matches(UUID_V7);
    assertThat(routing.getCaseId()).matches(UUID_V7);
    assertThat(routing.getSender()).matches(ADDRESS);
    assertThat(routing.getRecipient()).matches(ADDRESS).isNotEqualTo(routing.getSender());
    assertThat(routing.getPriority()).isNotIn(Priority.PRIORITY_UNSPECIFIED, Priority.UNRECOGNIZED);
    assertThat(routing.hasCreatedAt()).isTrue();
    if (!routing.getReplyToId().isEmpty()) {
      assertThat(routing.getReplyToId()).matches(UUID_V7);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleFiles")
  void example_inlineContentMatchesItsSha256(Path file) throws IOException {
    assertThatCode(() -> checkHashes(parse(file))).doesNotThrowAnyException();
  }

  @Test
  void exampleIds_areUniqueAcrossFiles() throws IOException {
    List<String> ids = exampleFiles().map(f -> {
      try {
        return parse(f).getRouting().getMessageId();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }).toList();

    assertThat(ids).doesNotHaveDuplicates();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleFiles")
  void exampleRouting_usesAuthoritiesOfTheExampleDirectory(Path file) throws IOException {
    Directory directory = DirectoryYaml.read(EXAMPLES.resolve("directory.yaml"));
    Set<String> addresses = directory.getPartiesList().stream()
        .flatMap(p -> p.getAuthoritiesList().stream().map(a -> p.getCode() + "/" + a.getId()))
        .collect(Collectors.toSet());
    Routing routing = parse(file).getRouting();

    assertThat(addresses).contains(routing.getSender(), routing.getRecipient());
  }

  static InnerMessage parse(Path file) throws IOException {
    InnerMessage.Builder builder = InnerMessage.newBuilder();
    JsonFormat.parser().merge(Files.readString(file, StandardCharsets.UTF_8), builder);
    return builder.build();
  }

  /** Walks the message and checks every Attachment and EvidenceChunk hash. */
  private static void checkHashes(Message message) {
    if (message instanceof Attachment attachment && !attachment.getContent().isEmpty()) {
      assertThat(attachment.getSha256()).as(attachment.getName())
          .isEqualTo(sha256(attachment.getContent()));
      assertThat(attachment.getSizeBytes()).isEqualTo(attachment.getContent().size());
    }
    if (message instanceof EvidenceChunk chunk) {
      assertThat(chunk.getSha256()).isEqualTo(sha256(chunk.getData()));
    }
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (field.getKey().isRepeated()) {
        for (Object item : (List<?>) field.getValue()) {
          checkHashes((Message) item);
        }
      } else {
        checkHashes((Message) field.getValue());
      }
    }
  }

  private static ByteString sha256(ByteString bytes) {
    try {
      return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
