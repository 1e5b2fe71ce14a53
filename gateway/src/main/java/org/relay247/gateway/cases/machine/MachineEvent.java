package org.relay247.gateway.cases.machine;

import java.time.Instant;
import java.util.Objects;
import org.relay247.gateway.cases.Role;
import org.relay247.protocol.v1.InnerMessage;

/**
 * A message on a track, as a state machine sees it.
 *
 * @param by which side of the track sent it
 * @param outbound whether this node sent it (an operator's act) or received it
 * @param message the whole message (routing, sender, body)
 * @param at when the node handled it
 */
public record MachineEvent(Role by, boolean outbound, InnerMessage message, Instant at) {
  public MachineEvent {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
  }

  public InnerMessage.BodyCase body() {
    return message.getBodyCase();
  }

  /** Lowercase body name for messages, e.g. "determination". */
  public String bodyName() {
    return Machines.bodyName(message.getBodyCase());
  }
}
