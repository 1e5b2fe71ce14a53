package org.relay247.gateway.cli;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * A failed national API call as one sentence for the operator: the node could not be reached,
 * the TLS handshake failed (and which side refused whose certificate), or the node's own answer
 * (its messages already name the field). The CLI prints it and exits 1.
 */
final class ApiFailures {
  private ApiFailures() {}

  /** The exception to let the CLI's handler print. */
  static IllegalStateException describe(StatusRuntimeException e, String target) {
    return new IllegalStateException(message(e.getStatus(), target), e);
  }

  static String message(Status status, String target) {
    String description = status.getDescription() == null ? "" : status.getDescription();
    return switch (status.getCode()) {
      case UNAVAILABLE -> {
        CertificateException refusedByUs = find(status.getCause(), CertificateException.class);
        SSLException tls = find(status.getCause(), SSLException.class);
        if (refusedByUs != null) {
          yield "TLS handshake with the node at " + target + " failed: its certificate was refused: "
              + refusedByUs.getMessage();
        }
        if (tls != null) {
          yield "TLS handshake with the node at " + target + " failed: " + tls.getMessage()
              + (tls.getMessage() != null && tls.getMessage().toLowerCase(Locale.ROOT).contains("alert")
                  ? " (the node refused this client's certificate: the national API accepts only valid TLS "
                      + "certificates issued by the CA of its own Party)" : "");
        }
        yield "cannot reach the node at " + target + " (UNAVAILABLE: " + detail(status) + ")";
      }
      case DEADLINE_EXCEEDED -> "the node at " + target + " did not answer in time (" + detail(status) + ")";
      case UNAUTHENTICATED -> "the node at " + target + " refused this client: " + description;
      case INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION -> description;
      default -> "the node at " + target + " answered " + status.getCode() + ": " + description;
    };
  }

  private static String detail(Status status) {
    String d = status.getDescription() == null ? "" : status.getDescription();
    Throwable cause = status.getCause();
    while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause != null && cause.getMessage() != null && !d.contains(cause.getMessage())) {
      d = d.isEmpty() ? cause.getMessage() : d + ": " + cause.getMessage();
    }
    return d.isEmpty() ? status.getCode().name() : d;
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
