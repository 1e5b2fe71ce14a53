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
import org.relay247.gateway.pipeline.Pipeline;
import org.relay247.gateway.pipeline.StoredMessages;
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
  private final Pipeline pipeline;

  /** A submitted message and the (non-blocking) findings on it. */
  public record Submitted(InnerMessage message, java.util.List<Finding> findings) {}

  /**
   * @param pipeline the steps every draft goes through (treaty rules first); their findings
   *     decide whether it goes, their bookkeeping commits with its outbox row
   */
  public OutboxService(PartyCode self, OutboxStore outbox, Supplier<EnvelopeSealer> sealer,
      Supplier<DirectoryView> directory, Function<Priority, java.time.Duration> deadlines,
      DeliveryScheduler scheduler, Clock clock, AuditLog audit, Pipeline pipeline) {
    this.pipeline = java.util.Objects.requireNonNull(pipeline, "pipeline");
    this.audit = audit;
    this.self = self;
    this.outbox = outbox;
    this.sealer = sealer;
    this.directory = directory;
    this.deadlines = deadlines;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /**
   * Idempotent for a given message id: submitting a draft whose id is already in the outbox
   * returns the stored message (a client retrying after a lost answer sends nothing twice). This
   * is the one idempotency rule of the node; the national API relies on it.
   *
   * @throws IllegalArgumentException naming the field when the draft fails a check of
   *     {@link DraftCheck} (incomplete, or addressed to a Party or authority the directory does not list)
   * @throws MessageIdReusedException when the id was submitted for another message
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
   * @throws RuntimeException the typed refusal of a pipeline step's check, e.g. the case engine's
   *     when the message does not fit its case (docs/cases.md); nothing is sent
   */
  public Submitted submitChecked(InnerMessage draft, String actor) {
    return submitChecked(draft, actor, "");
  }

  /**
   * As {@link #submitChecked(InnerMessage, String)}; with a non-blank {@code overrideReason} the
   * draft goes despite blocking findings when every one of them is of a rule that leaves the
   * decision to a person ({@link org.relay247.gateway.rules.Overrides}): the message carries the
   * overrides, the audit log records RULE_OVERRIDDEN with the codes and the reason.
   *
   * @throws TreatyRuleViolation when a blocking finding remains (never overridable, or no reason)
   */
  public Submitted submitChecked(InnerMessage draft, String actor, String overrideReason) {
    DraftCheck.check(draft, self, directory.get());
    if (!draft.getRouting().getMessageId().isEmpty()) {
      var existing = outbox.findDurable(draft.getRouting().getMessageId());
      if (existing.isPresent()) {
        return new Submitted(sameMessage(existing.get(), draft), java.util.List.of());
      }
    }
    Routing.Builder r = draft.getRouting().toBuilder();
    Instant now = clock.instant();
    if (r.getSender().isEmpty()) {
      r.setSender(self.code() + "/poc");
    }
    Address recipient = Address.parse(r.getRecipient());
    if (r.getMessageId().isEmpty()) {
      r.setMessageId(MessageIds.next(clock));
    }
    if (r.getCaseId().isEmpty()) {
      r.setCaseId(MessageIds.next(clock));
    }
    r.setCreatedAt(Timestamps.fromMillis(now.toEpochMilli()));
    InnerMessage inner = draft.toBuilder().clearRuleOverrides().setRouting(r).build();
    java.util.List<Finding> findings = pipeline.findings(inner, now);
    AuditEvent overridden = null;
    if (TreatyRules.blocks(findings)) {
      String reason = overrideReason == null ? "" : overrideReason.strip();
      java.util.List<Finding> hard = org.relay247.gateway.rules.Overrides.hardBlocks(findings);
      if (reason.isEmpty() || !hard.isEmpty()) {
        throw reason.isEmpty() ? new TreatyRuleViolation(findings) : new TreatyRuleViolation(findings,
            "--override does not apply to " + hard.stream().map(Finding::code).collect(
                java.util.stream.Collectors.joining(", ")) + " (expected: only "
                + String.join(", ", new java.util.TreeSet<>(org.relay247.gateway.rules.Overrides.OVERRIDABLE))
                + ", where the treaty leaves the decision to a person)");
      }
      InnerMessage.Builder b = inner.toBuilder();
      for (Finding f : findings) {
        if (f.blocks()) {
          b.addRuleOverrides(org.relay247.protocol.v1.RuleOverride.newBuilder().setCode(f.code())
              .setArticle(f.article()).setReason(reason).setDecidedBy(actor));
        }
      }
      inner = b.build();
      overridden = new AuditEvent(actor, AuditAction.RULE_OVERRIDDEN, r.getCaseId(), r.getMessageId(),
          abbreviate(findings.stream().filter(Finding::blocks).map(f -> f.code() + " (Art. " + f.article() + ")")
              .collect(java.util.stream.Collectors.joining(", ")) + " overridden: " + reason));
    }
    final InnerMessage checked = inner;
    final AuditEvent override = overridden;
    final java.util.List<Finding> found = findings;
    pipeline.check(checked, now);

    Envelope envelope = sealer.get().seal(checked, directory.get().encryptionCertificate(recipient.party()));
    OutboxEntry entry = OutboxEntry.pending(r.getMessageId(), r.getRecipient(), recipient.party().code(),
        r.getPriority().getNumber(), r.getCaseId(), inner.getBodyCase().name(), now,
        now.plus(deadlines.apply(r.getPriority())), checked.toByteArray(), envelope.toByteArray());
    AuditEvent submitted = new AuditEvent(actor, AuditAction.MESSAGE_SUBMITTED, r.getCaseId(), r.getMessageId(),
        "to " + r.getRecipient() + ", " + inner.getBodyCase().name() + ", " + r.getPriority().name());
    try {
      outbox.insert(entry, c -> {
        pipeline.submitted(c, checked, found, actor, now);
        if (override != null) {
          audit.append(c, override);
        }
        return audit.append(c, submitted);
      }, () -> scheduler.enqueue(entry));  // on the writer, as soon as the row is durable
    } catch (org.relay247.gateway.store.StoreException e) {
      // A concurrent retry of the same submission committed first.
      var existing = outbox.findDurable(r.getMessageId());
      if (existing.isPresent()) {
        return new Submitted(sameMessage(existing.get(), draft), findings);
      }
      throw e;
    }
    return new Submitted(checked, findings);
  }

  private static String abbreviate(String s) {
    return s.length() <= 900 ? s : s.substring(0, 899) + "…";
  }

  private static InnerMessage sameMessage(OutboxEntry stored, InnerMessage draft) {
    InnerMessage asStored = StoredMessages.inner(stored.messageId(), stored.innerMessage());
    compare(asStored, draft);
    return asStored;
  }

  private static void compare(InnerMessage inner, InnerMessage draft) {
    // Equal but for what the node fills in (time, overrides, and sender/case when the draft left them empty).
    inner = inner.toBuilder().clearRuleOverrides().build();
    draft = draft.toBuilder().clearRuleOverrides().build();
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
      throw new MessageIdReusedException(inner.getRouting().getMessageId());
    }
  }
}
