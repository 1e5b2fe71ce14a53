package org.relay247.simulator.sim;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.relay247.gateway.api.ClientCredentials;
import org.relay247.gateway.api.NationalApiClient;
import org.relay247.gateway.config.NodeConfigLoader;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.DevelopmentNetwork;
import org.relay247.pki.NetworkPki;
import org.relay247.pki.DistinguishedNames;
import org.relay247.pki.NetworkSettings;
import org.relay247.pki.NodeIdentity;
import org.relay247.pki.Validity;
import org.relay247.simulator.scenario.Durations;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Pem;
import org.relay247.pki.RevocationReason;
import org.relay247.pki.SecureFiles;
import org.relay247.protocol.directory.DefaultDirectory;
import org.relay247.protocol.v1.Authority;
import org.relay247.protocol.v1.ChannelAgreement;
import org.relay247.protocol.v1.ConstituentEntity;
import org.relay247.protocol.v1.Directory;
import org.relay247.protocol.v1.LanguageAcceptance;
import org.relay247.protocol.v1.MlaTreaty;
import org.relay247.protocol.v1.Party;
import org.relay247.protocol.v1.PartyPair;
import org.relay247.protocol.v1.PairSuspension;
import org.relay247.simulator.proxy.FaultProxy;
import org.relay247.simulator.scenario.PartySpec;

/**
 * The Parties of a simulation as real nodes in this JVM, laid out on disk as an operator would:
 * <pre>
 * DIR/network/        development PKI (pki init-network layout)
 * DIR/directories/    the signed directory each node holds (XX.bin)
 * DIR/XX.conf         one node config per Party
 * DIR/data/           the nodes' databases
 * </pre>
 * Every node is started with {@link GatewayNode#start}, the production wiring, on loopback ports.
 * When {@code proxied}, each node's directory lists, for every other Party, the port of a
 * {@link FaultProxy} on that directed link, so faults can hit one link; otherwise the real ports.
 * Each node's directory is the same network (same version, same entries) but for those endpoints.
 */
public final class SimNetwork implements AutoCloseable {
  static final String HOST = "127.0.0.1";
  /** CRLs outlive the longest jump of a scenario. */
  private static final int CRL_DAYS = 400;

  private final Path dir;
  private final NetworkPki pki;
  private final VirtualClock clock;
  private final Map<String, PartySpec> parties = new LinkedHashMap<>();
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, FaultProxy> proxies = new LinkedHashMap<>();
  private final Set<String> inDirectory = new LinkedHashSet<>();
  private final Map<String, GatewayNode> nodes = new ConcurrentHashMap<>();
  private final Map<String, NationalApiClient> apis = new ConcurrentHashMap<>();
  private final Map<String, NodeClock> clocks = new ConcurrentHashMap<>();
  private final Map<String, ProcessNode> processes = new ConcurrentHashMap<>();
  private final Map<String, Integer> apiPorts = new LinkedHashMap<>();
  private final Map<String, Duration> skews = new ConcurrentHashMap<>();
  private final boolean separate;
  private long version = 1;

  private SimNetwork(Path dir, NetworkPki pki, VirtualClock clock, boolean separate) {
    this.dir = dir;
    this.pki = pki;
    this.clock = clock;
    this.separate = separate;
  }

  /** Creates PKI, proxies, directories and configs in {@code dir} (new or empty), nodes in this JVM. */
  public static SimNetwork create(Path dir, Collection<PartySpec> specs, VirtualClock clock, boolean proxied, long seed)
      throws IOException {
    return create(dir, specs, clock, proxied, seed, false);
  }

