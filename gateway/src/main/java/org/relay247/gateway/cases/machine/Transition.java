package org.relay247.gateway.cases.machine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relay247.gateway.cases.ConditionView;
import org.relay247.gateway.cases.ObligationView;
import org.relay247.gateway.cases.Role;
import org.relay247.gateway.cases.TrackState;
import org.relay247.gateway.cases.UrgencyClass;

/**
 * What a message does to a track: the new state, timers started and cancelled, obligations
 * opened and closed, conditions imposed or answered, flags raised, facts remembered. Produced by a
 * state machine; applied by the engine in the transaction that stores the message.
 */
public record Transition(TrackState state, List<TimerStart> timersStarted, List<String> timersCancelled,
    List<ObligationOpen> obligationsOpened, List<ObligationView.Kind> obligationsClosed,
    List<ConditionView> conditionsImposed, Map<String, ConditionView.Status> conditionAnswers,
    List<Flag> flags, Map<String, String> facts, List<ManifestItem> manifestItems) {

  /** Cancels every active timer of the track. */
  public static final String ALL_TIMERS = "*";

  public Transition {
    timersStarted = List.copyOf(timersStarted);
    timersCancelled = List.copyOf(timersCancelled);
    obligationsOpened = List.copyOf(obligationsOpened);
    obligationsClosed = List.copyOf(obligationsClosed);
    conditionsImposed = List.copyOf(conditionsImposed);
    conditionAnswers = Map.copyOf(conditionAnswers);
    flags = List.copyOf(flags);
    facts = Map.copyOf(facts);
    manifestItems = List.copyOf(manifestItems);
  }

  /** A timer to start. */
  public record TimerStart(String name, UrgencyClass urgency, String article, Instant dueAt) {}

  /** An obligation to open. */
  public record ObligationOpen(ObligationView.Kind kind, Role owedBy, String article) {}

  /** A flag to raise. */
  public record Flag(String code, String detail) {}

  /** An item of an evidence manifest, remembered for the 10.6 comparison. */
  public record ManifestItem(String manifestId, String itemId, String copyKind, String sha256Hex) {}

  public static Builder to(TrackState state) {
    return new Builder(state);
  }

  /** Collects a transition. */
  public static final class Builder {
    private TrackState state;
    private final List<TimerStart> started = new ArrayList<>();
    private final List<String> cancelled = new ArrayList<>();
    private final List<ObligationOpen> opened = new ArrayList<>();
    private final List<ObligationView.Kind> closed = new ArrayList<>();
    private final List<ConditionView> imposed = new ArrayList<>();
    private final Map<String, ConditionView.Status> answers = new LinkedHashMap<>();
    private final List<Flag> flags = new ArrayList<>();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final List<ManifestItem> items = new ArrayList<>();

    private Builder(TrackState state) {
      this.state = state;
    }

    public Builder state(TrackState s) {
      state = s;
      return this;
    }

    public Builder start(String name, UrgencyClass urgency, String article, Instant dueAt) {
      started.add(new TimerStart(name, urgency, article, dueAt));
      return this;
    }

    public Builder cancel(String name) {
      cancelled.add(name);
      return this;
    }

    public Builder open(ObligationView.Kind kind, Role owedBy, String article) {
      opened.add(new ObligationOpen(kind, owedBy, article));
      return this;
    }

    public Builder close(ObligationView.Kind kind) {
      closed.add(kind);
      return this;
    }

    public Builder impose(ConditionView c) {
      imposed.add(c);
      return this;
    }

    public Builder answer(String conditionId, ConditionView.Status status) {
      answers.put(conditionId, status);
      return this;
    }

    public Builder flag(String code, String detail) {
      flags.add(new Flag(code, detail));
      return this;
    }

    public Builder fact(String key, String value) {
      facts.put(key, value);
      return this;
    }

    public Builder item(ManifestItem item) {
      items.add(item);
      return this;
    }

    public TrackState state() {
      return state;
    }

    public Transition build() {
      return new Transition(state, started, cancelled, opened, closed, imposed, answers, flags, facts, items);
    }
  }
}
