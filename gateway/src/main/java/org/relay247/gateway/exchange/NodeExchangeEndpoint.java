package org.relay247.gateway.exchange;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.function.Supplier;
import org.relay247.gateway.store.StoreException;
import org.relay247.protocol.seal.PingVerificationException;
import org.relay247.protocol.v1.DeliverRequest;
import org.relay247.protocol.v1.DeliverResponse;
import org.relay247.protocol.v1.NodeExchangeServiceGrpc;
import org.relay247.protocol.v1.PingRequest;
import org.relay247.protocol.v1.PingResponse;

/**
 * The node-to-node gRPC service. Status codes are for failures where no signed receipt can be
 * produced: INVALID_ARGUMENT for unreadable bytes, UNAVAILABLE when the store is down (the sender
 * retries). Every judged envelope gets a signed receipt instead. A signed ping is answered with a
 * signed pong, or PERMISSION_DENIED naming what was refused.
 */
public final class NodeExchangeEndpoint extends NodeExchangeServiceGrpc.NodeExchangeServiceImplBase {
  private final InboundProcessor inbound;
  private final String nodeId;
  private final Supplier<Long> directoryVersion;
  private final Clock clock;
  private final java.util.function.Function<String, java.util.Optional<java.security.cert.X509CRL>> crls;
  private final PingAnswerer pings;

  /**
   * @param crls the newest CRL held of an issuer ("root" or a Party code), served by GetCrl
   * @param pings answers signed pings
   */
  public NodeExchangeEndpoint(InboundProcessor inbound, String nodeId, Supplier<Long> directoryVersion, Clock clock,
      java.util.function.Function<String, java.util.Optional<java.security.cert.X509CRL>> crls, PingAnswerer pings) {
    this.inbound = inbound;
    this.nodeId = nodeId;
    this.directoryVersion = directoryVersion;
    this.clock = clock;
    this.crls = crls;
    this.pings = pings;
  }

  @Override
  public void getCrl(org.relay247.protocol.v1.GetCrlRequest request,
      StreamObserver<org.relay247.protocol.v1.GetCrlResponse> responses) {
    String issuer = request.getIssuer();
    if (!issuer.equals("root") && !issuer.matches("[A-Z]{2}")) {
      responses.onError(Status.INVALID_ARGUMENT.withDescription("issuer: \"" + issuer
          + "\" (expected: root or a Party code, e.g. FR)").asRuntimeException());
      return;
    }
    var crl = crls.apply(issuer);
    if (crl.isEmpty()) {
      responses.onError(Status.NOT_FOUND.withDescription("no CRL of " + issuer + " held here").asRuntimeException());
      return;
    }
    try {
      responses.onNext(org.relay247.protocol.v1.GetCrlResponse.newBuilder()
          .setCrl(ByteString.copyFrom(crl.get().getEncoded())).build());
      responses.onCompleted();
    } catch (java.security.cert.CRLException e) {
      responses.onError(Status.INTERNAL.withDescription("CRL of " + issuer + " not encodable").asRuntimeException());
    }
  }

  @Override
  public void deliver(DeliverRequest request, StreamObserver<DeliverResponse> responses) {
    try {
      byte[] receipt = inbound.receive(request.getEnvelope().toByteArray(), PeerPartyInterceptor.PEER_PARTY.get());
      responses.onNext(DeliverResponse.newBuilder().setSignedReceipt(ByteString.copyFrom(receipt)).build());
      responses.onCompleted();
    } catch (InboundProcessor.UnreadableEnvelopeException e) {
      responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
    } catch (StoreException e) {
      responses.onError(Status.UNAVAILABLE.withDescription("store unavailable, retry later").asRuntimeException());
    }
  }

  @Override
  public void ping(PingRequest request, StreamObserver<PingResponse> responses) {
    PingResponse.Builder pong = PingResponse.newBuilder().setNonce(request.getNonce())
        .setReceivedAt(Timestamps.fromMillis(clock.millis())).setDirectoryVersion(directoryVersion.get())
        .setNodeId(nodeId);
    if (!request.getSignedPing().isEmpty()) {
      try {
        pong.setSignedPong(ByteString.copyFrom(pings.answer(request.getSignedPing().toByteArray(),
            PeerPartyInterceptor.PEER_PARTY.get())));
      } catch (PingVerificationException e) {
        responses.onError(Status.PERMISSION_DENIED.withDescription(e.getMessage()).asRuntimeException());
        return;
      }
    }
    responses.onNext(pong.build());
    responses.onCompleted();
  }
}
