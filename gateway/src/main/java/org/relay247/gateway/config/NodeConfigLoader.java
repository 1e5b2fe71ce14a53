package org.relay247.gateway.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.relay247.gateway.delivery.RetryPolicy;
import org.relay247.pki.NetworkLayout;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Password;

/**
 * Reads and validates a node configuration: the file, over reference.conf defaults, with
 * environment overrides. Every problem is reported with its key and what is expected, at start.
 */
public final class NodeConfigLoader {
  private static final String P = "relay247.node.";

  /** Environment variables and the keys they override (they win over the file). */
  public static final Map<String, String> ENVIRONMENT = Map.ofEntries(
      Map.entry("RELAY247_PARTY", "party"),
      Map.entry("RELAY247_NETWORK_DIR", "network-dir"),
      Map.entry("RELAY247_KEYSTORE", "keystore"),
      Map.entry("RELAY247_KEYSTORE_PASSWORD_FILE", "keystore-password-file"),
      Map.entry("RELAY247_KEYSTORE_PASSWORD_ENV", "keystore-password-env"),
      Map.entry("RELAY247_ROOT_CERTIFICATE", "root-certificate"),
      Map.entry("RELAY247_DIRECTORY_FILE", "directory-file"),
      Map.entry("RELAY247_DATA_DIR", "data-dir"),
      Map.entry("RELAY247_DATABASE_URL", "database.url"),
      Map.entry("RELAY247_DATABASE_USER", "database.user"),
      Map.entry("RELAY247_DATABASE_PASSWORD_FILE", "database.password-file"),
      Map.entry("RELAY247_BIND_HOST", "bind-host"),
      Map.entry("RELAY247_EXCHANGE_PORT", "ports.exchange"),
      Map.entry("RELAY247_API_PORT", "ports.api"),
      Map.entry("RELAY247_METRICS_PORT", "ports.metrics"),
      Map.entry("RELAY247_LOG_FORMAT", "log-format"));

  private NodeConfigLoader() {}

  /** Loads {@code file} (HOCON; JSON is HOCON too) over the defaults, with this process's environment. */
  public static NodeConfig load(Path file) {
    return load(file, System.getenv());
  }