  /**
   * Creates PKI, proxies, directories and configs in {@code dir} (new or empty). Starts no node.
   *
   * @param separate each node in its own OS process ({@link ProcessNode}), read through its national API
   */
  public static SimNetwork create(Path dir, Collection<PartySpec> specs, VirtualClock clock, boolean proxied, long seed,
      boolean separate) throws IOException {
    dir = dir.toAbsolutePath();
    Files.createDirectories(dir.resolve("directories"));
    // Nodes start in parallel: created once here rather than by each node racing to make it.
    Files.createDirectories(dir.resolve("data"));
    List<PartyCode> codes = specs.stream().map(p -> new PartyCode(p.code())).toList();
    NetworkPki pki = developmentPki(dir.resolve("network"), codes, clock);
    SimNetwork net = new SimNetwork(dir, pki, clock, separate);
    int[] free = freePorts(specs.size() * (separate ? 2 : 1));
    int i = 0;
    for (PartySpec p : specs) {
      net.parties.put(p.code(), p);
      net.ports.put(p.code(), free[i++]);
      if (separate) {
        net.apiPorts.put(p.code(), free[free.length / 2 + i - 1]);
      }
      if (!p.joinsLater()) {
        net.inDirectory.add(p.code());
      }
    }
    try {
      if (proxied) {
        long n = 0;
        for (String from : net.parties.keySet()) {
          for (String to : net.parties.keySet()) {
            if (!from.equals(to)) {
              net.proxies.put(from + ">" + to, FaultProxy.start(from + ">" + to, net.ports.get(to), seed + n++));
            }
          }
        }
      }
      net.writeDirectories();
      for (String code : net.parties.keySet()) {
        net.writeConfig(code);
      }
    } catch (IOException | RuntimeException e) {
      net.close();
      throw e;
    }
    return net;
  }

  /**
   * The layout of {@link DevelopmentNetwork#create}, each Party's CA and node certificates made in
   * parallel: every Party has its own key stores, and most of the time goes into their key
   * derivations (PKCS #12), which grow with the number of Parties.
   */
  private static NetworkPki developmentPki(Path dir, List<PartyCode> codes, VirtualClock clock) throws IOException {
    withoutKeyStretching();
    NetworkPki pki = NetworkPki.create(dir, NetworkSettings.defaults().withCrlDays(CRL_DAYS)
        .withName("Relay247 simulation"), clock);
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try {
      List<Future<?>> made = new ArrayList<>();
      for (PartyCode party : codes) {
        made.add(pool.submit(() -> {
          pki.addParty(party);
          pki.issueNodeCertificates(NodeIdentity.localDefault(party), List.of(CertificatePurpose.TLS,
              CertificatePurpose.SIGN, CertificatePurpose.ENC));
          return null;
        }));
      }
      for (Future<?> f : made) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making the development PKI", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdown();
    }
    return pki;
  }

  /**
   * The simulation's keystores are written with one PBKDF2 iteration instead of the JDK's 10,000
   * (for each key, the certificate bag and the MAC), unless the JVM was given its own counts.
   * Stretching slows the guessing of a weak password; these keystores live for one run, each with
   * 256 random bits for password in a file beside it, so it protects nothing here, and its
   * derivations (about 19 per Party: written, read back, read at node start) were a tenth of the
   * CPU of an 80-Party network check. The JDK reads these properties at each keystore write.
   */
  private static void withoutKeyStretching() {
    for (String property : List.of("keystore.pkcs12.keyPbeIterationCount", "keystore.pkcs12.certPbeIterationCount",
        "keystore.pkcs12.macIterationCount")) {
      if (System.getProperty(property) == null) {
        System.setProperty(property, "1");
      }
    }
  }

