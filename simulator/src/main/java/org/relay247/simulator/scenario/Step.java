package org.relay247.simulator.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.relay247.protocol.v1.Priority;

/**
 * One step of a scenario, in order; {@link #index} counts from 1 and {@link #at} is its place in
 * the file, so a failure names both.
 */
public sealed interface Step {
  int index();

  Location at();

  /** A short description for reports, e.g. {@code send r1 FR/poc -> DE/poc art9-request}. */
  String describe();

  /**
   * A desk submits a message through its node's national API.
   *
   * @param ref the scenario's name for it, used by later steps and expectations
   * @param draft a template name from docs/examples ({@code art9-request}, {@code ping}, ...)
   * @param inCaseOf the case of this earlier message (empty: a new case)
   * @param replyTo answers this earlier message (routing.reply_to_id, same case)
   * @param bodyJson fields merged over the template, as protobuf JSON (empty: none)
   */
  record Send(int index, Location at, String ref, String from, String to, String draft, Priority priority,
      Optional<String> inCaseOf, Optional<String> replyTo, String bodyJson) implements Step {
    @Override
    public String describe() {
      return "send " + ref + " " + from + " -> " + to + " " + draft;
    }
  }

  /**
   * Art. 9.4: a Party's point of contact records a phone call (national API RecordOralRequest); the
   * node sends the record to the caller's authority and opens an oral Art. 9 track.
   *
   * @param ref the scenario's name for the record message
   * @param party the Party that took the call
   * @param caller the calling authority, e.g. {@code FR/poc}
   * @param bodyJson fields merged over the oral-request-record template (empty: none)
   */
  record OralRequest(int index, Location at, String ref, String party, String caller, String bodyJson)
      implements Step {
    @Override
    public String describe() {
      return "oral-request " + ref + " " + caller + " -> " + party + "/poc";
    }
  }

  /**
   * Moves the shared virtual clock on, as {@link Advance} does, to the first instant not before
   * the clock's current one at which it is {@code time} in UTC (the same day or the next).
   */
  record AdvanceTo(int index, Location at, LocalTime time) implements Step {
    @Override
    public String describe() {
      return "advance-to " + time;
    }

    /** How far the clock moves from {@code now}: less than a day, zero when it is {@code time} now. */
    public Duration from(Instant now) {
      ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
      ZonedDateTime target = utc.with(time);
      if (target.isBefore(utc)) {
        target = target.plusDays(1);
      }
      return Duration.between(utc, target);
    }
  }

  /** Moves the shared virtual clock on; timers, retries and escalations fire on the way. */
  record Advance(int index, Location at, Duration by) implements Step {
    @Override
    public String describe() {
      return "advance " + Durations.format(by);
    }
  }

  /**
   * A fault on the network or the PKI.
   *
   * @param parties the Parties concerned: one (all its links) or two (the link between them)
   * @param lasts heals by itself after this much virtual time (empty: until a {@code heal} step)
   */
  record Fault(int index, Location at, FaultKind kind, List<String> parties, Duration latency, Duration jitter,
      long bytesPerSecond, Duration skew, Optional<Duration> lasts, Optional<String> message) implements Step {
    @Override
    public String describe() {
      return "fault " + kind.token() + " " + String.join("-", parties) + lasts.map(d -> " for " + Durations.format(d))
          .orElse("") + message.map(m -> " " + m).orElse("");
    }
  }

  /** Ends the network faults on these Parties' links (all faults when empty). */
  record Heal(int index, Location at, List<String> parties) implements Step {
    @Override
    public String describe() {
      return "heal " + (parties.isEmpty() ? "all" : String.join("-", parties));
    }
  }

  /**
   * SIGKILL of a Party's node process ({@code --processes}): at once, or once the node has stored
   * {@code afterReceived} more messages (e.g. in the middle of a results transfer).
   */
  record Crash(int index, Location at, String party, int afterReceived) implements Step {
    @Override
    public String describe() {
      return "crash " + party + (afterReceived > 0 ? " after it received " + afterReceived + " message(s)" : "");
    }
  }

  /** Starts a crashed Party's node process again, on the same config, ports and database. */
  record Restart(int index, Location at, String party) implements Step {
    @Override
    public String describe() {
      return "restart " + party;
    }
  }

  /** Signs and distributes the next directory version, adding Parties that join later. */
  record DirectoryUpdate(int index, Location at, List<String> add) implements Step {
    @Override
    public String describe() {
      return "directory-update add " + String.join(", ", add);
    }
  }

  /** Every Party (or these) pings every other with a signed ping and waits for the signed pong. */
  record Ping(int index, Location at, List<String> from) implements Step {
    @Override
    public String describe() {
      return "ping " + (from.isEmpty() ? "all" : String.join(", ", from));
    }
  }

  /** Checks, at this point of the run, what the nodes hold. */
  record Expect(int index, Location at, Expectation expectation) implements Step {
    @Override
    public String describe() {
      return "expect " + expectation.describe();
    }
  }
}
