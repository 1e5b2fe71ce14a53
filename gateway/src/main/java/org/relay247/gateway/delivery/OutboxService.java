package org.relay247.gateway.delivery;

import com.google.protobuf.util.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;
import org.relay247.gateway.audit.AuditAction;
import org.relay247.gateway.audit.AuditEvent;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.directory.DirectoryView;
import org.relay247.gateway.rules.Finding;
import org.relay247.gateway.rules.TreatyRules;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.gateway.store.OutboxStore;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.Address;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.seal.EnvelopeSealer;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * Accepts drafts from national systems: completes the routing (id, time, case), checks it, seals
 * once for the recipient, stores the envelope durably in the outbox and hands it to delivery.
 * When submit returns, the message will be delivered whatever happens to this process.
 */
public final class OutboxService {
  private final PartyCode self;
  private final OutboxStore outbox;
  private final Supplier<EnvelopeSealer> sealer;
  private final Supplier<DirectoryView> directory;
  private final Function<Priority, java.time.Duration> deadlines;
  private final DeliveryScheduler scheduler;
  private final Clock clock;
  private final AuditLog audit;
  private final TreatyRules rules = TreatyRules.standard();
  private final org.relay247.gateway.cases.CaseEngine cases;
  private final java.util.List<SubmitHook> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A submitted message and the (non-blocking) treaty-rule findings on it. */
  public record Submitted(InnerMessage message, java.util.List<Finding> findings) {}

  public OutboxService(PartyCode self, OutboxStore outbox, Supplier<EnvelopeSealer> sealer,
      Supplier<DirectoryView> directory, Function<Priority, java.time.Duration> deadlines,
      DeliveryScheduler scheduler, Clock clock, AuditLog audit) {
    this(self, outbox, sealer, directory, deadlines, scheduler, clock, audit, null);
  }

