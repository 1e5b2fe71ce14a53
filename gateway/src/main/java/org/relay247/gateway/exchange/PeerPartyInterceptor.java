package org.relay247.gateway.exchange;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import javax.net.ssl.SSLSession;
import org.relay247.gateway.directory.DirectoryView;
import org.relay247.gateway.tls.TlsPeers;
import org.relay247.pki.CertificateValidator;
import org.relay247.pki.PartyCode;
import org.relay247.pki.ValidatedCertificate;
import org.relay247.protocol.seal.ListedCertificates;
import org.relay247.protocol.v1.CertificateUsage;

/**
 * Binds the TLS peer to a Party through the directory and puts it in the gRPC {@link Context}:
 * the peer's certificate must validate for TLS, its issuing CA must be the one the directory
 * lists for that Party, and the certificate itself must be one the directory lists for a node of
 * that Party. Checked on every call with the directory in force then, so a certificate the
 * directory stops listing is refused on connections opened before. Calls without such a peer end
 * with UNAUTHENTICATED.
 */
public final class PeerPartyInterceptor implements ServerInterceptor {
  /** The Party of the calling node. */
  public static final Context.Key<PartyCode> PEER_PARTY = Context.key("relay247-peer-party");

  private final Supplier<CertificateValidator> validator;
  private final Supplier<DirectoryView> directory;

  public PeerPartyInterceptor(Supplier<CertificateValidator> validator, Supplier<DirectoryView> directory) {
    this.validator = validator;
    this.directory = directory;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    PartyCode party;
    try {
      party = peerParty(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
    } catch (SecurityException e) {
      call.close(Status.UNAUTHENTICATED.withDescription(e.getMessage()), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(Context.current().withValue(PEER_PARTY, party), call, headers, next);
  }

  private PartyCode peerParty(SSLSession session) {
    ValidatedCertificate v = TlsPeers.validatedClient(session, validator.get());
    PartyCode party = v.party().orElseThrow(() -> new SecurityException("client certificate names no Party"));
    DirectoryView current = directory.get();
    X509Certificate ca = v.chain().get(1);
    if (!current.caCertificates(party).contains(ca)) {
      throw new SecurityException("the CA of the client certificate is not the CA the directory (version "
          + current.version() + ") lists for Party " + party);
    }
    try {
      current.listed().requireListed(party, CertificateUsage.CERTIFICATE_USAGE_TLS, v.certificate());
    } catch (ListedCertificates.NotListedException e) {
      throw new SecurityException("client " + e.getMessage());
    }
    return party;
  }
}
