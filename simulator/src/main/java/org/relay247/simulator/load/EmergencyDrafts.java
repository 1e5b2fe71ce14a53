package org.relay247.simulator.load;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import org.relay247.protocol.v1.Art9Request;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;
import org.relay247.simulator.demo.DemoMessages;

/**
 * The message the harness sends: the Art. 9 emergency request of the demo case
 * ({@code docs/examples/art9-request.json} without its routing: complete, so the treaty rules on
 * both nodes let it through) from FR/poc to DE/poc, its emergency facts padded with text that
 * does not compress to nothing until the draft has the requested serialized size. The node fills
 * in id, time and case at submission, adding about 100 bytes of routing.
 */
public final class EmergencyDrafts {
  static final String RECIPIENT = "DE/poc";

  private EmergencyDrafts() {}

  /** A draft of {@code payloadBytes} serialized bytes (or the smallest possible, about 1,600). */
  public static InnerMessage draft(int payloadBytes) {
    InnerMessage base = build("");
    int missing = payloadBytes - base.getSerializedSize();
    if (missing <= 0) {
      return base;
    }
    // The length prefix of emergency_facts grows with the text; converge in a few steps.
    int fill = missing;
    InnerMessage m = build(filler(fill));
    for (int i = 0; i < 4 && m.getSerializedSize() != payloadBytes; i++) {
      fill += payloadBytes - m.getSerializedSize();
      m = build(filler(Math.max(0, fill)));
    }
    return m;
  }

  private static InnerMessage build(String padding) {
    InnerMessage.Builder draft = InnerMessage.newBuilder();
    try {
      JsonFormat.parser().merge(DemoMessages.ART9_REQUEST_JSON, draft);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("built-in Art. 9 request unreadable: " + e.getMessage(), e);
    }
    Art9Request.Builder request = draft.getArt9RequestBuilder();
    request.setEmergencyFacts(request.getEmergencyFacts() + (padding.isEmpty() ? "" : " " + padding));
    return draft.setRouting(Routing.newBuilder().setRecipient(RECIPIENT).setPriority(Priority.PRIORITY_EMERGENCY))
        .build();
  }

  /** Deterministic, varied printable text. */
  private static String filler(int length) {
    StringBuilder s = new StringBuilder(length);
    long x = 0x9E3779B97F4A7C15L;
    String alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,";
    for (int i = 0; i < length; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      s.append(alphabet.charAt((int) Long.remainderUnsigned(x, alphabet.length())));
    }
    return s.toString();
  }
}
