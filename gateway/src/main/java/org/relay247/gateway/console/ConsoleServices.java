package org.relay247.gateway.console;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.cases.CaseService;
import org.relay247.gateway.delivery.Acknowledgements;
import org.relay247.gateway.delivery.OutboxService;
import org.relay247.gateway.directory.DirectoryHolder;
import org.relay247.gateway.directory.TrustSource;
import org.relay247.gateway.events.NodeEvents;
import org.relay247.gateway.protection.DataProtection;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.InboxStore;
import org.relay247.gateway.store.OutboxStore;
import org.relay247.pki.PartyCode;

/**
 * What the console serves from: the services of one node, and nothing of its wiring (the console
 * does not know {@code node.GatewayNode}, which builds this once its message pipeline is complete;
 * docs/architecture.md, "Packages inside gateway"). The accessors are named as the node's.
 *
 * @param party the node's Party
 * @param directory the directory in force, re-read by the node
 * @param trust the root and CRLs, for a client certificate offered at sign-in
 * @param tlsKey the node's TLS key, served when the console has no key of its own
 * @param tlsChain its certificate chain, leaf first
 */
public record ConsoleServices(PartyCode party, Clock clock, DirectoryHolder directory, TrustSource trust,
    Database database, AuditLog audit, InboxStore inbox, OutboxService outbox, OutboxStore outboxStore,
    Acknowledgements acknowledgements, NodeEvents events, CaseService cases, DataProtection protection,
    PrivateKey tlsKey, List<X509Certificate> tlsChain) {

  public ConsoleServices {
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(inbox, "inbox");
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(outboxStore, "outboxStore");
    Objects.requireNonNull(acknowledgements, "acknowledgements");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(cases, "cases");
    Objects.requireNonNull(protection, "protection");
    Objects.requireNonNull(tlsKey, "tlsKey");
    tlsChain = List.copyOf(tlsChain);
  }
}
