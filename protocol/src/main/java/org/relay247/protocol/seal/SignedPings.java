package org.relay247.protocol.seal;

import com.google.protobuf.util.Timestamps;
import java.time.Clock;
import java.util.Objects;
import org.relay247.pki.CertificateValidator;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Ping;
import org.relay247.protocol.v1.Pong;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * The signed ping and pong of the node exchange's {@code Ping} call: a check that two nodes reach
 * each other and hold valid, listed signing keys, with nothing sealed or stored. Each is CMS
 * SignedData by a node's signing key over an InnerMessage, as receipts are: the ping from the
 * caller's point of contact to the callee's, with a nonce; the pong back, replying to the ping's
 * message id and echoing its nonce. A replayed ping only earns a pong; a replayed pong answers no
 * other ping.
 */
public final class SignedPings {
  private static final String DESK = "/poc";
  private final CertificateValidator validator;
  private final ListedCertificates listed;

  /** Verifies against this trust (root, CRLs) and this directory's listed certificates. */
  public SignedPings(CertificateValidator validator, ListedCertificates listed) {
    this.validator = Objects.requireNonNull(validator, "validator");
    this.listed = Objects.requireNonNull(listed, "listed");
  }

  /** A ping from {@code from} to {@code to}, carrying {@code nonce}, to {@link #sign}. */
  public static InnerMessage ping(Clock clock, PartyCode from, PartyCode to, String nonce) {
    Routing routing = Routing.newBuilder().setMessageId(MessageIds.next(clock)).setSender(from.code() + DESK)
        .setRecipient(to.code() + DESK).setPriority(Priority.PRIORITY_ROUTINE)
        .setCreatedAt(Timestamps.fromMillis(clock.millis())).build();
    return InnerMessage.newBuilder().setRouting(routing)
        .setPing(Ping.newBuilder().setNonce(nonce).setSentAt(routing.getCreatedAt())).build();
  }

  /** The pong answering a verified {@code ping}, to {@link #sign}. */
  public static InnerMessage pong(Clock clock, InnerMessage ping) {
    Routing asked = ping.getRouting();
    Routing routing = Routing.newBuilder().setMessageId(MessageIds.next(clock)).setSender(asked.getRecipient())
        .setRecipient(asked.getSender()).setPriority(asked.getPriority()).setReplyToId(asked.getMessageId())
        .setCreatedAt(Timestamps.fromMillis(clock.millis())).build();
    return InnerMessage.newBuilder().setRouting(routing).setPong(Pong.newBuilder()
        .setNonce(ping.getPing().getNonce()).setPingReceivedAt(routing.getCreatedAt())).build();
  }

  /** {@code message} as CMS SignedData by {@code key}. */
  public static byte[] sign(InnerMessage message, SigningKey key, Clock clock) {
    return SignedDataCodec.sign(message.toByteArray(), key, clock.instant());
  }

  /**
   * A ping received from a node of {@code caller} (the Party its TLS certificate belongs to),
   * addressed to {@code self}.
   */
  public InnerMessage verifyPing(byte[] signed, PartyCode caller, PartyCode self) throws PingVerificationException {
    InnerMessage ping = verify(signed, caller, "ping", InnerMessage.BodyCase.PING);
    Routing r = ping.getRouting();
    if (!r.getSender().equals(caller.code() + DESK) || !r.getRecipient().equals(self.code() + DESK)) {
      throw new PingVerificationException("ping routed from " + r.getSender() + " to " + r.getRecipient()
          + " (expected: from " + caller.code() + DESK + " to " + self.code() + DESK + ")");
    }
    if (r.getMessageId().isEmpty() || ping.getPing().getNonce().isEmpty()) {
      throw new PingVerificationException("ping: message id and nonce are required");
    }
    return ping;
  }

  /** The pong answering {@code ping}, which this node sent to {@code to}. */
  public InnerMessage verifyPong(byte[] signed, InnerMessage ping, PartyCode to) throws PingVerificationException {
    InnerMessage pong = verify(signed, to, "pong", InnerMessage.BodyCase.PONG);
    Routing asked = ping.getRouting();
    Routing r = pong.getRouting();
    if (!r.getReplyToId().equals(asked.getMessageId()) || !r.getSender().equals(asked.getRecipient())
        || !r.getRecipient().equals(asked.getSender()) || !pong.getPong().getNonce().equals(ping.getPing().getNonce())) {
      throw new PingVerificationException("pong answers " + r.getReplyToId() + " from " + r.getSender() + " to "
          + r.getRecipient() + " with nonce " + pong.getPong().getNonce() + " (expected: " + asked.getMessageId()
          + " from " + asked.getRecipient() + " to " + asked.getSender() + " with nonce "
          + ping.getPing().getNonce() + ")");
    }
    return pong;
  }

  private InnerMessage verify(byte[] signed, PartyCode party, String what, InnerMessage.BodyCase body)
      throws PingVerificationException {
    InnerMessage inner;
    try {
      inner = PartySignature.verify(signed, party, validator, listed, what).inner();
    } catch (PartySignature.Refused e) {
      throw new PingVerificationException(e.getMessage(), e.getCause());
    }
    if (inner.getBodyCase() != body) {
      throw new PingVerificationException("signed message is a " + inner.getBodyCase() + ", not a " + what);
    }
    return inner;
  }
}
