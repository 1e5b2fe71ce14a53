package org.relay247.gateway.cases.machine;

import java.time.Instant;
import java.util.Map;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.protocol.v1.InnerMessage;

/**
 * The state machine of one kind of request: pure functions from (track, message) to a
 * {@link Transition}. Nothing here touches the store, the clock or the network; the engine
 * supplies the time in the event and applies the result.
 */
public interface TrackMachine {
  TrackKind kind();

  /**
   * The transition of the request that opens a track.
   *
   * @param role this node's side (REQUESTING when it sends the request)
   * @param request the opening message
   * @param at when the node handled it
   * @param context facts from the directory the machine needs (e.g. {@code declared9_5=true})
   */
  Transition open(Role role, InnerMessage request, Instant at, Map<String, String> context);

  /**
   * The transition of a later message on the track.
   *
   * @throws IllegalTransition naming the track, its state and what was expected
   */
  Transition apply(TrackSnapshot track, MachineEvent event) throws IllegalTransition;

  /**
   * A later request of {@code kind} follows this track up (an Art. 8 order after an Art. 7 order, a
   * request after a preservation). Default: timeline only, the state does not change.
   */
  default Transition followedBy(TrackSnapshot track, TrackKind kind, Instant at) {
    return Transition.to(track.state()).build();
  }
}
