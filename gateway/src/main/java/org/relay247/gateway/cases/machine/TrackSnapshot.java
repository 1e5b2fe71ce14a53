package org.relay247.gateway.cases.machine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.relay247.gateway.cases.ConditionView;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;

/**
 * What a state machine knows of a track.
 *
 * @param trackId the request's message id
 * @param kind kind of request
 * @param role this node's side
 * @param counterpart the other side's address
 * @param state current state
 * @param facts small key-value facts kept from earlier messages (no content: categories, dates,
 *     flags from the directory such as a 9.5 declaration)
 * @param conditions conditions imposed on the track so far
 * @param preliminaryHashes item id to SHA-256 (hex) of the preliminary copies received (10.6)
 */
public record TrackSnapshot(String trackId, TrackKind kind, Role role, String counterpart, TrackState state,
    Map<String, String> facts, List<ConditionView> conditions, Map<String, String> preliminaryHashes) {
  public TrackSnapshot {
    Objects.requireNonNull(trackId, "trackId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(state, "state");
    facts = Map.copyOf(facts);
    conditions = List.copyOf(conditions);
    preliminaryHashes = Map.copyOf(preliminaryHashes);
  }

  public String fact(String key) {
    return facts.getOrDefault(key, "");
  }
}
