package org.relay247.protocol.seal;

import org.relay247.protocol.Address;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/** Checks the routing fields every envelope must carry. */
final class Routings {
  private Routings() {}

  /** Throws IllegalArgumentException naming the first bad field. */
  static void requireValid(Routing r) {
    MessageIds.requireValid("routing.message_id", r.getMessageId());
    Address.parse(r.getSender());
    Address.parse(r.getRecipient());
    if (r.getPriority() == Priority.PRIORITY_UNSPECIFIED || r.getPriority() == Priority.UNRECOGNIZED) {
      throw new IllegalArgumentException("routing.priority: " + r.getPriority()
          + " (expected: EMERGENCY, URGENT or ROUTINE)");
    }
    if (!r.hasCreatedAt()) {
      throw new IllegalArgumentException("routing.created_at: missing");
    }
    if (!r.getCaseId().isEmpty()) {
      MessageIds.requireValid("routing.case_id", r.getCaseId());
    }
    if (!r.getReplyToId().isEmpty()) {
      MessageIds.requireValid("routing.reply_to_id", r.getReplyToId());
    }
  }
}
