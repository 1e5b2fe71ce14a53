package org.relay247.gateway.pipeline;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.relay247.gateway.rules.Finding;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Receipt;

/**
 * The ordered, immutable list of {@link MessageStep}s every message goes through, given to the
 * submit ({@code delivery.OutboxService}), receive ({@code exchange.InboundProcessor}) and delivery
 * ({@code delivery.DeliveryScheduler}) paths when they are built. The treaty rules are always the
 * first step; the node wires, in this order: treaty rules, cases ({@code cases.CaseStep}), Art. 14
 * controls ({@code protection.ProtectionStep}) (docs/architecture.md, "The message pipeline").
 * Each hook point runs the steps in this order; a step that throws stops the ones after it.
 *
 * @param steps the steps in order, the first a {@link TreatyRulesStep}
 */
public record Pipeline(List<MessageStep> steps) {

  public Pipeline {
    steps = List.copyOf(steps);
    if (steps.isEmpty() || !(steps.get(0) instanceof TreatyRulesStep)) {
      throw new IllegalArgumentException("pipeline steps: " + steps.stream().map(s -> s.getClass().getSimpleName())
          .toList() + " (expected: the treaty rules first)");
    }
  }

  /** The treaty rules, then {@code after} in order. */
  public static Pipeline of(TreatyRulesStep rules, MessageStep... after) {
    List<MessageStep> all = new ArrayList<>(List.of(rules));
    all.addAll(List.of(after));
    return new Pipeline(all);
  }

  /** Every step's findings on a draft, in step order. */
  public List<Finding> findings(InnerMessage message, Instant now) {
    List<Finding> all = new ArrayList<>();
    for (MessageStep s : steps) {
      all.addAll(s.findings(message, now));
    }
    return List.copyOf(all);
  }

  /** See {@link MessageStep#check}. */
  public void check(InnerMessage message, Instant now) {
    for (MessageStep s : steps) {
      s.check(message, now);
    }
  }

  /** See {@link MessageStep#submitted}. */
  public void submitted(Connection c, InnerMessage message, List<Finding> findings, String actor, Instant now)
      throws SQLException {
    for (MessageStep s : steps) {
      s.submitted(c, message, findings, actor, now);
    }
  }

  /** Every step's findings on a received message, in step order. */
  public List<Finding> received(InnerMessage message, PartyCode peer, Instant now) {
    List<Finding> all = new ArrayList<>();
    for (MessageStep s : steps) {
      all.addAll(s.received(message, peer, now));
    }
    return List.copyOf(all);
  }

  /** See {@link MessageStep#stored}. */
  public void stored(Connection c, InnerMessage message, List<Finding> findings, Instant now) throws SQLException {
    for (MessageStep s : steps) {
      s.stored(c, message, findings, now);
    }
  }

  /** See {@link MessageStep#rejected}. */
  public void rejected(Connection c, InnerMessage message, Receipt rejection, Instant now) throws SQLException {
    for (MessageStep s : steps) {
      s.rejected(c, message, rejection, now);
    }
  }
}
