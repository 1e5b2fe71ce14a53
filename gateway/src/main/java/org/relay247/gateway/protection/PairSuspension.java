package org.relay247.gateway.protection;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.relay247.gateway.rules.MessageKinds;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.v1.CooperationType;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.SuspensionKind;

/**
 * An Art. 14.15 suspension of personal-data transfers between this node's Party and another,
 * as recorded from a SuspensionNotice (step IMPOSED) this node sent or received.
 *
 * @param noticeMessageId the notice that imposed it
 * @param otherParty the Party on the other side of the pair
 * @param suspendingParty who imposed it (this node's Party or the other)
 * @param scope forms of cooperation concerned; empty: all transfers of personal data
 * @param liftedAt when a LIFTED notice ended it
 * @param withoutPriorNotice a FULL suspension recorded with no prior notice (step NOTICE) of its
 *     suspending Party to the other, as Art. 14.15 requires
 */
public record PairSuspension(String noticeMessageId, PartyCode otherParty, PartyCode suspendingParty,
    SuspensionKind kind, List<CooperationType> scope, Instant effectiveFrom, Optional<Instant> liftedAt,
    boolean withoutPriorNotice) {

  public PairSuspension {
    Objects.requireNonNull(noticeMessageId, "noticeMessageId");
    Objects.requireNonNull(otherParty, "otherParty");
    Objects.requireNonNull(suspendingParty, "suspendingParty");
    Objects.requireNonNull(kind, "kind");
    scope = List.copyOf(scope);
    Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    Objects.requireNonNull(liftedAt, "liftedAt");
  }

  /**
   * The one model: the suspending Party suspends transfers to the Party on the other side. When
   * this node suspended, that is {@link #otherParty}; when the other suspended, it is this node's
   * Party, which the caller knows as the recipient of the notice (here: not the suspending one).
   */
  public org.relay247.gateway.rules.KnownSuspension known(PartyCode self) {
    PartyCode to = suspendingParty.equals(self) ? otherParty : self;
    var entry = org.relay247.protocol.v1.PairSuspension.newBuilder().setSuspendingParty(suspendingParty.code())
        .setKind(kind).addAllScope(scope).setNoticeMessageId(noticeMessageId)
        .setEffectiveFrom(com.google.protobuf.util.Timestamps.fromMillis(effectiveFrom.toEpochMilli()));
    liftedAt.ifPresent(l -> entry.setEffectiveTo(com.google.protobuf.util.Timestamps.fromMillis(l.toEpochMilli())));
    return new org.relay247.gateway.rules.KnownSuspension(to.code(), entry.build());
  }

  /** In effect at {@code at}: started and not lifted. */
  public boolean inEffect(Instant at) {
    return !at.isBefore(effectiveFrom) && liftedAt.map(at::isBefore).orElse(true);
  }

  /**
   * Whether it covers this message: only bodies that carry personal data, and for a scoped
   * suspension only bodies whose form of cooperation is in scope (results, whose form the body
   * does not tell, only under a suspension of all transfers), as the directory rule SUSP_14_15.
   */
  public boolean covers(InnerMessage m) {
    if (!MessageKinds.carriesPersonalData(m)) {
      return false;
    }
    return scope.isEmpty() || MessageKinds.cooperationType(m).map(scope::contains).orElse(false);
  }
}
