package org.relay247.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's Prometheus metrics: messages by direction, priority and outcome; time from
 * submission to verified receipt; queue depth per recipient; retries; escalations. Labels never
 * carry message content or ids.
 */
public final class NodeMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, AtomicLong> queueDepth = new ConcurrentHashMap<>();
  private volatile String self = "";
  private final MultiGauge expiryGauge = MultiGauge.builder("relay247_expiry_remaining_seconds")
      .description("Seconds until a certificate, CRL (nextUpdate) or the directory signer runs out")
      .baseUnit("seconds").register(registry);

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** direction: inbound|outbound; outcome: accepted|rejected|duplicate. */
  public void message(String direction, String priority, String outcome) {
    Counter.builder("relay247_messages").description("Messages by direction, priority and outcome")
        .tag("direction", direction).tag("priority", priority).tag("outcome", outcome)
        .register(registry).increment();
  }

  /** The Party this node serves: the {@code from} of every country-pair metric. */
  public void forParty(String party) {
    self = party;
  }

  /** Submission to verified receipt, per priority and country pair ({@code from} this node's Party). */
  public void timeToReceipt(String priority, String recipientParty, Duration d) {
    Timer.builder("relay247_time_to_receipt").description("From submission to verified receipt")
        .tag("priority", priority).tag("from", self).tag("to", recipientParty).publishPercentileHistogram()
        .register(registry).record(d);
  }

  /** Submission of a message to the first message received in reply to it, per country pair. */
  public void timeToFirstAnswer(String recipientParty, Duration d) {
    Timer.builder("relay247_time_to_first_answer").description("From submission to the first answer received")
        .tag("from", self).tag("to", recipientParty).publishPercentileHistogram().register(registry).record(d);
  }

  /** kind: attempt (a failed delivery attempt, retried), rejected (refused by the recipient), overdue. */
  public void pairFailure(String recipientParty, String kind) {
    Counter.builder("relay247_pair_failures").description("Delivery failures per country pair")
        .tag("from", self).tag("to", recipientParty).tag("kind", kind).register(registry).increment();
  }

  public void retry(String recipientParty) {
    Counter.builder("relay247_delivery_retries").tag("recipient", recipientParty).register(registry).increment();
  }

  /**
   * A cluster member's write for delivery work to {@code recipientParty} was refused by its lease's
   * fence (another member took the work over): the work was abandoned, nothing written.
   */
  public void fencedWrite(String recipientParty) {
    Counter.builder("relay247_cluster_fenced_writes").tag("recipient", recipientParty).register(registry).increment();
  }

  public void escalation(String kind) {
    Counter.builder("relay247_escalations").tag("kind", kind).register(registry).increment();
  }

  /** A case timer of this urgency class (IMMEDIATE, ..., FIXED) fired: the awaited step did not come in time. */
  public void caseTimerMissed(String urgencyClass) {
    Counter.builder("relay247_case_timers_missed").description("Case timers that fired, by urgency class")
        .tag("class", urgencyClass).register(registry).increment();
  }

  public void queueDepth(String recipientParty, long depth) {
    queueDepth.computeIfAbsent(recipientParty, p -> {
      AtomicLong v = new AtomicLong();
      Gauge.builder("relay247_queue_depth", v, AtomicLong::get).tag("recipient", p)
          .description("Messages waiting for delivery").register(registry);
      return v;
    }).set(depth);
  }

  /**
   * Time left of everything the node relies on that runs out (gauge
   * {@code relay247_expiry_remaining_seconds{item,kind}}, negative once run out), as of the last
   * expiry check; items no longer held (a peer certificate dropped from the directory) disappear.
   */
  public void expiry(java.util.List<Remaining> remaining) {
    expiryGauge.register(remaining.stream().map(r -> MultiGauge.Row.of(
        Tags.of("item", r.item(), "kind", r.kind()), r.left().toSeconds())).toList(), true);
  }

  /** Time left of one item (an {@code expiry.ExpiryStatus}), for {@link #expiry}. */
  public record Remaining(String item, String kind, java.time.Duration left) {}

  /**
   * Registers, at zero, {@code relay247_case_timers_missed} for every urgency class of case timers
   * (the case timer worker names them), so the series exist from the first scrape.
   */
  public void caseTimerClasses(java.util.Collection<String> classes) {
    for (String c : classes) {
      Counter.builder("relay247_case_timers_missed").description("Case timers that fired, by urgency class")
          .tag("class", c).register(registry);
    }
  }

  /**
   * Registers, at zero, the counters and gauges that dashboards and alert rules use, for every
   * peer Party: the series exist from the first scrape, so {@code increase()} sees the first
   * event and an absent series is a real gap. (Histograms appear with their first measurement:
   * at zero for every pair and priority they would be thousands of empty buckets.)
   */
  public void preregister(java.util.Collection<String> peers) {
    for (String kind : java.util.List.of("DELIVERY_OVERDUE", "CASE_TIMER", "EXPIRY_WARNING", "EXPIRY_CRITICAL")) {
      Counter.builder("relay247_escalations").tag("kind", kind).register(registry);
    }
    for (String peer : peers) {
      queueDepth(peer, queueDepth.containsKey(peer) ? queueDepth.get(peer).get() : 0);
      Counter.builder("relay247_delivery_retries").tag("recipient", peer).register(registry);
      for (String kind : java.util.List.of("attempt", "rejected", "overdue")) {
        Counter.builder("relay247_pair_failures").description("Delivery failures per country pair")
            .tag("from", self).tag("to", peer).tag("kind", kind).register(registry);
      }
    }
  }

  public String scrape() {
    return registry.scrape();
  }
}
