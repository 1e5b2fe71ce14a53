package org.relay247.gateway.api;

import org.relay247.gateway.cases.CaseEventView;
import org.relay247.gateway.cases.CaseView;
import org.relay247.protocol.v1.CaseCondition;
import org.relay247.protocol.v1.CaseDetail;
import org.relay247.protocol.v1.CaseFlag;
import org.relay247.protocol.v1.CaseObligation;
import org.relay247.protocol.v1.CaseTimelineEvent;
import org.relay247.protocol.v1.CaseTimer;
import org.relay247.protocol.v1.CaseTrack;

/** Case views to national API messages (national_api.proto, docs/cases.md). */
final class CaseMessages {
  private CaseMessages() {}

  static CaseDetail detail(CaseView v) {
    CaseDetail.Builder b = CaseDetail.newBuilder().setCaseId(v.caseId()).setOpenedAt(ApiMessages.timestamp(v.openedAt()));
    v.tracks().forEach(t -> b.addTracks(CaseTrack.newBuilder().setRequestMessageId(t.requestMessageId())
        .setKind(t.kind().name()).setCounterpart(t.counterpart()).setRole(t.role().name()).setState(t.state().name())
        .setOpenedAt(ApiMessages.timestamp(t.openedAt())).setUpdatedAt(ApiMessages.timestamp(t.updatedAt()))
        .setLinkedTo(t.linkedTo().orElse(""))));
    v.timers().forEach(t -> b.addTimers(CaseTimer.newBuilder().setTrackId(t.trackId()).setName(t.name())
        .setUrgency(t.urgency().name()).setArticle(t.article()).setStartedAt(ApiMessages.timestamp(t.startedAt()))
        .setDueAt(ApiMessages.timestamp(t.dueAt())).setStatus(t.status().name())));
    v.conditions().forEach(c -> b.addConditions(CaseCondition.newBuilder().setTrackId(c.trackId())
        .setDeterminationMessageId(c.determinationMessageId()).setConditionId(c.conditionId()).setKind(c.kind())
        .setText(c.text()).setArticle(c.article()).setStatus(c.status().name()).setDestination(c.destination())));
    v.obligations().forEach(o -> b.addObligations(CaseObligation.newBuilder().setTrackId(o.trackId())
        .setKind(o.kind().name()).setOwedBy(o.owedBy().name()).setArticle(o.article())
        .setOpenedAt(ApiMessages.timestamp(o.openedAt())).setClosedBy(o.closedBy().orElse(""))));
    v.flags().forEach(f -> b.addFlags(CaseFlag.newBuilder().setTrackId(f.trackId()).setMessageId(f.messageId())
        .setCode(f.code()).setDetail(f.detail()).setRaisedAt(ApiMessages.timestamp(f.raisedAt()))));
    return b.build();
  }

  static CaseTimelineEvent event(CaseEventView e) {
    return CaseTimelineEvent.newBuilder().setSeq(e.seq()).setAt(ApiMessages.timestamp(e.at()))
        .setTrackId(e.trackId().orElse("")).setMessageId(e.messageId().orElse("")).setEvent(e.event())
        .setBodyType(e.bodyType()).setStateBefore(e.stateBefore().map(Enum::name).orElse(""))
        .setStateAfter(e.stateAfter().map(Enum::name).orElse("")).setActor(e.actor()).build();
  }
}
