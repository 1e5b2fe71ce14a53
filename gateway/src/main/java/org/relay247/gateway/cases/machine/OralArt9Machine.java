package org.relay247.gateway.cases.machine;

import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.relay247.gateway.cases.CaseTimerSettings;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackKind;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.UrgencyClass;
import org.relay247.protocol.v1.Art9Confirmation;
import org.relay247.protocol.v1.DataCategory;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.OralRequestRecord;

/**
 * Art. 9.4 oral request: recorded by the point of contact that took the call (RECORDED), to be
 * "immediately followed" by an electronic confirmation (001 V§25) within the IMMEDIATE window or
 * the record's confirmation_due_at (class IMMEDIATE when that date lies within the window, FIXED
 * when later). The confirmation opens the Art. 9 life (OPEN); each field it
 * states differently from the record becomes an ORAL_MISMATCH flag.
 */
public final class OralArt9Machine extends Art9Machine {
  static final String CONFIRMATION = "oral.confirmation";

  public OralArt9Machine(CaseTimerSettings timers) {
    super(timers);
  }

  @Override
  public TrackKind kind() {
    return TrackKind.ORAL_ART9;
  }

  @Override
  public Transition open(Role role, InnerMessage request, Instant at, Map<String, String> context) {
    OralRequestRecord r = request.getOralRequestRecord();
    Transition.Builder b = Transition.to(TrackState.RECORDED);
    context.forEach(b::fact);
    Instant window = at.plus(timers.of(UrgencyClass.IMMEDIATE));
    Instant due = r.hasConfirmationDueAt() ? instant(r.getConfirmationDueAt()) : window;
    // The recording node writes its IMMEDIATE window into the record so that both sides run the
    // same deadline: a date within the window is that window; only a later one is a date of its own.
    UrgencyClass urgency = due.isAfter(window) ? UrgencyClass.FIXED : UrgencyClass.IMMEDIATE;
    b.fact("oralCategories", categories(r.getCategoriesList()))
        .fact("oralCallerAuthority", r.getCallerAuthority())
        .fact("oralDueAt", due.toString())
        .start(CONFIRMATION, urgency, "9.4", due);
    return b.build();
  }

  @Override
  public Transition apply(TrackSnapshot t, MachineEvent e) throws IllegalTransition {
    if (e.body() == InnerMessage.BodyCase.ART9_CONFIRMATION) {
      by(t, e, Role.REQUESTING);
      in(t, e, TrackState.RECORDED);
      Art9Confirmation c = e.message().getArt9Confirmation();
      Transition.Builder b = Transition.to(TrackState.OPEN).cancel(CONFIRMATION);
      String confirmed = categories(c.getRequest().getData().getCategoriesList());
      if (!confirmed.equals(t.fact("oralCategories"))) {
        b.flag("ORAL_MISMATCH", "data categories: oral request [" + t.fact("oralCategories") + "], confirmation ["
            + confirmed + "]");
      }
      String sender = e.message().getRouting().getSender();
      if (!t.fact("oralCallerAuthority").isEmpty() && !t.fact("oralCallerAuthority").equals(sender)) {
        b.flag("ORAL_MISMATCH", "caller authority: oral request " + t.fact("oralCallerAuthority")
            + ", confirmation sent by " + sender);
      }
      if (!t.fact("oralDueAt").isEmpty() && e.at().isAfter(Instant.parse(t.fact("oralDueAt")))) {
        b.flag("LATE_CONFIRMATION", "confirmation " + e.message().getRouting().getMessageId() + " came after "
            + t.fact("oralDueAt") + " (9.4: an oral request is immediately followed by written confirmation)");
      }
      startResponseClocks(b, t.facts(), e.at());
      return b.build();
    }
    if (t.state() == TrackState.RECORDED && e.body() != InnerMessage.BodyCase.CONSULTATION_MESSAGE) {
      throw new IllegalTransition(e.bodyName() + " on track " + t.trackId() + " in state RECORDED"
          + " (expected: the electronic confirmation of the oral request first, Art. 9.4)");
    }
    return super.apply(t, e);
  }

  private static String categories(java.util.List<DataCategory> list) {
    return list.stream().map(c -> c.name().replaceFirst("^DATA_CATEGORY_", ""))
        .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(","));
  }
}
