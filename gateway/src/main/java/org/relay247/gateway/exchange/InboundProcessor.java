package org.relay247.gateway.exchange;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.events.NodeEvents;
import org.relay247.gateway.metrics.NodeMetrics;
import org.relay247.gateway.pipeline.Pipeline;
import org.relay247.gateway.rules.Finding;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.InboxStore;
import org.relay247.gateway.store.QuarantineStore;
import org.relay247.pki.DistinguishedNames;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.Address;
import org.relay247.protocol.seal.EnvelopeOpener;
import org.relay247.protocol.seal.EnvelopeRejectedException;
import org.relay247.protocol.seal.OpenedEnvelope;
import org.relay247.protocol.seal.ReceiptSigner;
import org.relay247.protocol.seal.ReceiptVerifier;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.Receipt;
import org.relay247.protocol.v1.ReceiptStatus;
import org.relay247.protocol.v1.RejectionReason;
import org.relay247.protocol.v1.Routing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receive path. An envelope is opened and checked, stored durably in one transaction with
 * its signed receipt, and only then acknowledged; a delivery of bytes already stored gets the
 * original receipt back; a failed check gets a signed rejection and a row in quarantine, never in
 * the inbox. A retransmission re-sealed by the sender (same message, fresh signature) is
 * recognised by its identical inner message and acknowledged again.
 */
