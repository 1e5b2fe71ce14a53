package org.relay247.gateway.e2e.scenarios;

import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.relay247.protocol.v1.ContactDetails;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * Drafts for scenarios, from the example bodies in docs/examples (the same ones the wire-protocol
 * documentation shows), readdressed: the node fills in message id, case id and time.
 */
final class Drafts {
  private Drafts() {}

  /** The example {@code docs/examples/<name>.json} with its routing cleared. */
  static InnerMessage.Builder example(String name) {
    Path file = Path.of(System.getProperty("basedir", ".")).resolve("../docs/examples/" + name + ".json").normalize();
    InnerMessage.Builder b = InnerMessage.newBuilder();
    try {
      JsonFormat.parser().merge(Files.readString(file), b);
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
    return b.clearRouting();
  }

  /** A new request (a new case unless {@code caseId} names one) from the example {@code name}. */
  static InnerMessage.Builder request(String name, String from, String to, Priority priority, String caseId) {
    InnerMessage.Builder b = example(name);
    b.setRouting(Routing.newBuilder().setSender(from).setRecipient(to).setPriority(priority).setCaseId(caseId));
    return b;
  }

  /** A reply on {@code caseId} to {@code replyTo}, signed off by {@code person} (a human act, Art. 14.6). */
  static InnerMessage.Builder reply(String from, String to, Priority priority, String caseId, String replyTo,
      String person) {
    return InnerMessage.newBuilder().setRouting(Routing.newBuilder().setSender(from).setRecipient(to)
        .setPriority(priority).setCaseId(caseId).setReplyToId(replyTo)).setLanguage("en")
        .setSenderContact(ContactDetails.newBuilder().setName(person));
  }
}
