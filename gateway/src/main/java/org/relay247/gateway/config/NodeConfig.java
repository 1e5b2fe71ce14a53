package org.relay247.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.relay247.gateway.delivery.RetryPolicy;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Password;
import org.relay247.protocol.v1.Priority;

/**
 * A node's validated configuration (see reference.conf for every key and its default).
 * Ports are empty when they are to be taken from the directory; {@code cluster} is empty for a
 * single node.
 */
public record NodeConfig(
    PartyCode party,
    Path keystore,
    Password keystorePassword,
    Path rootCertificate,
    List<Path> crlFiles,
    Duration crlRefresh,
    Path directoryFile,
    Duration directoryRefresh,
    String databaseUrl,
    String databaseUser,
    Optional<Password> databasePassword,
    int databasePoolSize,
    long databaseWalLimitBytes,
    String bindHost,
    Optional<Integer> exchangePort,
    Optional<Integer> apiPort,
    Optional<Integer> metricsPort,
    int maxEnvelopeBytes,
    Duration maxClockSkew,
    RetryPolicy retry,
    Duration emergencyDeadline,
    Duration urgentDeadline,
    Duration routineDeadline,
    org.relay247.gateway.cases.CaseTimerSettings caseTimers,
    org.relay247.gateway.protection.ProtectionSettings protection,
    org.relay247.gateway.expiry.ExpirySettings expiry,
    org.relay247.gateway.logging.LogFormat logFormat,
    org.relay247.gateway.trust.CrlSharing crlSharing,

    Optional<ConsoleSettings> console,
    Optional<org.relay247.gateway.cluster.ClusterSettings> cluster) {

  public NodeConfig {
    crlFiles = List.copyOf(crlFiles);
    java.util.Objects.requireNonNull(caseTimers, "caseTimers");
    java.util.Objects.requireNonNull(protection, "protection");
    java.util.Objects.requireNonNull(expiry, "expiry");
    java.util.Objects.requireNonNull(logFormat, "logFormat");
    java.util.Objects.requireNonNull(crlSharing, "crlSharing");
    java.util.Objects.requireNonNull(console, "console");
    java.util.Objects.requireNonNull(cluster, "cluster");
  }

  /** How long a message of this priority may stay undelivered before it escalates. */
  public Duration deadline(Priority priority) {
    return switch (priority) {
      case PRIORITY_EMERGENCY -> emergencyDeadline;
      case PRIORITY_URGENT -> urgentDeadline;
      default -> routineDeadline;
    };
  }
}
