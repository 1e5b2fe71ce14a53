package org.relay247.gateway.cases.machine;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.relay247.gateway.cases.CaseTimerSettings;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;
import org.relay247.protocol.v1.Condition;
import org.relay247.protocol.v1.ConditionAcceptance;
import org.relay247.protocol.v1.ConditionAnswer;
import org.relay247.protocol.v1.ConditionKind;
import org.relay247.protocol.v1.ConditionResponse;
import org.relay247.protocol.v1.ContactDetails;
import org.relay247.protocol.v1.CopyKind;
import org.relay247.protocol.v1.Determination;
import org.relay247.protocol.v1.DeterminationOutcome;
import org.relay247.protocol.v1.EvidenceItem;
import org.relay247.protocol.v1.EvidenceManifest;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Routing;

/** Messages and tracks for the machine tests. */
final class Msgs {
  static final Instant T0 = Instant.parse("2025-11-21T02:00:00Z");
  static final CaseTimerSettings TIMERS = CaseTimerSettings.defaults();

  private Msgs() {}

  static InnerMessage.Builder msg(String id) {
    return InnerMessage.newBuilder().setRouting(Routing.newBuilder().setMessageId(id).setCaseId("case-1")
        .setSender("FR/poc").setRecipient("DE/poc")).setSenderContact(ContactDetails.newBuilder().setName("K. Brenner"));
  }

  static InnerMessage determination(String id, DeterminationOutcome outcome, Condition... conditions) {
    return msg(id).setDetermination(Determination.newBuilder().setRequestMessageId("req").setOutcome(outcome)
        .addAllConditions(List.of(conditions))).build();
  }

  static Condition condition(String id, ConditionKind kind) {
    return Condition.newBuilder().setId(id).setKind(kind).setText("only for case J3").setArticle("28.2.b").build();
  }

  static InnerMessage conditionResponse(String id, String determinationId, ConditionAcceptance... answers) {
    ConditionResponse.Builder r = ConditionResponse.newBuilder().setDeterminationMessageId(determinationId);
    for (int i = 0; i < answers.length; i++) {
      r.addAnswers(ConditionAnswer.newBuilder().setConditionId("c" + (i + 1)).setAcceptance(answers[i]));
    }
    return msg(id).setConditionResponse(r).build();
  }

  static InnerMessage manifest(String id, CopyKind copy, String... itemAndHashByte) {
    EvidenceManifest.Builder m = EvidenceManifest.newBuilder().setRequestMessageId("req").setCopyKind(copy);
    for (int i = 0; i < itemAndHashByte.length; i += 2) {
      byte[] sha = new byte[32];
      sha[0] = (byte) Integer.parseInt(itemAndHashByte[i + 1]);
      m.addItems(EvidenceItem.newBuilder().setItemId(itemAndHashByte[i]).setSha256(ByteString.copyFrom(sha)));
    }
    return msg(id).setEvidenceManifest(m).build();
  }

  static TrackSnapshot track(TrackKind kind, Role role, TrackState state) {
    return new TrackSnapshot("req", kind, role, "DE/poc", state, Map.of(), List.of(), Map.of());
  }

  /** Applies a transition's state, facts and conditions to a snapshot, as the engine would. */
  static TrackSnapshot after(TrackSnapshot t, Transition x) {
    java.util.Map<String, String> facts = new java.util.HashMap<>(t.facts());
    facts.putAll(x.facts());
    java.util.List<org.relay247.gateway.cases.ConditionView> conditions = new java.util.ArrayList<>();
    for (var c : t.conditions()) {
      var answer = x.conditionAnswers().get(c.conditionId());
      conditions.add(answer == null ? c : new org.relay247.gateway.cases.ConditionView(c.trackId(),
          c.determinationMessageId(), c.conditionId(), c.kind(), c.text(), c.article(), answer));
    }
    conditions.addAll(x.conditionsImposed());
    java.util.Map<String, String> prelim = new java.util.HashMap<>(t.preliminaryHashes());
    x.manifestItems().stream().filter(i -> i.copyKind().equals("PRELIMINARY"))
        .forEach(i -> prelim.put(i.itemId(), i.sha256Hex()));
    return new TrackSnapshot(t.trackId(), t.kind(), t.role(), t.counterpart(), x.state(), facts, conditions, prelim);
  }

  static MachineEvent by(Role by, boolean outbound, InnerMessage m) {
    return new MachineEvent(by, outbound, m, T0.plusSeconds(60));
  }
}
