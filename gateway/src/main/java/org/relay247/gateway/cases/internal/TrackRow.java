package org.relay247.gateway.cases.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;

/** A stored track: what a machine needs plus the case, the link and the optimistic version. */
public record TrackRow(String trackId, String caseId, TrackKind kind, Role role, String counterpart, TrackState state,
    Instant openedAt, Instant updatedAt, Optional<String> linkedTo, Map<String, String> facts, int version) {
  public TrackRow {
    facts = Map.copyOf(facts);
  }
}