  /** Loads {@code file} over the defaults; {@code env} supplies the RELAY247_* overrides. */
  public static NodeConfig load(Path file, Map<String, String> env) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("config file " + file + " does not exist");
    }
    Config parsed;
    try {
      parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("config file " + file + ": " + e.getMessage(), e);
    }
    Path base = file.toAbsolutePath().getParent();
    Map<String, String> fromEnv = new java.util.HashMap<>();
    ENVIRONMENT.forEach((variable, key) -> {
      String value = env.get(variable);
      if (value != null && !value.isBlank()) {
        fromEnv.put(P + key, value);
      }
    });
    Config resolved;
    try {
      resolved = ConfigFactory.parseMap(fromEnv, "environment").withFallback(parsed)
          .withFallback(ConfigFactory.parseResourcesAnySyntax("reference")).resolve();
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    return from(resolved, base, env);
  }

  /** Validates an assembled config; relative paths are resolved against {@code base}. */
  public static NodeConfig from(Config config, Path base, Map<String, String> env) {
    try {
      return read(config, base, env);
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  private static NodeConfig read(Config c, Path base, Map<String, String> env) {
    PartyCode party = required(c, "party", "an ISO 3166 code, e.g. FR", PartyCode::of);
    Optional<NetworkLayout> net = optionalString(c, "network-dir").map(d -> new NetworkLayout(base.resolve(d)));

    Path keystore = path(c, base, "keystore", net.map(n -> n.nodeKeystore(party)),
        "a PKCS#12 keystore with aliases tls, sign and enc");
    Password keystorePassword = keystorePassword(c, base, env, net.map(n -> n.nodePassword(party)));
    Path root = path(c, base, "root-certificate", net.map(NetworkLayout::rootCertificate),
        "the network root certificate (PEM)");
    Path directory = path(c, base, "directory-file", net.map(n -> n.dir().resolve("directory.bin")),
        "the signed network directory");
    List<Path> crls = new ArrayList<>();
    for (String f : c.getStringList(P + "crl-files")) {
      crls.add(existing(base.resolve(f), "crl-files", "a CRL file (PEM)"));
    }
    if (crls.isEmpty() && net.isPresent()) {
      crls.addAll(networkCrls(net.get()));
    }
    if (crls.isEmpty()) {
      throw new ConfigException(P + "crl-files: empty (expected: the CRLs of the root and of every Party CA;"
          + " without them every certificate is refused)");
    }

    String dbUrl = c.getString(P + "database.url");
    if (dbUrl.isBlank()) {
      Path dataDir = base.resolve(c.getString(P + "data-dir"));
      String file = "relay247-" + party.code().toLowerCase();
      Path oldH2 = dataDir.resolve(file + ".mv.db");
      if (Files.exists(oldH2)) {
        throw new ConfigException(P + "data-dir: " + oldH2 + " is an H2 database, no longer supported (the embedded"
            + " store is SQLite); move its data with the one-off procedure in docs/deployment.md (\"Moving from H2\")"
            + " and remove the H2 file before starting the node");
      }
      // Database.open sets the SQLite settings (WAL, synchronous=FULL, foreign keys, busy timeout).
      dbUrl = "jdbc:sqlite:" + dataDir.resolve(file + ".db").toAbsolutePath();
    } else if (dbUrl.startsWith("jdbc:h2:")) {
      throw new ConfigException(P + "database.url: \"" + dbUrl + "\" is an H2 database, no longer supported (expected:"
          + " jdbc:sqlite:FILE or jdbc:postgresql://...); move its data with the one-off procedure in"
          + " docs/deployment.md (\"Moving from H2\")");
    } else if (!dbUrl.startsWith("jdbc:sqlite:") && !dbUrl.startsWith("jdbc:postgresql:")) {
      throw new ConfigException(P + "database.url: \"" + dbUrl + "\" (expected: jdbc:postgresql://... or jdbc:sqlite:FILE)");
    }
    Optional<Password> dbPassword = optionalString(c, "database.password-file")
        .map(f -> readPassword(base.resolve(f), "database.password-file"));

    return new NodeConfig(
        party, keystore, keystorePassword, root, crls, positive(c, "crl-refresh"), directory,
        positive(c, "directory-refresh"), dbUrl, c.getString(P + "database.user"), dbPassword,
        intIn(c, "database.pool-size", 1, 200), walLimit(c), c.getString(P + "bind-host"),
        port(c, "ports.exchange"), port(c, "ports.api"), port(c, "ports.metrics"),
        intIn(c, "limits.max-envelope-bytes", 1024, 256 * 1024 * 1024), positive(c, "limits.max-clock-skew"),
        retry(c),
        positive(c, "delivery-deadline.emergency"), positive(c, "delivery-deadline.urgent"),
        positive(c, "delivery-deadline.routine"), caseTimers(c), protection(c), expiry(c),
        logFormat(c), crlSharing(c, base, party), console(c, base), cluster(c, dbUrl));
  }

  /**
   * relay247.node.cluster: absent means a single node. Members share one database, the fence of
   * their work (docs/deployment.md, "Cluster"), so SQLite, a file of one machine, is refused.
   */
  private static Optional<org.relay247.gateway.cluster.ClusterSettings> cluster(Config c, String dbUrl) {
    if (!c.hasPath(P + "cluster")) {
      return Optional.empty();
    }
    if (!dbUrl.startsWith("jdbc:postgresql:")) {
      throw new ConfigException(P + "cluster: the members of a cluster share one PostgreSQL database and this"
          + " node's store is SQLite (expected: database.url = \"jdbc:postgresql://...\")");
    }
    for (String key : List.of("member-name", "bind-address", "port", "members")) {
      if (!c.hasPath(P + "cluster." + key)) {
        throw new ConfigException(P + "cluster." + key + ": missing (expected: " + switch (key) {
          case "member-name" -> "this member's name, unique in the Party, e.g. fr-node-1";
          case "bind-address" -> "the address of a private interface only the members reach, e.g. 10.0.0.11";
          case "port" -> "the cluster port on bind-address, e.g. 5701";
          default -> "every member as host:port, this one included";
        } + ")");
      }
    }
    try {
      return Optional.of(new org.relay247.gateway.cluster.ClusterSettings(c.getString(P + "cluster.member-name"),
          c.getString(P + "cluster.bind-address"), c.getInt(P + "cluster.port"),
          c.getStringList(P + "cluster.members"), c.hasPath(P + "cluster.lease-ttl")
              ? c.getDuration(P + "cluster.lease-ttl")
              : org.relay247.gateway.cluster.ClusterSettings.DEFAULT_LEASE_TTL));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(P + e.getMessage(), e);
    }
  }

  /** relay247.node.cases: one positive duration per worded urgency class (requirements 1.9). */
  private static org.relay247.gateway.cases.CaseTimerSettings caseTimers(Config c) {
    Map<org.relay247.gateway.cases.UrgencyClass, Duration> durations = new java.util.EnumMap<>(
        org.relay247.gateway.cases.UrgencyClass.class);
    for (org.relay247.gateway.cases.UrgencyClass u : org.relay247.gateway.cases.UrgencyClass.values()) {
      if (u != org.relay247.gateway.cases.UrgencyClass.FIXED) {
        String key = "cases.timers." + u.configKey();
        if (!c.hasPath(P + key)) {
          throw new ConfigException(P + key + ": missing (expected: a duration, e.g. 4h)");
        }
        durations.put(u, positive(c, key));
      }
    }
    return new org.relay247.gateway.cases.CaseTimerSettings(durations, positive(c, "cases.preservation-warning"),
        positive(c, "cases.timer-check-interval"));
  }

  /** relay247.node.crl-fetch: CRLs fetched from peers; kept in data-dir/crl-cache-xx unless crl-fetch.cache-dir. */
  private static org.relay247.gateway.trust.CrlSharing crlSharing(Config c, Path base, PartyCode party) {
    Path cache = optionalString(c, "crl-fetch.cache-dir").map(base::resolve).orElseGet(() -> base
        .resolve(c.getString(P + "data-dir")).resolve("crl-cache-" + party.code().toLowerCase()));
    return new org.relay247.gateway.trust.CrlSharing(positive(c, "crl-fetch.interval"), cache);
  }

  private static org.relay247.gateway.logging.LogFormat logFormat(Config c) {
    try {
      return org.relay247.gateway.logging.LogFormat.parse(c.getString(P + "log-format"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(P + e.getMessage(), e);
    }
  }

  /** relay247.node.retry: backoff of redelivery. */
  private static RetryPolicy retry(Config c) {
    try {
      return new RetryPolicy(positive(c, "retry.initial-backoff"), positive(c, "retry.max-backoff"),
          c.getDouble(P + "retry.multiplier"), c.getDouble(P + "retry.jitter"), c.getInt(P + "retry.parallelism"),
          c.getInt(P + "retry.workers"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(P + "retry." + e.getMessage(), e);
    }
  }

  /** relay247.node.expiry: when something the node relies on is near its end (docs/pki.md). */
  private static org.relay247.gateway.expiry.ExpirySettings expiry(Config c) {
    try {
      return new org.relay247.gateway.expiry.ExpirySettings(positive(c, "expiry.warning"),
          positive(c, "expiry.critical"), positive(c, "expiry.crl-warning"), positive(c, "expiry.check-interval"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(P + "expiry." + e.getMessage(), e);
    }
  }

  private static org.relay247.gateway.protection.ProtectionSettings protection(Config c) {
    try {
      return new org.relay247.gateway.protection.ProtectionSettings(c.getInt(P + "protection.retention-days"),
          c.getDuration(P + "protection.review-interval"),
          org.relay247.gateway.protection.ProtectionSettings.OnExpiry.parse(c.getString(P + "protection.on-expiry")));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(P + "protection." + e.getMessage(), e);
    }
  }

  /** relay247.node.console: absent means no console (docs/console.md). */
  private static Optional<ConsoleSettings> console(Config c, Path base) {
    if (!c.hasPath(P + "console")) {
      return Optional.empty();
    }
    Optional<Path> cert = optionalString(c, "console.certificate-file")
        .map(f -> existing(base.resolve(f), "console.certificate-file", "the console's certificate chain (PEM)"));
    Optional<Path> key = optionalString(c, "console.key-file")
        .map(f -> existing(base.resolve(f), "console.key-file", "the console's private key (PEM, PKCS#8)"));
    try {
      return Optional.of(new ConsoleSettings(c.hasPath(P + "console.port") ? c.getInt(P + "console.port") : 7403,
          cert, key,
          c.hasPath(P + "console.idle-timeout") ? positive(c, "console.idle-timeout") : Duration.ofMinutes(15),
          c.hasPath(P + "console.max-failures") ? c.getInt(P + "console.max-failures") : 5,
          c.hasPath(P + "console.lockout") ? positive(c, "console.lockout") : Duration.ofMinutes(15),
          c.hasPath(P + "console.client-certificates") && c.getBoolean(P + "console.client-certificates")));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(P + "console." + e.getMessage(), e);
    }
  }

  private static List<Path> networkCrls(NetworkLayout net) {
    List<Path> crls = new ArrayList<>();
    crls.add(net.rootCrl());
    try {
      for (PartyCode p : net.parties()) {
        crls.add(net.partyCrl(p));
      }
    } catch (IOException e) {
      throw new ConfigException(P + "network-dir: " + net.dir() + " unreadable: " + e.getMessage(), e);
    }
    return crls.stream().filter(Files::exists).toList();
  }

  private static Password keystorePassword(Config c, Path base, Map<String, String> env, Optional<Path> fallback) {
    Optional<String> file = optionalString(c, "keystore-password-file");
    Optional<String> variable = optionalString(c, "keystore-password-env");
    if (file.isPresent() && variable.isPresent()) {
      throw new ConfigException(P + "keystore-password-file and keystore-password-env: both set (expected: one)");
    }
    if (variable.isPresent()) {
      try {
        return Password.fromEnvironment(variable.get(), env);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(P + "keystore-password-env: " + e.getMessage());
      }
    }
    Path passFile = file.map(base::resolve).or(() -> fallback).orElseThrow(() -> new ConfigException(
        P + "keystore-password-file: missing (expected: a file holding the keystore password, "
            + "or keystore-password-env naming a variable)"));
    return readPassword(passFile, "keystore-password-file");
  }

  private static Password readPassword(Path file, String key) {
    try {
      return Password.fromFile(existing(file, key, "a password file"));
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(P + key + ": " + e.getMessage(), e);
    }
  }

  private static <T> T required(Config c, String key, String expected, Function<String, T> parse) {
    String value = optionalString(c, key).orElseThrow(() -> new ConfigException(
        P + key + ": missing (expected: " + expected + ")"));
    try {
      return parse.apply(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(P + key + ": " + e.getMessage(), e);
    }
  }

  private static Optional<String> optionalString(Config c, String key) {
    return c.hasPath(P + key) ? Optional.of(c.getString(P + key)).filter(s -> !s.isBlank()) : Optional.empty();
  }

  private static Path path(Config c, Path base, String key, Optional<Path> fallback, String expected) {
    Path p = optionalString(c, key).map(base::resolve).or(() -> fallback).orElseThrow(() -> new ConfigException(
        P + key + ": missing (expected: " + expected + "; or set network-dir)"));
    return existing(p, key, expected);
  }

  private static Path existing(Path p, String key, String expected) {
    if (!Files.isRegularFile(p)) {
      throw new ConfigException(P + key + ": " + p + " does not exist (expected: " + expected + ")");
    }
    return p;
  }

  private static Optional<Integer> port(Config c, String key) {
    if (!c.hasPath(P + key)) {
      return Optional.empty();
    }
    return Optional.of(intIn(c, key, 0, 65535));
  }

  private static int intIn(Config c, String key, int min, int max) {
    int v = c.getInt(P + key);
    if (v < min || v > max) {
      throw new ConfigException(P + key + ": " + v + " (expected: " + min + " to " + max + ")");
    }
    return v;
  }

  /** relay247.node.database.wal-limit: a size from 1 MiB (smaller would truncate after almost every group). */
  private static long walLimit(Config c) {
    String key = "database.wal-limit";
    long v = c.getBytes(P + key);
    if (v < 1024 * 1024) {
      throw new ConfigException(P + key + ": " + v + " bytes (expected: at least 1MiB, e.g. 64MiB)");
    }
    return v;
  }

  private static Duration positive(Config c, String key) {
    Duration d = c.getDuration(P + key);
    if (d.isNegative() || d.isZero()) {
      throw new ConfigException(P + key + ": " + d + " (expected: > 0)");
    }
    return d;
  }
}
