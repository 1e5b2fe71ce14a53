package org.relay247.gateway.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.relay247.gateway.rules.Finding;
import org.relay247.gateway.rules.JudgedAt;
import org.relay247.gateway.rules.KnownSuspension;
import org.relay247.gateway.rules.TreatyRules;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.Address;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.InnerMessage;

/**
 * The treaty rules (docs/treaty-rules.md) as the first step of every {@link Pipeline}: on submit
 * judged as of now, on arrival judged by the directory in force when the message was created
 * (within {@link JudgedAt#IN_FLIGHT_GRACE}), as the sender did; the receiving Party applies them
 * again with its own directory. Suspensions the node recorded from Art. 14.15 notices count like
 * the directory's, in one model.
 */
public final class TreatyRulesStep implements MessageStep {
  private final TreatyRules rules = TreatyRules.standard();
  private final Supplier<Directory> directory;
  private final Supplier<List<KnownSuspension>> recordedSuspensions;

  /**
   * @param directory the directory in force
   * @param recordedSuspensions the suspensions recorded from notices ({@code protection.Suspensions#known})
   */
  public TreatyRulesStep(Supplier<Directory> directory, Supplier<List<KnownSuspension>> recordedSuspensions) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.recordedSuspensions = Objects.requireNonNull(recordedSuspensions, "recordedSuspensions");
  }

  /** The rules over the directory alone (no suspensions recorded from notices). */
  public TreatyRulesStep(Supplier<Directory> directory) {
    this(directory, List::of);
  }

  @Override
  public List<Finding> findings(InnerMessage message, Instant now) {
    return evaluate(message, now);
  }

  @Override
  public List<Finding> received(InnerMessage message, PartyCode peer, Instant now) {
    return evaluate(message, JudgedAt.of(message, now));
  }

  private List<Finding> evaluate(InnerMessage message, Instant at) {
    return rules.evaluate(message, Address.parse(message.getRouting().getSender()),
        Address.parse(message.getRouting().getRecipient()), directory.get(), at, recordedSuspensions.get());
  }
}
