package org.relay247.simulator.sim;

import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import org.relay247.protocol.v1.AcknowledgeRequest;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.SubmitDraftRequest;
import org.relay247.protocol.v1.SubmitDraftResponse;

/**
 * A desk of one Party acting through its node's national API, exactly as a national case system
 * would: submit a draft, acknowledge (open) a received message.
 */
final class Desk {
  private static final Duration CALL = Duration.ofSeconds(60);

  private final SimNetwork network;
  private final String party;

  Desk(SimNetwork network, String party) {
    this.network = network;
    this.party = party;
  }

  /** Submits {@code draft}; a refusal by the node comes back as {@link StatusRuntimeException}. */
  SubmitDraftResponse submit(InnerMessage draft) {
    return network.api(party).blocking(CALL).submitDraft(SubmitDraftRequest.newBuilder().setDraft(draft).build());
  }

  /** Opens a received message: the node records it and sends the signed opened notice. */
  void open(String messageId, String role) {
    network.api(party).blocking(CALL).acknowledge(AcknowledgeRequest.newBuilder().setMessageId(messageId)
        .setOperatorRole(role).build());
  }

  /** The codes of a treaty-rule refusal ("blocked by treaty rules: CODE (Art. x): ... | CODE2 ..."). */
  static List<String> blockedCodes(StatusRuntimeException e) {
    String d = e.getStatus().getDescription() == null ? "" : e.getStatus().getDescription();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|: |\\| )([A-Z][A-Z0-9_]+) \\(Art\\. ").matcher(d);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