  /** As above, with the case engine that checks and records every message in its case (docs/cases.md). */
  public OutboxService(PartyCode self, OutboxStore outbox, Supplier<EnvelopeSealer> sealer,
      Supplier<DirectoryView> directory, Function<Priority, java.time.Duration> deadlines,
      DeliveryScheduler scheduler, Clock clock, AuditLog audit, org.relay247.gateway.cases.CaseEngine cases) {
    this.cases = cases;
    this.audit = audit;
    this.self = self;
    this.outbox = outbox;
    this.sealer = sealer;
    this.directory = directory;
    this.deadlines = deadlines;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** Adds checks and bookkeeping run on every later submission (wired once, at node start). */
  public void addHook(SubmitHook hook) {
    hooks.add(java.util.Objects.requireNonNull(hook, "hook"));
  }

  /**
   * Idempotent for a given message id: submitting a draft whose id is already in the outbox
   * returns the stored message (a client retrying after a lost answer sends nothing twice).
   *
   * @throws IllegalArgumentException naming the field when the draft is incomplete, addressed
   *     to a Party the directory does not know, or reuses an id for another message
   */
  public InnerMessage submit(InnerMessage draft) {
    return submit(draft, AuditEvent.NODE);
  }

  /** As {@link #submit(InnerMessage)}, recording {@code actor} (who submitted) in the audit log. */
  public InnerMessage submit(InnerMessage draft, String actor) {
    return submitChecked(draft, actor).message();
  }

  /**
   * Checks the draft against the treaty rules as of now (docs/treaty-rules.md) and submits it
   * unless a finding blocks.
   *
   * @throws TreatyRuleViolation with every finding when one blocks; nothing is sent
   * @throws org.relay247.gateway.cases.CaseRuleViolation when the message does not fit its case
   *     (an illegal transition, an unknown case, a determination without a person's name)
   */
  public Submitted submitChecked(InnerMessage draft, String actor) {
    if (!draft.getRouting().getMessageId().isEmpty()) {
      MessageIds.requireValid("routing.message_id", draft.getRouting().getMessageId());
      var existing = outbox.findDurable(draft.getRouting().getMessageId());
      if (existing.isPresent()) {
        return new Submitted(sameMessage(existing.get(), draft), java.util.List.of());
      }
    }
    if (draft.getBodyCase() == InnerMessage.BodyCase.BODY_NOT_SET) {
      throw new IllegalArgumentException("body: not set (expected: exactly one body)");
    }
    Routing.Builder r = draft.getRouting().toBuilder();
    Instant now = clock.instant();
    if (r.getSender().isEmpty()) {
      r.setSender(self.code() + "/poc");
    }
    Address sender = Address.parse(r.getSender());
    if (!sender.party().equals(self)) {
      throw new IllegalArgumentException("routing.sender: " + sender + " (expected: an authority of " + self
          + ", the Party of this node)");
    }
    Address recipient = Address.parse(r.getRecipient());
    if (recipient.party().equals(self)) {
      throw new IllegalArgumentException("routing.recipient: " + recipient + " (expected: another Party's authority)");
    }
    directory.get().requireParty(recipient.party());
    if (r.getPriority() == Priority.PRIORITY_UNSPECIFIED) {
      throw new IllegalArgumentException("routing.priority: unset (expected: EMERGENCY, URGENT or ROUTINE)");
    }
    if (r.getMessageId().isEmpty()) {
      r.setMessageId(MessageIds.next(clock));
    }
    if (r.getCaseId().isEmpty()) {
      r.setCaseId(MessageIds.next(clock));
    }
    r.setCreatedAt(Timestamps.fromMillis(now.toEpochMilli()));
    InnerMessage inner = draft.toBuilder().setRouting(r).build();
    java.util.List<Finding> findings = rules.evaluate(inner, sender, recipient, directory.get().directory(), now);
    if (TreatyRules.blocks(findings)) {
      throw new TreatyRuleViolation(findings);
    }
    if (cases != null) {
      cases.checkOutbound(inner, now);
    }
    for (SubmitHook hook : hooks) {
      hook.check(inner, now);
    }

    Envelope envelope = sealer.get().seal(inner, directory.get().encryptionCertificate(recipient.party()));
    OutboxEntry entry = OutboxEntry.pending(r.getMessageId(), r.getRecipient(), recipient.party().code(),
        r.getPriority().getNumber(), r.getCaseId(), inner.getBodyCase().name(), now,
        now.plus(deadlines.apply(r.getPriority())), inner.toByteArray(), envelope.toByteArray());
    AuditEvent submitted = new AuditEvent(actor, AuditAction.MESSAGE_SUBMITTED, r.getCaseId(), r.getMessageId(),
        "to " + r.getRecipient() + ", " + inner.getBodyCase().name() + ", " + r.getPriority().name());
    try {
      outbox.insert(entry, c -> {
        if (cases != null) {
          cases.recordOutbound(c, inner, actor, now);
        }
        for (SubmitHook hook : hooks) {
          hook.stored(c, inner, now);
        }
        return audit.append(c, submitted);
      });
    } catch (org.relay247.gateway.store.StoreException e) {
      // A concurrent retry of the same submission committed first.
      var existing = outbox.findDurable(r.getMessageId());
      if (existing.isPresent()) {
        return new Submitted(sameMessage(existing.get(), draft), findings);
      }
      throw e;
    }
    scheduler.enqueue(entry);
    return new Submitted(inner, findings);
  }

  private static InnerMessage sameMessage(OutboxEntry stored, InnerMessage draft) {
    InnerMessage inner;
    try {
      inner = InnerMessage.parseFrom(stored.innerMessage());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("stored message unreadable", e);
    }
    // Equal but for what the node fills in (time, and sender/case when the draft left them empty).
    Routing.Builder expected = inner.getRouting().toBuilder().clearCreatedAt();
    Routing.Builder given = draft.getRouting().toBuilder().clearCreatedAt();
    if (given.getSender().isEmpty()) {
      given.setSender(expected.getSender());
    }
    if (given.getCaseId().isEmpty()) {
      given.setCaseId(expected.getCaseId());
    }
    if (!given.build().equals(expected.build())
        || !draft.toBuilder().clearRouting().build().equals(inner.toBuilder().clearRouting().build())) {
      throw new IllegalArgumentException("routing.message_id: " + inner.getRouting().getMessageId()
          + " was already used for another message (expected: a new id, or the same draft to retry)");
    }
    return inner;
  }
}
