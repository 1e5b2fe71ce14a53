package org.relay247.gateway.console;

import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import org.relay247.protocol.v1.InnerMessage;

/** Messages for the console tests: a complete Art. 9 request, with the given emergency facts. */
final class ConsoleFixtures {
  private ConsoleFixtures() {}

  static InnerMessage art9(String recipient, String facts) throws Exception {
    InnerMessage.Builder b = InnerMessage.newBuilder();
    try (var in = java.nio.file.Files.newBufferedReader(examples().resolve("art9-request.json"))) {
      JsonFormat.parser().merge(in, b);
    }
    b.getRoutingBuilder().clearMessageId().clearCaseId().clearCreatedAt().clearSender().setRecipient(recipient);
    b.getArt9RequestBuilder().setEmergencyFacts(facts).setIssuedAt(Timestamps.fromMillis(System.currentTimeMillis()));
    return b.build();
  }

  /** docs/img of the checkout: where the browser tests put the screenshots docs/console.md shows. */
  static java.nio.file.Path screenshots() throws java.io.IOException {
    return java.nio.file.Files.createDirectories(examples().getParent().resolve("img"));
  }

  private static java.nio.file.Path examples() {
    java.nio.file.Path p = java.nio.file.Path.of("").toAbsolutePath();
    while (p != null && !java.nio.file.Files.isDirectory(p.resolve("docs/examples"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("docs/examples not found above " + java.nio.file.Path.of("").toAbsolutePath());
    }
    return p.resolve("docs/examples");
  }
}
