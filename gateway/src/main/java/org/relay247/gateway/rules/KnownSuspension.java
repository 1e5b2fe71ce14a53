package org.relay247.gateway.rules;

import java.util.Objects;
import org.relay247.protocol.v1.PairSuspension;

/**
 * The one Art. 14.15 suspension model: the suspending Party ({@code entry.suspending_party})
 * suspends transfers of personal data <em>to</em> {@code otherParty}, for a scope (empty: all),
 * from {@code effective_from} until lifted ({@code effective_to}). The directory's
 * {@code PartyPair.suspensions} and the suspensions a node recorded from SuspensionNotice messages
 * (sent or received) have this one meaning; the rules see both (SUSP_14_15 blocks what the
 * suspending Party sends, SUSP_14_15_ANSWER warns a requester that no data will come back).
 *
 * @param otherParty the Party transfers to which are suspended
 * @param entry as a directory entry (notice_message_id names the notice, when recorded from one)
 */
public record KnownSuspension(String otherParty, PairSuspension entry) {
  public KnownSuspension {
    Objects.requireNonNull(otherParty, "otherParty");
    Objects.requireNonNull(entry, "entry");
    if (entry.getSuspendingParty().isEmpty()) {
      throw new IllegalArgumentException("entry.suspending_party: empty (expected: the suspending Party)");
    }
  }

  public String suspendingParty() {
    return entry.getSuspendingParty();
  }
}
