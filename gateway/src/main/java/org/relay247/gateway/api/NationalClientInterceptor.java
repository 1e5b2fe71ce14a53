package org.relay247.gateway.api;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.function.Supplier;
import javax.net.ssl.SSLSession;
import org.relay247.gateway.tls.TlsPeers;
import org.relay247.pki.CertificateValidator;
import org.relay247.pki.DistinguishedNames;
import org.relay247.pki.PartyCode;
import org.relay247.pki.ValidatedCertificate;

/**
 * Names the national client of every call and puts it in the gRPC {@link Context} (for the log
 * and, later, the audit trail). The handshake already refused clients of other Parties; the
 * certificate is checked again per call with the current trust, so a client whose certificate
 * was revoked after it connected is refused (UNAUTHENTICATED) on its next call.
 */
final class NationalClientInterceptor implements ServerInterceptor {
  /** The calling client, as its certificate subject, e.g. "CN=fr-case-system, OU=tls, ..., C=FR". */
  static final Context.Key<String> CLIENT = Context.key("relay247-national-client");

  private final Supplier<CertificateValidator> validator;
  private final PartyCode party;

  NationalClientInterceptor(Supplier<CertificateValidator> validator, PartyCode party) {
    this.validator = validator;
    this.party = party;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String client;
    try {
      client = client(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
    } catch (SecurityException e) {
      call.close(Status.UNAUTHENTICATED.withDescription(e.getMessage()), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(Context.current().withValue(CLIENT, client), call, headers, next);
  }

  private String client(SSLSession session) {
    ValidatedCertificate v = TlsPeers.validatedClient(session, validator.get());
    if (!v.party().equals(java.util.Optional.of(party))) {
      throw new SecurityException("client certificate of Party " + v.party().orElse(null)
          + " (expected: a client of " + party + ")");
    }
    return DistinguishedNames.describe(v.certificate());
  }
}
