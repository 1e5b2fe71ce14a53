package org.relay247.protocol.seal;

import com.google.protobuf.util.Timestamps;
import java.time.Clock;
import java.util.Objects;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Receipt;
import org.relay247.protocol.v1.Routing;

/**
 * Signs receipts (acceptances and rejections alike, so a refusal can be proven). A signed receipt
 * is CMS SignedData over an InnerMessage whose body is the Receipt and whose routing answers the
 * received envelope: from its recipient, to its sender, replying to its message id.
 */
public final class ReceiptSigner {
  private final SigningKey key;
  private final Clock clock;

  public ReceiptSigner(SigningKey key, Clock clock) {
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param received the routing of the envelope being answered (for a message that could not be
   *     read at all, whatever routing the receiver could establish)
   */
  public byte[] sign(Routing received, Receipt receipt) {
    Routing answer = Routing.newBuilder()
        .setMessageId(MessageIds.next(clock))
        .setSender(received.getRecipient())
        .setRecipient(received.getSender())
        .setPriority(received.getPriority())
        .setCreatedAt(Timestamps.fromMillis(clock.millis()))
        .setCaseId(received.getCaseId())
        .setReplyToId(received.getMessageId())
        .build();
    InnerMessage inner = InnerMessage.newBuilder().setRouting(answer).setReceipt(receipt).build();
    return SignedDataCodec.sign(inner.toByteArray(), key, clock.instant());
  }
}