  /** Starts every node, {@code parallelism} at a time; on failure stops those started. */
  public void start(int parallelism) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism));
    try {
      List<Future<?>> started = new ArrayList<>();
      if (separate) {
        Files.createDirectories(dir.resolve("logs"));
        clock.onMove(this::giveOffsets);
      }
      for (String code : parties.keySet()) {
        started.add(pool.submit(() -> {
          if (separate) {
            ProcessNode p = new ProcessNode(code, dir.resolve(code + ".conf"), dir.resolve("logs").resolve(code + ".log"),
                () -> api(code));
            processes.put(code, p);
            p.start(offset(code));
          } else {
            NodeClock own = clocks.computeIfAbsent(code, c -> new NodeClock(clock));
            nodes.put(code, GatewayNode.start(NodeConfigLoader.load(dir.resolve(code + ".conf"), Map.of()), own));
          }
          return null;
        }));
      }
      for (Future<?> f : started) {
        f.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      close();
      throw e.getCause() instanceof Exception ex ? ex : e;
    } finally {
      pool.shutdown();
    }
  }

  public Path dir() {
    return dir;
  }

  public List<String> parties() {
    return List.copyOf(parties.keySet());
  }

  /** The node of {@code party} in this JVM (not with --processes: see {@link #view}). */
  public GatewayNode node(String party) {
    if (separate) {
      throw new IllegalStateException("node " + party + " runs in its own process: only its national API is reachable");
    }
    GatewayNode n = nodes.get(party);
    if (n == null) {
      throw new IllegalStateException("node " + party + " is not running");
    }
    return n;
  }

  /** What the run reads of {@code party}'s node, in this JVM or in its own process. */
  NodeView view(String party) {
    return separate ? processes.get(party) : new LocalNode(node(party));
  }

  /** Whether each node runs in its own process. */
  public boolean separate() {
    return separate;
  }

  /** Whether {@code party}'s node is up (a node process is down between a crash and its restart). */
  public boolean running(String party) {
    return separate ? processes.get(party).running() : nodes.containsKey(party);
  }

  /** Kills {@code party}'s node process with SIGKILL. */
  public void crash(String party) throws InterruptedException {
    process(party).kill();
  }

  /** Starts {@code party}'s node process again, on the same config, ports and database. */
  public void restart(String party) throws IOException {
    process(party).start(offset(party));
  }

  private ProcessNode process(String party) {
    if (!separate) {
      throw new IllegalStateException("crash and restart need every node in its own process (--processes)");
    }
    return processes.get(party);
  }

  private Duration offset(String party) {
    return clock.offset().plus(skews.getOrDefault(party, Duration.ZERO));
  }

  private void giveOffsets() {
    for (ProcessNode p : processes.values()) {
      try {
        p.offset(offset(p.party()));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** The national API of {@code party}'s node, over mutual TLS with the node's own client identity. */
  public NationalApiClient api(String party) {
    return apis.computeIfAbsent(party, p -> {
      try {
        return NationalApiClient.connect(HOST, separate ? apiPorts.get(p) : node(p).apiPort(),
            ClientCredentials.fromNetwork(pki.layout().dir(), new PartyCode(p), clock));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  /** The proxy on the directed link {@code from -> to}; empty when the network is not proxied. */
  public Optional<FaultProxy> proxy(String from, String to) {
    return Optional.ofNullable(proxies.get(from + ">" + to));
  }

  /** The proxies on every link of {@code parties} (one Party: all its links both ways; two: that link both ways). */
  public List<FaultProxy> links(List<String> of) {
    List<FaultProxy> out = new ArrayList<>();
    for (Map.Entry<String, FaultProxy> e : proxies.entrySet()) {
      String[] ends = e.getKey().split(">");
      boolean hit = of.size() == 1 ? of.contains(ends[0]) || of.contains(ends[1])
          : of.contains(ends[0]) && of.contains(ends[1]);
      if (of.isEmpty() || hit) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  public boolean proxied() {
    return !proxies.isEmpty();
  }

  /** Whether traffic on {@code from -> to} is held by a partition or stall now. */
  public boolean blocked(String from, String to) {
    return proxy(from, to).map(FaultProxy::blocking).orElse(false);
  }

  public long directoryVersion() {
    return version;
  }

  /** Sets how far {@code party}'s node clock runs ahead of the shared clock (zero: in step again). */
  public void skew(String party, Duration ahead) {
    clocks.computeIfAbsent(party, c -> new NodeClock(clock)).skew(ahead);
    skews.put(party, ahead);
    if (separate) {
      try {
        processes.get(party).offset(offset(party));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** The shared clock, shifted for one node by a clock-skew fault. */
  static final class NodeClock extends java.time.Clock {
    private final VirtualClock shared;
    private volatile Duration skew = Duration.ZERO;

    NodeClock(VirtualClock shared) {
      this.shared = shared;
    }

    void skew(Duration ahead) {
      skew = ahead;
    }

    @Override
    public java.time.Instant instant() {
      return shared.instant().plus(skew);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException("the simulation clock is UTC");
    }
  }

  /** Signs the next directory version with {@code add} in it, gives it to every node and has each reload it. */
  public void addToDirectory(List<String> add) throws IOException {
    inDirectory.addAll(add);
    version++;
    writeDirectories();
    reloadDirectories();
  }

  private void reloadDirectories() throws IOException {
    for (GatewayNode n : nodes.values()) {
      n.directory().reload();
    }
    for (ProcessNode p : processes.values()) {
      p.command("reload-directory");
    }
  }

  /**
   * Revokes {@code party}'s node signing certificate at its Party CA and has every node reload its
   * CRLs now (as its crl-refresh would): envelopes it signs are refused from then on.
   */
  public void revokeSigning(String party) throws IOException {
    X509Certificate cert = Pem.readCertificate(pki.layout().nodeCertificate(new PartyCode(party),
        CertificatePurpose.SIGN));
    pki.revoke(new PartyCode(party), cert, RevocationReason.KEY_COMPROMISE);
    for (GatewayNode n : nodes.values()) {
      n.trust().refresh();
    }
    for (ProcessNode p : processes.values()) {
      p.command("reload-crls");
    }
  }

  /** How long the replacement certificate of an expire-certificate fault is valid before the run moves past it. */
  static final Duration EXPIRING = Duration.ofMinutes(1);

  /**
   * Gives {@code party}'s node a TLS certificate (fresh key, same name and hosts) valid for
   * {@link #EXPIRING} only, lists it in the next directory version, has the node take it, then
   * moves the shared clock past its notAfter: from then on every handshake with the node meets
   * an expired certificate, as when a renewal was missed.
   */
  public String expireTls(String party) throws IOException {
    PartyCode code = new PartyCode(party);
    X509Certificate old = Pem.readCertificate(pki.layout().nodeCertificate(code, CertificatePurpose.TLS));
    List<String> hosts = new ArrayList<>();
    try {
      if (old.getSubjectAlternativeNames() != null) {
        old.getSubjectAlternativeNames().forEach(san -> hosts.add(String.valueOf(san.get(1))));
      }
    } catch (java.security.cert.CertificateParsingException e) {
      throw new IOException("unreadable subjectAltName: " + e.getMessage(), e);
    }
    NodeIdentity identity = NodeIdentity.of(code, DistinguishedNames.commonName(old.getSubjectX500Principal())
        .orElseThrow(() -> new IOException("TLS certificate of " + party + " has no CN")), hosts);
    java.time.Instant now = clock.instant();
    X509Certificate cert = pki.issueNodeCertificate(identity, CertificatePurpose.TLS,
        new Validity(now.minus(Validity.BACKDATE), now.plus(EXPIRING)));
    version++;
    writeDirectories();
    reloadDirectories();
    if (separate) {
      processes.get(party).command("reload-keys");
    } else {
      try {
        node(party).reloadKeys();
      } catch (org.relay247.gateway.node.NodeStartException e) {
        throw new IOException(party + "'s node refused its new TLS certificate: " + e.getMessage(), e);
      }
    }
    clock.advance(EXPIRING.plusSeconds(1));
    return "TLS certificate of " + party + " (serial " + cert.getSerialNumber().toString(16) + ") expired at "
        + cert.getNotAfter().toInstant() + "; shared clock moved " + Durations.format(EXPIRING.plusSeconds(1))
        + " on, past it; directory version " + version;
  }

  private void writeDirectories() throws IOException {
    Directory base = directory();
    for (String viewer : parties.keySet()) {
      Directory.Builder d = base.toBuilder();
      if (!inDirectory.contains(viewer)) {
        // A Party about to join already holds the directory that lists it, or its node could not start.
        d = withParties(edited(), parties.keySet()).toBuilder();
      }
      for (Party.Builder p : d.getPartiesBuilderList()) {
        int port = p.getCode().equals(viewer) ? ports.get(viewer)
            : proxy(viewer, p.getCode()).map(FaultProxy::port).orElse(ports.get(p.getCode()));
        p.getNodesBuilder(0).clearEndpoints().addEndpoints("localhost:" + port);
      }
      SecureFiles.writePublic(dir.resolve("directories").resolve(viewer + ".bin"),
          DefaultDirectory.sign(pki, d.build(), clock));
    }
  }

  /** The directory of the Parties in it now, with every scenario edit. */
  private Directory directory() throws IOException {
    return withParties(edited(), inDirectory);
  }

  private Directory withParties(Directory full, Collection<String> keep) {
    Directory.Builder d = full.toBuilder().clearParties().clearPairs();
    full.getPartiesList().stream().filter(p -> keep.contains(p.getCode())).forEach(d::addParties);
    full.getPairsList().stream().filter(p -> keep.contains(p.getPartyA()) && keep.contains(p.getPartyB()))
        .forEach(d::addPairs);
    return d.build();
  }

  private Directory edited() throws IOException {
    Directory.Builder d = DefaultDirectory.forNetwork(pki, clock.instant()).toBuilder().setVersion(version)
        .setIssuer("Relay247 simulation (directory generated from the scenario)");
    for (Party.Builder party : d.getPartiesBuilderList()) {
      PartySpec spec = parties.get(party.getCode());
      spec.name().ifPresent(party::setName);
      if (!spec.languages().isEmpty()) {
        for (LanguageAcceptance.Builder l : party.getLanguagesBuilderList()) {
          l.clearLanguages().addAllLanguages(spec.languages());
        }
      }
      if (spec.signatoryOnly()) {
        party.getStatusBuilder().clearProtocolInForceFrom();
      } else {
        spec.inForceFrom().ifPresent(at -> party.getStatusBuilder().setProtocolInForceFrom(ts(at)));
      }
      party.addAllDeclarations(spec.declarations());
      for (PartySpec.ConstituentSpec c : spec.constituents()) {
        party.addConstituents(ConstituentEntity.newBuilder().setCode(c.code()).setName(c.name()));
      }
      for (PartySpec.AuthoritySpec a : spec.authorities()) {
        party.addAuthorities(Authority.newBuilder().setId(a.id()).setName(a.name()).addAllRoles(a.roles())
            .setReachable247(a.reachable247()).setNodeId(party.getNodes(0).getId())
            .setConstituent(a.constituent().orElse("")));
      }
      party.setPersonalNotificationRequired(spec.personalNotificationRequired());
    }
    for (PartyPair.Builder pair : d.getPairsBuilderList()) {
      PartySpec a = parties.get(pair.getPartyA());
      PartySpec b = parties.get(pair.getPartyB());
      if (a.signatoryOnly() || b.signatoryOnly()) {
        pair.clearProtocolInForceFrom();
      } else {
        Timestamp later = ts(DefaultDirectory.IN_FORCE_FROM);
        for (PartySpec p : List.of(a, b)) {
          if (p.inForceFrom().isPresent() && Timestamps.compare(ts(p.inForceFrom().get()), later) > 0) {
            later = ts(p.inForceFrom().get());
          }
        }
        pair.setProtocolInForceFrom(later);
      }
      for (PartySpec p : List.of(a, b)) {
        String other = p == a ? b.code() : a.code();
        p.treaties().stream().filter(t -> t.with().equals(other)).forEach(t -> pair.setTreaty(MlaTreaty.newBuilder()
            .setName(t.name()).addAllCentralAuthorities(t.centralAuthorities()).addAllLanguages(t.languages())));
        p.channelAgreements().stream().filter(c -> c.with().equals(other)).forEach(c -> pair.addChannelAgreements(
            ChannelAgreement.newBuilder().setReference(c.reference()).setRecipient(c.recipient())
                .setDescription(c.description())));
        for (PartySpec.SuspensionSpec s : p.suspensions()) {
          if (s.against().equals(p == a ? b.code() : a.code())) {
            pair.addSuspensions(PairSuspension.newBuilder().setSuspendingParty(p.code()).setKind(s.kind())
                .addAllScope(s.scope()).setEffectiveFrom(Timestamps.fromMillis(0)));
          }
        }
      }
    }
    return d.build();
  }

  private static Timestamp ts(java.time.Instant at) {
    return Timestamps.fromMillis(at.toEpochMilli());
  }

  /**
   * The node config: paths relative to DIR; the database is the default of data-dir (the one place
   * the simulator chooses a database, as the demo and load harness do); small pools, since a
   * simulation runs many nodes in one JVM; CRLs and directories reloaded by the run itself.
   */
  private void writeConfig(String code) throws IOException {
    boolean many = parties.size() > 10;
    Files.writeString(dir.resolve(code + ".conf"), String.join("\n",
        "# Written by 'relay247 sim' (org.relay247.simulator.sim). Keys: gateway/src/main/resources/reference.conf.",
        "relay247.node {",
        "  party = " + code,
        "  network-dir = \"network\"",
        "  directory-file = \"directories/" + code + ".bin\"",
        "  data-dir = \"data\"",
        "  database { pool-size = " + (many ? 2 : 4) + " }",
        "  bind-host = \"" + HOST + "\"",
        "  ports { exchange = " + ports.get(code) + ", api = " + apiPorts.getOrDefault(code, 0) + ", metrics = 0 }",
        // Many nodes share this JVM's cores: a few delivery threads each (80 x 4, not 80 x 16).
        "  retry { initial-backoff = 50ms, max-backoff = 1s, parallelism = " + (many ? 2 : 4) + ", workers = "
            + (many ? 4 : 8) + " }",
        "  crl-refresh = 1h",
        "  directory-refresh = 1h",
        "  cases.timer-check-interval = 1s",
        "}", ""));
  }

  /**
   * Distinct free loopback ports below the kernel's ephemeral range (32768 and up on Linux): the
   * nodes of a large network start one after another for minutes, and a port picked from the
   * ephemeral range could meanwhile become the local end of some outgoing connection.
   */
  static int[] freePorts(int n) throws IOException {
    int span = 12_000;
    int start = 20_000 + (int) (ProcessHandle.current().pid() * 7919 % span);
    int[] out = new int[n];
    int found = 0;
    for (int i = 0; i < span && found < n; i++) {
      int port = 20_000 + (start - 20_000 + i) % span;
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        out[found++] = port;
      } catch (IOException busy) {
        // In use: try the next one.
      }
    }
    if (found < n) {
      throw new IOException("only " + found + " free loopback ports between 20000 and 32000 (expected: " + n + ")");
    }
    return out;
  }

  /** Stops API clients, nodes and proxies; safe to call twice. */
  @Override
  public void close() {
    for (ProcessNode p : processes.values()) {
      try {
        p.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    apis.values().forEach(NationalApiClient::close);
    apis.clear();
    List<GatewayNode> running = new ArrayList<>(nodes.values());
    nodes.clear();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    running.forEach(n -> pool.execute(n::close));
    pool.shutdown();
    try {
      pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    proxies.values().forEach(FaultProxy::close);
    proxies.clear();
  }

}
