package org.relay247.gateway.rules;

import java.time.Instant;
import java.util.Objects;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.InnerMessage;

/**
 * What a rule looks at: the draft or received message, who sends it, to whom, the directory as of
 * the date, and the date itself. Sender and recipient are given explicitly (a draft's routing may
 * not name its sender yet); the rules do not read them from the routing.
 */
public record RuleContext(InnerMessage message, Address sender, Address recipient, DirectoryAsOf directory,
    Instant at) {

  public RuleContext {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(at, "at");
    if (!directory.at().equals(at)) {
      throw new IllegalArgumentException("directory is as of " + directory.at() + ", not " + at);
    }
  }

  public static RuleContext of(InnerMessage message, Address sender, Address recipient, Directory directory,
      Instant at) {
    return of(message, sender, recipient, directory, at, java.util.List.of());
  }

  /** As above, with the suspensions the node recorded from notices (one model with the directory's). */
  public static RuleContext of(InnerMessage message, Address sender, Address recipient, Directory directory,
      Instant at, java.util.List<KnownSuspension> recorded) {
    return new RuleContext(message, sender, recipient, new DirectoryAsOf(directory, at, recorded), at);
  }

  /** ISO code of the sending Party, e.g. "FR". */
  public String senderParty() {
    return sender.party().code();
  }

  /** ISO code of the requested or notified Party, e.g. "DE". */
  public String recipientParty() {
    return recipient.party().code();
  }
}
