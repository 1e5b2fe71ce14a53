package org.relay247.protocol.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.relay247.protocol.Address;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * The inner message {@code envelope seal} is asked to send: protobuf JSON as in
 * {@code docs/examples/}, with the routing completed from the command line. Routing fields the
 * file leaves out are filled (a new message id and case id, created now, priority routine);
 * {@code --from}, {@code --to} and {@code --priority} override what the file says.
 */
final class DraftMessage {
  private DraftMessage() {}

  /** Parses strictly: unknown fields and bad enum values are refused, naming the field. */
  static InnerMessage read(Path file) throws IOException {
    String json = Files.readString(file, StandardCharsets.UTF_8);
    InnerMessage.Builder builder = InnerMessage.newBuilder();
    try {
      JsonFormat.parser().merge(json, builder);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(file + ": not an InnerMessage in protobuf JSON: " + e.getMessage(), e);
    }
    return builder.build();
  }

  /**
   * @param newId whether to replace a message id and created_at the file has (to send an example
   *     again: a receiver refuses a message id it has seen)
   */
  static InnerMessage complete(InnerMessage draft, Optional<Address> from, Optional<Address> to,
      Optional<Priority> priority, boolean newId, Clock clock) {
    Routing.Builder routing = draft.getRouting().toBuilder();
    from.ifPresent(a -> routing.setSender(a.toString()));
    to.ifPresent(a -> routing.setRecipient(a.toString()));
    if (routing.getSender().isEmpty()) {
      throw new IllegalArgumentException("routing.sender: missing (expected: --from or routing.sender in the JSON)");
    }
    if (routing.getRecipient().isEmpty()) {
      throw new IllegalArgumentException("routing.recipient: missing (expected: --to or routing.recipient in the JSON)");
    }
    priority.ifPresent(routing::setPriority);
    if (routing.getPriority() == Priority.PRIORITY_UNSPECIFIED) {
      routing.setPriority(Priority.PRIORITY_ROUTINE);
    }
    if (newId || routing.getMessageId().isEmpty()) {
      routing.setMessageId(MessageIds.next(clock));
    }
    if (newId || !routing.hasCreatedAt()) {
      routing.setCreatedAt(Timestamps.fromMillis(clock.millis()));
    }
    if (routing.getCaseId().isEmpty()) {
      routing.setCaseId(MessageIds.next(clock));
    }
    return draft.toBuilder().setRouting(routing).build();
  }
}
