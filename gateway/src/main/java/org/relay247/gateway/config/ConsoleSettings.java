package org.relay247.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator console's settings ({@code relay247.node.console}, docs/console.md): its HTTPS
 * port, the certificate chain and key it presents (PEM files; both absent means the node's own TLS
 * key, for development networks whose root the browser was told to trust), how long a session may
 * stay idle, how many failed sign-ins lock an account for how long, and whether people may also
 * sign in with a client certificate of the Party's CA bound to their account.
 */
public record ConsoleSettings(int port, Optional<Path> certificate, Optional<Path> key, Duration idleTimeout,
    int maxFailures, Duration lockout, boolean clientCertificates) {

  public ConsoleSettings {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(key, "key");
    if (certificate.isPresent() != key.isPresent()) {
      throw new IllegalArgumentException("certificate-file and key-file: only one given (expected: both, or neither"
          + " to use the node's TLS key)");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
    }
    if (maxFailures < 1 || maxFailures > 100) {
      throw new IllegalArgumentException("max-failures: " + maxFailures + " (expected: 1 to 100)");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero() || lockout.isNegative() || lockout.isZero()) {
      throw new IllegalArgumentException("idle-timeout and lockout: " + idleTimeout + ", " + lockout
          + " (expected: > 0)");
    }
  }

  /** Whether the console presents the node's own TLS certificate (development networks). */
  public boolean usesNodeTlsKey() {
    return certificate.isEmpty();
  }
}
