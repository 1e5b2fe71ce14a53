package org.relay247.gateway.delivery;

import java.util.List;
import org.relay247.gateway.directory.DirectoryView;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.Address;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.v1.Authority;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Party;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * The checks a draft must pass before the outbox takes it, whoever submits it (national API,
 * console, the node itself), each failure an {@link IllegalArgumentException} whose message starts
 * with the field it is about ({@code "routing.recipient: ..."}), as the national API reports it to
 * the client. Run first by {@link OutboxService}, the one submit path.
 */
final class DraftCheck {
  private DraftCheck() {}

  static void check(InnerMessage draft, PartyCode self, DirectoryView directory) {
    if (draft.getBodyCase() == InnerMessage.BodyCase.BODY_NOT_SET) {
      throw new IllegalArgumentException("body: not set (expected: exactly one body, e.g. art9_request)");
    }
    Routing r = draft.getRouting();
    if (!r.getSender().isEmpty()) {
      Address sender = address("routing.sender", r.getSender());
      if (!sender.party().equals(self)) {
        throw new IllegalArgumentException("routing.sender: " + sender + " (expected: an authority of " + self
            + ", the Party of this node, or empty for " + self + "/poc)");
      }
    }
    if (r.getRecipient().isEmpty()) {
      throw new IllegalArgumentException("routing.recipient: missing (expected: the recipient authority, e.g. DE/poc)");
    }
    Address recipient = address("routing.recipient", r.getRecipient());
    if (recipient.party().equals(self)) {
      throw new IllegalArgumentException("routing.recipient: " + recipient
          + " (expected: an authority of another Party; this node serves " + self + ")");
    }
    Party party = directory.party(recipient.party()).orElseThrow(() -> new IllegalArgumentException(
        "routing.recipient: " + recipient + " (Party " + recipient.party() + " is not in the network directory,"
            + " version " + directory.version() + ")"));
    List<String> authorities = party.getAuthoritiesList().stream().map(Authority::getId).toList();
    if (!authorities.isEmpty() && !authorities.contains(recipient.authority())) {
      throw new IllegalArgumentException("routing.recipient: " + recipient + " (Party " + recipient.party()
          + " lists no authority \"" + recipient.authority() + "\" in the directory, version " + directory.version()
          + "; it lists: " + String.join(", ", authorities) + ")");
    }
    if (r.getPriority() == Priority.PRIORITY_UNSPECIFIED || r.getPriority() == Priority.UNRECOGNIZED) {
      throw new IllegalArgumentException("routing.priority: unset (expected: PRIORITY_EMERGENCY, PRIORITY_URGENT"
          + " or PRIORITY_ROUTINE)");
    }
    if (!r.getMessageId().isEmpty()) {
      MessageIds.requireValid("routing.message_id", r.getMessageId());
    }
    if (!r.getCaseId().isEmpty()) {
      MessageIds.requireValid("routing.case_id", r.getCaseId());
    }
    if (!r.getReplyToId().isEmpty()) {
      MessageIds.requireValid("routing.reply_to_id", r.getReplyToId());
    }
  }

  private static Address address(String field, String text) {
    try {
      return Address.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": \"" + text
          + "\" (expected: PARTY/authority, e.g. DE/poc, with an ISO 3166 code and a lower-case authority)", e);
    }
  }
}
