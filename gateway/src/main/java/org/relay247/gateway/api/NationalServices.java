package org.relay247.gateway.api;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.cases.CaseService;
import org.relay247.gateway.delivery.Acknowledgements;
import org.relay247.gateway.delivery.NodePinger;
import org.relay247.gateway.delivery.OutboxService;
import org.relay247.gateway.directory.DirectoryView;
import org.relay247.gateway.events.NodeEvents;
import org.relay247.gateway.metrics.PairStatistics;
import org.relay247.gateway.protection.DataProtection;
import org.relay247.gateway.store.EscalationStore;
import org.relay247.gateway.store.InboxStore;
import org.relay247.gateway.store.OutboxStore;
import org.relay247.pki.PartyCode;

/**
 * What the national API serves from: the services of one node, and nothing of its wiring. A node
 * builds it once its message pipeline is complete ({@code node.GatewayNode}); a test can build one
 * over its own store.
 *
 * @param party the node's Party (only its national systems are served)
 * @param directory the directory in force
 * @param pinger the network health check (PingParties)
 */
public record NationalServices(PartyCode party, Clock clock, Supplier<DirectoryView> directory,
    OutboxService outbox, OutboxStore outboxStore, InboxStore inbox, NodeEvents events, AuditLog audit,
    Acknowledgements acknowledgements, EscalationStore escalations, PairStatistics pairStatistics,
    CaseService cases, DataProtection protection, NodePinger pinger) {

  public NationalServices {
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(outboxStore, "outboxStore");
    Objects.requireNonNull(inbox, "inbox");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(acknowledgements, "acknowledgements");
    Objects.requireNonNull(escalations, "escalations");
    Objects.requireNonNull(pairStatistics, "pairStatistics");
    Objects.requireNonNull(cases, "cases");
    Objects.requireNonNull(protection, "protection");
    Objects.requireNonNull(pinger, "pinger");
  }
}