public final class InboundProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(InboundProcessor.class);

  private final InboxStore inbox;
  private final QuarantineStore quarantine;
  private final Supplier<EnvelopeOpener> opener;
  private volatile Supplier<java.util.List<EnvelopeOpener>> previousOpeners = java.util.List::of;
  private volatile ReceiptSigner receipts;
  private final Supplier<Long> directoryVersion;
  private final NodeEvents events;
  private final NodeMetrics metrics;
  private final Clock clock;
  private final AuditLog audit;
  private final Pipeline pipeline;

  /**
   * @param pipeline the steps every opened message goes through (treaty rules first): a blocking
   *     finding refuses it with a signed rejection, their bookkeeping commits with its inbox row
   */
  public InboundProcessor(InboxStore inbox, QuarantineStore quarantine, Supplier<EnvelopeOpener> opener,
      ReceiptSigner receipts, Supplier<Long> directoryVersion, NodeEvents events, NodeMetrics metrics, Clock clock,
      AuditLog audit, Pipeline pipeline) {
    this.pipeline = java.util.Objects.requireNonNull(pipeline, "pipeline");
    this.audit = audit;
    this.inbox = inbox;
    this.quarantine = quarantine;
    this.opener = opener;
    this.receipts = receipts;
    this.directoryVersion = directoryVersion;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The envelope bytes could not be read as an Envelope: no receipt can name what was sent. */
  public static final class UnreadableEnvelopeException extends Exception {
    UnreadableEnvelopeException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Processes one delivery from a node of {@code peer}; returns the signed receipt to answer with. */
  public byte[] receive(byte[] envelopeBytes, PartyCode peer) throws UnreadableEnvelopeException {
    byte[] sha = ReceiptVerifier.sha256(envelopeBytes);
    Envelope envelope;
    try {
      envelope = Envelope.parseFrom(envelopeBytes);
    } catch (InvalidProtocolBufferException e) {
      throw new UnreadableEnvelopeException("envelope: not a relay247.v1.Envelope (" + e.getMessage() + ")", e);
    }
    Routing routing = envelope.getRouting();
    String priority = routing.getPriority().name();

    Optional<PartyCode> claimed = senderParty(routing);
    if (claimed.isPresent() && !claimed.get().equals(peer)) {
      return reject(envelope, envelopeBytes, sha, peer, RejectionReason.REJECTION_REASON_SENDER_NOT_PEER,
          "sender " + routing.getSender() + " is not of Party " + peer + ", the Party of the TLS peer");
    }

    Optional<InboxEntry> stored = inbox.findDurable(routing.getMessageId());
    if (stored.isPresent() && MessageDigest.isEqual(stored.get().envelopeSha256(), sha)) {
      metrics.message("inbound", priority, "duplicate");
      return stored.get().receipt();
    }

    OpenedEnvelope opened;
    try {
      opened = open(envelope);
    } catch (EnvelopeRejectedException e) {
      return reject(envelope, envelopeBytes, sha, peer, e.reason(), e.getMessage());
    }
    if (stored.isPresent()) {
      return answerRetransmission(stored.get(), opened, envelopeBytes, sha, peer);
    }

    Instant now = clock.instant();
    // The pipeline's treaty rules apply again, with this Party's own directory (docs/treaty-rules.md).
    java.util.List<Finding> findings = pipeline.received(opened.inner(), peer, now);
    // A blocking finding counts unless its rule leaves the decision to a person and the sender overrode it.
    Optional<Finding> blocked = org.relay247.gateway.rules.Overrides.firstUnoverridden(findings, opened.inner());
    if (blocked.isPresent()) {
      return reject(envelope, envelopeBytes, sha, peer, RejectionReason.REJECTION_REASON_TREATY_RULE,
          blocked.get().article(), blocked.get().summary());
    }
    byte[] receipt = receipts.sign(routing, receipt(routing, sha, ReceiptStatus.RECEIPT_STATUS_ACCEPTED, now)
        .build());
    InboxEntry entry = new InboxEntry(0, routing.getMessageId(), routing.getSender(), routing.getRecipient(),
        routing.getPriority().getNumber(), emptyToNull(routing.getCaseId()), emptyToNull(routing.getReplyToId()),
        opened.inner().getBodyCase().name(), Instant.ofEpochMilli(Timestamps.toMillis(routing.getCreatedAt())), now,
        opened.signingTime(), DistinguishedNames.describe(opened.signer().certificate()), envelopeBytes, sha,
        opened.signedData(), opened.inner().toByteArray(), receipt, Optional.empty(), Optional.empty());
    AuditEvent received = AuditEvent.byNode(AuditAction.MESSAGE_RECEIVED, entry.caseId(), entry.messageId(),
        "from " + entry.sender() + " to " + entry.recipient() + ", " + entry.bodyCase() + ", " + priority);
    Optional<InboxEntry> inserted = inbox.insert(entry, c -> {
      pipeline.stored(c, opened.inner(), findings, now);
      return audit.append(c, received);
    });
    if (inserted.isEmpty()) {
      // Another delivery of the same message committed first.
      InboxEntry winner = inbox.findDurable(routing.getMessageId()).orElseThrow();
      return MessageDigest.isEqual(winner.envelopeSha256(), sha) ? winner.receipt()
          : answerRetransmission(winner, opened, envelopeBytes, sha, peer);
    }
    metrics.message("inbound", priority, "accepted");
    LOG.atInfo().addKeyValue("messageId", routing.getMessageId()).addKeyValue("caseId", routing.getCaseId())
        .addKeyValue("peer", peer.code()).addKeyValue("from", routing.getSender()).addKeyValue("priority", priority).addKeyValue("body", entry.bodyCase()).log("message accepted");
    events.publishInbox(inserted.get());
    return receipt;
  }

  /**
   * Opens with the current key; an envelope sealed to a key this node held before a rotation
   * ({@link #openWithPreviousKeys}) still opens until that key is dropped.
   */
  private OpenedEnvelope open(Envelope envelope) throws EnvelopeRejectedException {
    try {
      return opener.get().open(envelope);
    } catch (EnvelopeRejectedException.WrongRecipient e) {
      for (EnvelopeOpener previous : previousOpeners.get()) {
        try {
          return previous.open(envelope);
        } catch (EnvelopeRejectedException.WrongRecipient stillNot) {
          // sealed to none of the keys tried so far
        }
      }
      throw e;
    }
  }

  /** Receipts from now on are signed with this (a renewed signing key, taken without restart). */
  public void useReceiptSigner(ReceiptSigner signer) {
    receipts = java.util.Objects.requireNonNull(signer, "signer");
  }

  /** Openers for the decryption keys held before a key rotation, tried when the current key is not the recipient. */
  public void openWithPreviousKeys(Supplier<java.util.List<EnvelopeOpener>> previous) {
    previousOpeners = previous;
  }

  private byte[] answerRetransmission(InboxEntry stored, OpenedEnvelope opened, byte[] envelopeBytes, byte[] sha,
      PartyCode peer) {
    Routing routing = opened.envelope().getRouting();
    if (!Arrays.equals(stored.innerMessage(), opened.inner().toByteArray())) {
      return reject(opened.envelope(), envelopeBytes, sha, peer, RejectionReason.REJECTION_REASON_REPLAY,
          "message id " + routing.getMessageId() + " was already received with other content");
    }
    metrics.message("inbound", routing.getPriority().name(), "duplicate");
    return receipts.sign(routing, receipt(routing, sha, ReceiptStatus.RECEIPT_STATUS_ACCEPTED, stored.receivedAt())
        .build());
  }

  private byte[] reject(Envelope envelope, byte[] bytes, byte[] sha, PartyCode peer, RejectionReason reason,
      String detail) {
    return reject(envelope, bytes, sha, peer, reason, "", detail);
  }

  private byte[] reject(Envelope envelope, byte[] bytes, byte[] sha, PartyCode peer, RejectionReason reason,
      String article, String detail) {
    Routing routing = envelope.getRouting();
    Instant now = clock.instant();
    byte[] rejection = receipts.sign(routing, receipt(routing, sha, ReceiptStatus.RECEIPT_STATUS_REJECTED, now)
        .setReason(reason).setArticle(article).setDetail(detail).build());
    quarantine.insert(emptyToNull(routing.getMessageId()), peer.code(), now, reason.name(), detail, bytes, sha,
        rejection);
    audit.append(AuditEvent.byNode(AuditAction.MESSAGE_QUARANTINED, emptyToNull(routing.getCaseId()),
        emptyToNull(routing.getMessageId()), "from peer " + peer.code() + ": " + reason.name()));
    metrics.message("inbound", routing.getPriority().name(), "rejected");
    LOG.atWarn().addKeyValue("messageId", routing.getMessageId()).addKeyValue("peer", peer.code())
        .addKeyValue("reason", reason.name()).log("envelope rejected: {}", detail);
    return rejection;
  }

  private Receipt.Builder receipt(Routing routing, byte[] sha, ReceiptStatus status, Instant at) {
    return Receipt.newBuilder().setMessageId(routing.getMessageId()).setEnvelopeSha256(ByteString.copyFrom(sha))
        .setStatus(status).setReceivedAt(Timestamps.fromMillis(at.toEpochMilli()))
        .setDirectoryVersion(directoryVersion.get());
  }

  private static Optional<PartyCode> senderParty(Routing routing) {
    try {
      return Optional.of(Address.parse(routing.getSender()).party());
    } catch (IllegalArgumentException e) {
      return Optional.empty();  // the opener refuses it as malformed, with a signed rejection
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
