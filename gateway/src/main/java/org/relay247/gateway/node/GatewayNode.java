package org.relay247.gateway.node;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.relay247.gateway.api.NationalApiServer;
import org.relay247.gateway.api.NationalServices;
import org.relay247.gateway.audit.AuditLog;
import org.relay247.gateway.config.NodeConfig;
import org.relay247.gateway.delivery.Acknowledgements;
import org.relay247.gateway.delivery.DeliveryScheduler;
import org.relay247.gateway.delivery.OutboxService;
import org.relay247.gateway.delivery.NodePinger;
import org.relay247.gateway.delivery.PeerChannels;
import org.relay247.gateway.directory.DirectoryHolder;
import org.relay247.gateway.directory.DirectoryView;
import org.relay247.gateway.directory.TrustSource;
import org.relay247.gateway.events.NodeEvents;
import org.relay247.gateway.exchange.InboundProcessor;
import org.relay247.gateway.exchange.NodeExchangeEndpoint;
import org.relay247.gateway.exchange.PeerPartyInterceptor;
import org.relay247.gateway.exchange.PingAnswerer;
import org.relay247.gateway.metrics.NodeMetrics;
import org.relay247.gateway.pipeline.Pipeline;
import org.relay247.gateway.pipeline.TreatyRulesStep;
import org.relay247.gateway.protection.DataProtection;
import org.relay247.gateway.protection.ProtectionStep;
import org.relay247.gateway.store.Database;
import org.relay247.gateway.store.EscalationStore;
import org.relay247.gateway.store.Fence;
import org.relay247.gateway.store.InboxStore;
import org.relay247.gateway.store.OutboxStore;
import org.relay247.gateway.store.QuarantineStore;
import org.relay247.gateway.store.StoreException;
import org.relay247.gateway.tls.NodeTls;
import org.relay247.gateway.tls.PkiTrustManager;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.CertificateValidationException;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Pem;
import org.relay247.protocol.seal.DirectoryVerificationException;
import org.relay247.protocol.seal.EnvelopeOpener;
import org.relay247.protocol.seal.EnvelopeSealer;
import org.relay247.protocol.seal.ReceiptSigner;
import org.relay247.protocol.seal.ReceiptVerifier;
import org.relay247.protocol.seal.SignedPings;
import org.relay247.protocol.v1.NodeExchangeServiceGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running national node, wired from a {@link NodeConfig}: trust and directory, keys, store,
 * the message pipeline and the paths built on it, then the servers: node exchange (mutual TLS
 * 1.3), metrics, national API, console. Nothing is served before the pipeline is complete
 * (docs/architecture.md). {@code relay247 node run}, the demo and the tests all start nodes through
 * {@link #start}, so tests run the production wiring.
 */
public final class GatewayNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayNode.class);
  private static final int DEFAULT_EXCHANGE_PORT = 7400;

  private final List<AutoCloseable> resources = new ArrayList<>();
  private PartyCode party;
  private String nodeId;
  private DirectoryHolder directory;
  private Database database;
  private InboxStore inbox;
  private OutboxStore outbox;
  private QuarantineStore quarantine;
  private EscalationStore escalations;
  private AuditLog audit;
  private org.relay247.gateway.expiry.ExpiryWatch expiry;
  private org.relay247.gateway.metrics.PairStatistics pairs;
  private org.relay247.gateway.trust.CrlFetcher crlFetcher;
  private OutboxService outboxService;
  private org.relay247.gateway.cases.CaseService cases;
  private org.relay247.gateway.cases.CaseTimerWorker caseTimers;
  private Acknowledgements acknowledgements;
  private DeliveryScheduler scheduler;
  /** This node as a member of its Party's cluster; null on a single node. */
  private volatile ClusterWork cluster;
  private DataProtection protection;
  private volatile NodeKeys keys;
  private NodeConfig config;
  private Clock clock;
  private org.relay247.gateway.tls.ReloadableKeyManager tlsIdentity;
  private volatile EnvelopeSealer sealer;
  private PeerChannels channels;
  private NodePinger pinger;
  private InboundProcessor inbound;
  /** Decryption keys held before rotations, newest first: envelopes sealed to them still open. */
  private final List<org.relay247.protocol.seal.DecryptionKey> previousDecryption =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private TrustSource trust;
  private final NodeEvents events = new NodeEvents();
  private final NodeMetrics metrics = new NodeMetrics();
  private Server exchangeServer;
  private MetricsHttpServer metricsServer;
  private HealthStatusManager health;
  private int apiPort;
  private org.relay247.gateway.console.ConsoleServer console;

  private GatewayNode() {}

  /** Starts a node; on failure everything opened so far is closed again. */
  public static GatewayNode start(NodeConfig config, Clock clock) throws NodeStartException {
    GatewayNode node = new GatewayNode();
    try {
      node.wire(config, clock);
      return node;
    } catch (NodeStartException | RuntimeException e) {
      node.close();
      throw e;
    }
  }

  private void wire(NodeConfig config, Clock clock) throws NodeStartException {
    this.config = config;
    this.clock = clock;
    party = config.party();
    metrics.forParty(party.code());
    try {
      X509Certificate root = Pem.readCertificate(config.rootCertificate());
      trust = new TrustSource(root, config.crlFiles(), Optional.of(config.crlSharing().cacheDir()), clock);
      directory = new DirectoryHolder(config.directoryFile(), trust);
    } catch (IOException | DirectoryVerificationException e) {
      throw new NodeStartException("directory or trust: " + e.getMessage(), e);
    }
    DirectoryView dir = directory.current();
    dir.requireParty(party);
    Optional<org.relay247.protocol.v1.Node> self = dir.requireParty(party).getNodesList().stream().findFirst();
    nodeId = self.map(org.relay247.protocol.v1.Node::getId).orElse(party.code().toLowerCase() + "-node");

    try {
      keys = NodeKeys.load(config.keystore(), config.keystorePassword());
    } catch (IOException e) {
      throw new NodeStartException("keystore " + config.keystore() + ": " + e.getMessage(), e);
    }
    requireOwnCertificates(keys);
    tlsIdentity = new org.relay247.gateway.tls.ReloadableKeyManager(keys.tlsKey(), keys.tlsChain());

    try {
      database = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword(),
          config.databasePoolSize(), config.databaseWalLimitBytes(),
          config.cluster().map(org.relay247.gateway.cluster.ClusterSettings::leaseTtl));
    } catch (StoreException e) {
      throw new NodeStartException(e.getMessage(), e);
    }
    resources.add(database);
    inbox = new InboxStore(database);
    outbox = new OutboxStore(database);
    quarantine = new QuarantineStore(database);
    escalations = new EscalationStore(database);
    audit = new AuditLog(database, clock);
    expiry = new org.relay247.gateway.expiry.ExpiryWatch(() -> expiryItems(config), config.expiry(), clock, metrics,
        database, escalations, events);

    sealer = new EnvelopeSealer(keys.signing(), clock);
    ReceiptSigner receiptSigner = new ReceiptSigner(keys.signing(), clock);
    // The database's unique key on message ids is the replay guard (see InboundProcessor).
    java.util.function.Supplier<EnvelopeOpener> opener = () -> new EnvelopeOpener(party, keys.decryption(),
        trust.validator(), directory.current().listed(), (id, at) -> { }, clock, config.maxClockSkew());
    org.relay247.gateway.cases.internal.CaseStore caseStore = new org.relay247.gateway.cases.internal.CaseStore(database);
    org.relay247.gateway.cases.CaseEngine caseEngine = new org.relay247.gateway.cases.CaseEngine(caseStore,
        new org.relay247.gateway.cases.machine.Machines(config.caseTimers()), () -> directory.current().directory(),
        audit);
    cases = new org.relay247.gateway.cases.CaseService(caseStore, config.caseTimers(), clock);
    caseTimers = new org.relay247.gateway.cases.CaseTimerWorker(caseStore, escalations, audit, metrics, clock);
    // The one message pipeline, complete before any path is built and so before anything is served
    // (docs/architecture.md): treaty rules, then cases, then the Art. 14 controls.
    ProtectionStep protectionStep = new ProtectionStep(database, party);
    Pipeline pipeline = Pipeline.of(
        new TreatyRulesStep(() -> directory.current().directory(), protectionStep.suspensions()::known),
        caseEngine, protectionStep);
    inbound = new InboundProcessor(inbox, quarantine, opener, receiptSigner,
        () -> directory.current().version(), events, metrics, clock, audit, pipeline);
    inbound.openWithPreviousKeys(() -> previousDecryption.stream().map(k -> new EnvelopeOpener(party, k,
        trust.validator(), directory.current().listed(), (id, at) -> { }, clock, config.maxClockSkew())).toList());

    java.util.function.Supplier<SignedPings> signedPings =
        () -> new SignedPings(trust.validator(), directory.current().listed());
    int exchangePort = config.exchangePort().orElseGet(() -> portFromDirectory(self));
    health = new HealthStatusManager();
    exchangeServer = NettyServerBuilder.forAddress(new InetSocketAddress(config.bindHost(), exchangePort))
        .sslContext(NodeTls.server(tlsIdentity, PkiTrustManager.forNodeServer(trust::validator,
            () -> directory.current().listed())))
        .maxInboundMessageSize(config.maxEnvelopeBytes() + 1024)
        .addService(ServerInterceptors.intercept(
            new NodeExchangeEndpoint(inbound, nodeId, () -> directory.current().version(), clock, trust::crlOf,
                new PingAnswerer(party, () -> keys.signing(), signedPings, clock)),
            new PeerPartyInterceptor(trust::validator, directory::current)))
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .build();

    channels = new PeerChannels(tlsIdentity, trust::validator, directory::current);
    resources.add(channels);
    directory.onChange(d -> channels.reset());
    directory.onChange(d -> metrics.preregister(d.directory().getPartiesList().stream()
        .map(org.relay247.protocol.v1.Party::getCode).filter(code -> !code.equals(party.code())).toList()));
    // A newer CRL may revoke a peer already connected: its next call opens a new, checked connection.
    trust.onChange(channels::reset);
    pinger = new NodePinger(party, channels, () -> keys.signing(), signedPings,
        () -> directory.current().version(), clock);
    crlFetcher = new org.relay247.gateway.trust.CrlFetcher(party, trust, directory::current, channels::forParty);
    scheduler = new DeliveryScheduler(outbox, escalations, channels, () -> sealer,
        () -> new ReceiptVerifier(trust.validator(), directory.current().listed()), directory::current, config.retry(), config.maxClockSkew(),
        events, metrics, clock, audit, pipeline);
    resources.add(scheduler);
    if (config.cluster().isPresent()) {
      // Before the scheduler starts: in a cluster each lane runs only where its lease is held.
      cluster = ClusterWork.join(config.cluster().get(), party, database, clock, scheduler, peers(dir));
      resources.add(cluster);
      directory.onChange(d -> cluster.trackPeers(peers(d)));
    }
    outboxService = new OutboxService(party, outbox, () -> sealer, directory::current, config::deadline, scheduler,
        clock, audit, pipeline);
    acknowledgements = new Acknowledgements(inbox, outboxService, clock, audit);
    resources.add(org.relay247.gateway.delivery.PingResponder.start(events, inbox, outboxService, clock, audit));
    protection = DataProtection.start(config.protection(), protectionStep, party, database, audit, escalations,
        outboxService, cases, () -> keys.signing(), () -> directory.current().directory(), clock,
        () -> cluster == null ? Optional.of(Fence.NONE) : cluster.fenceOf(ClusterWork.RETENTION));
    resources.add(protection);
    metrics.preregister(dir.directory().getPartiesList().stream().map(org.relay247.protocol.v1.Party::getCode)
        .filter(code -> !code.equals(party.code())).toList());
    pairs = new org.relay247.gateway.metrics.PairStatistics(database, party.code(), clock);
    events.onInbox(received -> pairs.firstAnswer(received)
        .ifPresent(a -> metrics.timeToFirstAnswer(a.to(), a.time())));
    // Served only now, after the pipeline and every service are built (StartOrderTest).
    try {
      exchangeServer.start();
    } catch (IOException e) {
      throw new NodeStartException("cannot listen on " + config.bindHost() + ":" + exchangePort
          + " for node exchange: " + e.getMessage(), e);
    }
    resources.add(() -> exchangeServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    health.setStatus(NodeExchangeServiceGrpc.SERVICE_NAME, io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
    scheduler.start();
    if (cluster != null) {
      cluster.start();
    }

    int base = exchangeServer.getPort();
    apiPort = config.apiPort().orElse(exchangePort == 0 ? 0 : base + 1);
    int metricsPort = config.metricsPort().orElse(exchangePort == 0 ? 0 : base + 2);
    try {
      metricsServer = new MetricsHttpServer(config.bindHost(), metricsPort, metrics::scrape);
    } catch (IOException e) {
      throw new NodeStartException("cannot listen on " + config.bindHost() + ":" + metricsPort + " for metrics: "
          + e.getMessage(), e);
    }
    resources.add(metricsServer);

    NationalApiServer apiServer;
    try {
      apiServer = NationalApiServer.start(new NationalServices(party, clock, directory::current, outboxService, outbox,
          inbox, events, audit, acknowledgements, escalations, pairs, cases, protection, pinger), keys.tlsKey(),
          keys.tlsChain(), trust::validator, config.bindHost(), apiPort, config.maxEnvelopeBytes() + 1024);
    } catch (IOException e) {
      throw new NodeStartException("cannot listen on " + config.bindHost() + ":" + apiPort + " for the national API: "
          + e.getMessage(), e);
    }
    resources.add(apiServer);
    apiPort = apiServer.port();

    if (config.console().isPresent()) {
      try {
        console = org.relay247.gateway.console.ConsoleServer.start(new org.relay247.gateway.console.ConsoleServices(
            party, clock, directory, trust, database, audit, inbox, outboxService, outbox, acknowledgements, events,
            cases, protection, keys.tlsKey(), keys.tlsChain()), config.console().get(), config.bindHost(), clock);
      } catch (IOException e) {
        throw new NodeStartException("cannot start the console on " + config.bindHost() + ":"
            + config.console().get().port() + ": " + e.getMessage(), e);
      }
      resources.add(console);
    }

    ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "relay247-refresh");
      t.setDaemon(true);
      return t;
    });
    refresh.scheduleWithFixedDelay(this::refreshTrust, config.crlRefresh().toMillis(), config.crlRefresh().toMillis(),
        TimeUnit.MILLISECONDS);
    refresh.scheduleWithFixedDelay(directory::reload, config.directoryRefresh().toMillis(),
        config.directoryRefresh().toMillis(), TimeUnit.MILLISECONDS);
    long crlFetch = config.crlSharing().fetchInterval().toMillis();
    refresh.scheduleWithFixedDelay(crlFetcher, crlFetch, crlFetch, TimeUnit.MILLISECONDS);
    long timerCheck = config.caseTimers().checkInterval().toMillis();
    refresh.scheduleWithFixedDelay(() -> {
      if (runsHere(ClusterWork.TIMERS)) {
        caseTimers.run();
      }
    }, timerCheck, timerCheck, TimeUnit.MILLISECONDS);
    long expiryCheck = config.expiry().checkInterval().toMillis();
    // Checked once at start (gauges are there from the first scrape, alerts raised at once), then periodically.
    expiry.run();
    refresh.scheduleWithFixedDelay(expiry, expiryCheck, expiryCheck, TimeUnit.MILLISECONDS);
    resources.add(refresh::shutdownNow);
    LOG.atInfo().addKeyValue("party", party.code()).addKeyValue("exchangePort", base)
        .addKeyValue("directoryVersion", dir.version())
        .addKeyValue("tls", NodeTls.boringSsl() ? "BoringSSL" : "JDK").log("node started");
  }

  /** Whether this node does the periodic work {@code key}: always on a single node, in a cluster while it holds the lease. */
  private boolean runsHere(String key) {
    return cluster == null || cluster.holds(key);
  }

  private List<String> peers(DirectoryView d) {
    return d.directory().getPartiesList().stream().map(org.relay247.protocol.v1.Party::getCode)
        .filter(code -> !code.equals(party.code())).toList();
  }

  private List<org.relay247.gateway.expiry.ExpiryItem> expiryItems(NodeConfig config) {
    return org.relay247.gateway.expiry.ExpiryInventory.of(party, keys.certificates(), trust.root(), trust.crls(),
        directory.current(), org.relay247.gateway.expiry.ExpiryInventory.directorySigner(config.directoryFile()));
  }

  /**
   * Takes the keys of the keystore now on disk (after {@code relay247 pki renew}) without a
   * restart: new TLS handshakes, server and client side, present the new TLS certificate;
   * envelopes are sealed (signed) with the new signing key; envelopes sealed to the previous
   * encryption key still open. Connections already open and exchanges in flight are not dropped.
   * Receipts are signed with the new signing key too. Peers accept the new
   * certificates once the directory lists them (docs/pki.md, Rotation).
   *
   * @return what changed, e.g. "tls, enc" (empty: the keystore holds the same certificates)
   * @throws NodeStartException when the keystore cannot be read or a new certificate is not valid;
   *     the node keeps its keys
   */
  public synchronized List<String> reloadKeys() throws NodeStartException {
    NodeKeys next;
    try {
      next = NodeKeys.load(config.keystore(), config.keystorePassword());
    } catch (IOException e) {
      throw new NodeStartException("keystore " + config.keystore() + ": " + e.getMessage(), e);
    }
    requireOwnCertificates(next);
    NodeKeys held = keys;
    List<String> changed = new ArrayList<>();
    if (!next.tlsChain().get(0).equals(held.tlsChain().get(0))) {
      tlsIdentity.use(next.tlsKey(), next.tlsChain());
      changed.add("tls");
    }
    if (!next.signing().certificate().equals(held.signing().certificate())) {
      sealer = new EnvelopeSealer(next.signing(), clock);
      inbound.useReceiptSigner(new ReceiptSigner(next.signing(), clock));
      changed.add("sign");
    }
    if (!next.decryption().certificate().equals(held.decryption().certificate())) {
      previousDecryption.add(0, held.decryption());
      changed.add("enc");
    }
    keys = next;
    LOG.atInfo().addKeyValue("party", party.code()).addKeyValue("changed", String.join(",", changed))
        .log("node keys reloaded");
    return changed;
  }

  private void requireOwnCertificates(NodeKeys keys) throws NodeStartException {
    try {
      for (var check : List.of(
          java.util.Map.entry(keys.tlsChain(), CertificatePurpose.TLS),
          java.util.Map.entry(keys.signing().chain(), CertificatePurpose.SIGN),
          java.util.Map.entry(List.of(keys.decryption().certificate()), CertificatePurpose.ENC))) {
        var v = trust.validator().validate(check.getKey(), check.getValue());
        if (!v.party().orElseThrow().equals(party)) {
          throw new NodeStartException("keystore holds a " + check.getValue().label() + " certificate of Party "
              + v.party().get() + ", not of " + party);
        }
      }
    } catch (CertificateValidationException e) {
      throw new NodeStartException("this node's own certificate is not valid: " + e.getMessage(), e);
    }
    warnIfNotListed(keys.tlsChain().get(0), org.relay247.protocol.v1.CertificateUsage.CERTIFICATE_USAGE_TLS);
    warnIfNotListed(keys.signing().certificate(), org.relay247.protocol.v1.CertificateUsage.CERTIFICATE_USAGE_SIGNING);
  }

  /**
   * Peers refuse a TLS or signing certificate their directory does not list; the node still starts
   * (a renewal is announced by a directory that may arrive after the key), but says so at once.
   */
  private void warnIfNotListed(X509Certificate own, org.relay247.protocol.v1.CertificateUsage usage) {
    try {
      directory.current().listed().requireListed(party, usage, own);
    } catch (org.relay247.protocol.seal.ListedCertificates.NotListedException e) {
      LOG.warn("this node's {}; peers holding this directory will refuse it until a directory lists it",
          e.getMessage());
    }
  }

  private void refreshTrust() {
    try {
      trust.refresh();
    } catch (IOException | RuntimeException e) {
      LOG.warn("CRL refresh failed, keeping the CRLs held: {}", e.toString());
    }
  }

  private static int portFromDirectory(Optional<org.relay247.protocol.v1.Node> self) {
    return self.flatMap(n -> n.getEndpointsList().stream().findFirst())
        .map(e -> Integer.parseInt(e.substring(e.lastIndexOf(':') + 1)))
        .orElse(DEFAULT_EXCHANGE_PORT);
  }

  /** The node's clock (what "now" is for its checks and timers). */
  public Clock clock() {
    return clock;
  }

  public PartyCode party() {
    return party;
  }

  public String nodeId() {
    return nodeId;
  }

  public int exchangePort() {
    return exchangeServer.getPort();
  }

  /** The port the national API server is bound to. */
  public int apiPort() {
    return apiPort;
  }

  /** The operator console, when the config has a console section (docs/console.md). */
  public Optional<org.relay247.gateway.console.ConsoleServer> console() {
    return Optional.ofNullable(console);
  }

  public int metricsPort() {
    return metricsServer.port();
  }

  public OutboxService outbox() {
    return outboxService;
  }

  /** The cases of this node: tracks, timers, conditions, obligations, flags (docs/cases.md). */
  public org.relay247.gateway.cases.CaseService cases() {
    return cases;
  }

  /** Fires due case timers; the node runs it every cases.timer-check-interval. */
  public org.relay247.gateway.cases.CaseTimerWorker caseTimers() {
    return caseTimers;
  }

  /** Operators opening received messages (sends the signed opened notice back). */
  public Acknowledgements acknowledgements() {
    return acknowledgements;
  }

  /** The network health check this node runs (national API PingParties). */
  public NodePinger pinger() {
    return pinger;
  }

  public OutboxStore outboxStore() {
    return outbox;
  }

  public InboxStore inbox() {
    return inbox;
  }

  public QuarantineStore quarantine() {
    return quarantine;
  }

  /** The hash-chained record of every action on messages and cases (Art. 14.8). */
  public AuditLog audit() {
    return audit;
  }

  /** The Art. 14 data-protection controls: retention and purge, export, incidents, suspensions. */
  public DataProtection protection() {
    return protection;
  }

  /** Watches certificates, CRLs and the directory signer running out (docs/pki.md). */
  public org.relay247.gateway.expiry.ExpiryWatch expiry() {
    return expiry;
  }

  /** Delivery per country pair from the store (relay247 outbox --stats). */
  public org.relay247.gateway.metrics.PairStatistics pairStatistics() {
    return pairs;
  }

  public EscalationStore escalations() {
    return escalations;
  }

  public NodeEvents events() {
    return events;
  }

  public NodeMetrics metrics() {
    return metrics;
  }

  public NodeKeys keys() {
    return keys;
  }

  /** Fetches peers' CRLs over the node exchange; the node runs it every crl-fetch.interval. */
  public org.relay247.gateway.trust.CrlFetcher crlFetcher() {
    return crlFetcher;
  }

  public TrustSource trust() {
    return trust;
  }

  public DirectoryHolder directory() {
    return directory;
  }

  public DeliveryScheduler scheduler() {
    return scheduler;
  }

  public Database database() {
    return database;
  }

  /** Stops in reverse order of start: no new work, servers down, store closed last. */
  @Override
  public void close() {
    if (health != null) {
      health.enterTerminalState();
    }
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("while stopping: {}", e.toString());
      }
    }
    resources.clear();
  }
}
