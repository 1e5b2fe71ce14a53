package org.relay247.gateway.cases.machine;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.relay247.gateway.cases.CaseTimerSettings;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.protocol.v1.InnerMessage;

/** The state machine of every track kind, with the configured timer durations. */
public final class Machines {
  private final Map<TrackKind, TrackMachine> machines = new EnumMap<>(TrackKind.class);

  public Machines(CaseTimerSettings timers) {
    add(new Art9Machine(timers));
    add(new OralArt9Machine(timers));
    add(new Art10Machine(timers));
    add(new Art8Machine(timers));
    add(new Art7Machine());
    add(new Art6Machine(timers));
    add(new PreservationMachine(timers));
  }

  private void add(TrackMachine m) {
    machines.put(m.kind(), m);
  }

  public TrackMachine of(TrackKind kind) {
    return machines.get(kind);
  }

  /** "determination", "evidence manifest": body names for messages. */
  static String bodyName(InnerMessage.BodyCase body) {
    return body.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
