package org.relay247.simulator.scenario;

import java.util.List;
import java.util.Optional;

/** What a scenario expects at one point of the run; each kind says what "holds" means. */
public sealed interface Expectation {
  String describe();

  /** The message reached its recipient, whose signed acceptance the sender verified. */
  record Delivered(String ref) implements Expectation {
    @Override
    public String describe() {
      return "delivered " + ref;
    }
  }

  /**
   * The message was refused: by the sender's node at submission (a blocking finding) or by the
   * recipient with a signed rejection; with this code when given.
   */
  record Rejected(String ref, Optional<String> code) implements Expectation {
    @Override
    public String describe() {
      return "rejected " + ref + code.map(c -> " with " + c).orElse("");
    }
  }

  /** The sender's node reported this finding (code, and severity when given) on submission. */
  record Finding(String ref, String code, Optional<String> severity) implements Expectation {
    @Override
    public String describe() {
      return "finding " + code + severity.map(s -> " " + s).orElse("") + " on " + ref;
    }
  }

  /** The request's track at {@code party} is in this state (e.g. DETERMINED). */
  record Track(String party, String ref, String state) implements Expectation {
    @Override
    public String describe() {
      return "track of " + ref + " at " + party + " " + state;
    }
  }

  /** {@code party} raised at least {@code atLeast} escalations of this kind (about {@code ref} when given). */
  record Escalation(String party, String kind, Optional<String> ref, int atLeast) implements Expectation {
    @Override
    public String describe() {
      return "escalation " + kind + " at " + party + ref.map(r -> " on " + r).orElse("");
    }
  }

  /** {@code party} missed at least {@code atLeast} case timers (CASE_TIMER escalations). */
  record TimersMissed(String party, int atLeast) implements Expectation {
    @Override
    public String describe() {
      return "timers missed at " + party + " >= " + atLeast;
    }
  }

  /** The case of {@code ref} at {@code party} holds a flag with this code (e.g. ORAL_MISMATCH). */
  record Flag(String party, String ref, String code) implements Expectation {
    @Override
    public String describe() {
      return "flag " + code + " at " + party + " in the case of " + ref;
    }
  }

  /**
   * The case of {@code ref} at {@code party} holds an obligation of this kind (e.g. FOLLOW_UP_9_5),
   * open (not yet discharged) or closed.
   */
  record Obligation(String party, String ref, String kind, boolean open) implements Expectation {
    @Override
    public String describe() {
      return "obligation " + kind + (open ? " open" : " closed") + " at " + party + " in the case of " + ref;
    }
  }

  /** Condition {@code id} of the case of {@code ref} at {@code party} has this status (IMPOSED, BINDING, REFUSED). */
  record Condition(String party, String ref, String id, String status) implements Expectation {
    @Override
    public String describe() {
      return "condition " + id + " " + status + " at " + party + " in the case of " + ref;
    }
  }

  /** The sender of {@code ref} received an answer to it with this body (e.g. determination). */
  record Answered(String ref, String body) implements Expectation {
    @Override
    public String describe() {
      return "answer " + body + " to " + ref;
    }
  }

  /** {@code party} stored these messages in this order. */
  record Order(String party, List<String> refs) implements Expectation {
    @Override
    public String describe() {
      return "order at " + party + ": " + String.join(", ", refs);
    }
  }

  /** Every ping of the scenario got its signed pong (at least {@code atLeast} pairs). */
  record Pongs(int atLeast) implements Expectation {
    @Override
    public String describe() {
      return "pongs >= " + atLeast;
    }
  }

  /** The results of {@code ref} reached the requester, every SHA-256 matching the signed manifest. */
  record ResultsMatch(String ref) implements Expectation {
    @Override
    public String describe() {
      return "results of " + ref + " match";
    }
  }

  /**
   * The sender's node still holds the message undelivered (e.g. during a partition); when
   * {@code error} is given, its last delivery attempt failed with an error containing it.
   */
  record Pending(String ref, Optional<String> error) implements Expectation {
    @Override
    public String describe() {
      return "pending " + ref + error.map(e -> " with error " + e).orElse("");
    }
  }
}
