package org.relay247.simulator.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one simulation run did and saw, the input of every report: steps, expectations with
 * pass/fail, every message the nodes exchanged with its outcome, escalations, faults and pings.
 * Times are virtual (the simulation clock); {@code wall} is real elapsed time.
 */
public record RunRecord(String name, String file, String description, long seed, Instant startedAt, Duration wall,
    Duration virtual, List<String> parties, List<StepResult> steps, List<ExpectationResult> expectations,
    List<MessageRecord> messages, List<EscalationRecord> escalations, List<FaultRecord> faults,
    List<PingRecord> pings, Optional<Long> maxHeapUsedBytes) {

  /** True when every step ran and every expectation held. */
  public boolean passed() {
    return steps.stream().allMatch(StepResult::ok) && expectations.stream().allMatch(ExpectationResult::passed);
  }

  /** One step as run. */
  public record StepResult(int index, int line, String description, Instant at, boolean ok, String detail) {}

  /** One expectation: what was expected, at which step and Party, and what was seen. */
  public record ExpectationResult(int step, int line, String expected, String party, boolean passed, String seen) {}

  /**
   * One message a node sent (or was refused at submission), as the sender's node holds it.
   *
   * @param ref the scenario's name for it ("" for messages the actors or ping sent)
   * @param state DELIVERED, REJECTED, PENDING, or REFUSED (not sent: blocked at the sender)
   */
  public record MessageRecord(String ref, String messageId, String caseId, String from, String to, String body,
      String priority, Instant createdAt, Optional<Instant> completedAt, String state, String reason, int attempts) {
    public String fromParty() {
      return from.substring(0, 2);
    }

    public String toParty() {
      return to.substring(0, 2);
    }

    public Optional<Duration> latency() {
      return completedAt.map(c -> Duration.between(createdAt, c));
    }
  }

  /** An escalation a node raised. */
  public record EscalationRecord(String party, String kind, String messageId, Instant raisedAt, String detail) {}

  /** A fault as injected, and what the product did about it when it is a one-off (tamper, replay). */
  public record FaultRecord(int step, String description, List<String> parties, Instant from,
      Optional<Instant> until, String outcome) {}

  /** One directed ping: answered by a signed pong in {@code millis}, or not and why. */
  public record PingRecord(String from, String to, boolean answered, long millis, String why) {}
}
