package org.relay247.gateway.delivery;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.seal.PingVerificationException;
import org.relay247.protocol.seal.SignedPings;
import org.relay247.protocol.seal.SigningKey;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.NodeExchangeServiceGrpc;
import org.relay247.protocol.v1.PingRequest;
import org.relay247.protocol.v1.PingResponse;

/**
 * This node's side of the network health check: a signed ping to each Party's node over the
 * node exchange, on the channels deliveries use, and its signed pong verified (signature, signer
 * listed for that Party, reply to this ping, nonce). Nothing is sealed or stored. Pings go out
 * together, at most {@link #IN_FLIGHT} at a time, so a long list does not open every connection
 * at once; each round trip is timed from its own send.
 */
public final class NodePinger {
  /** Pings in flight at once, per call. */
  static final int IN_FLIGHT = 16;
  private static final SecureRandom NONCES = new SecureRandom();

  /**
   * One Party's answer.
   *
   * @param roundTripMs ping sent to pong verified, by the monotonic clock; 0 when not answered
   * @param nodeId the answering node, as the directory lists it; empty when not answered
   * @param why when not answered: "certificate (...)", "TLS (...)", "timeout/unreachable (...)"
   *     around the error, e.g. "certificate (ping refused by DE: ping signer: REVOKED: ...)", or
   *     the error alone ("pong refused: ...", "ping refused by XX: ..."); empty when answered
   */
  public record Outcome(PartyCode party, boolean answered, double roundTripMs, String nodeId, String why) {}

  private final PartyCode self;
  private final PeerChannels channels;
  private final Supplier<SigningKey> key;
  private final Supplier<SignedPings> verifier;
  private final Supplier<Long> directoryVersion;
  private final Clock clock;

  public NodePinger(PartyCode self, PeerChannels channels, Supplier<SigningKey> key, Supplier<SignedPings> verifier,
      Supplier<Long> directoryVersion, Clock clock) {
    this.self = self;
    this.channels = channels;
    this.key = key;
    this.verifier = verifier;
    this.directoryVersion = directoryVersion;
    this.clock = clock;
  }

  /** Pings each of {@code parties} and waits for every answer, each for at most {@code timeout}. */
  public List<Outcome> ping(List<PartyCode> parties, Duration timeout) throws InterruptedException {
    Semaphore slots = new Semaphore(IN_FLIGHT);
    List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
    for (PartyCode party : parties) {
      slots.acquire();
      CompletableFuture<Outcome> outcome = new CompletableFuture<>();
      outcome.whenComplete((o, e) -> slots.release());
      outcomes.add(outcome);
      send(party, timeout, outcome);
    }
    List<Outcome> all = new ArrayList<>();
    for (CompletableFuture<Outcome> o : outcomes) {
      all.add(o.join());
    }
    return all;
  }

  private void send(PartyCode party, Duration timeout, CompletableFuture<Outcome> outcome) {
    SignedPings pings = verifier.get();
    InnerMessage ping = SignedPings.ping(clock, self, party, HexFormat.of().formatHex(nonce()));
    byte[] signed = SignedPings.sign(ping, key.get(), clock);
    long sent = System.nanoTime();
    try {
      var call = NodeExchangeServiceGrpc.newFutureStub(channels.forParty(party))
          .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
          .ping(PingRequest.newBuilder().setNonce(ping.getPing().getNonce())
              .setDirectoryVersion(directoryVersion.get()).setSignedPing(ByteString.copyFrom(signed)).build());
      Futures.addCallback(call, new FutureCallback<PingResponse>() {
        @Override
        public void onSuccess(PingResponse pong) {
          try {
            outcome.complete(answered(party, pings, pong, ping, sent));
          } catch (RuntimeException e) {
            // Whatever the pong held, the caller waiting on this outcome gets one.
            outcome.complete(failed(party, "pong refused: " + e));
          }
        }

        @Override
        public void onFailure(Throwable t) {
          outcome.complete(failed(party, why(party, t)));
        }
      }, MoreExecutors.directExecutor());
    } catch (RuntimeException e) {
      // No channel: the directory lists no endpoint, or it cannot be built.
      outcome.complete(failed(party, why(party, e)));
    }
  }

  private Outcome answered(PartyCode party, SignedPings pings, PingResponse pong, InnerMessage ping, long sent) {
    if (pong.getSignedPong().isEmpty()) {
      return failed(party, "pong refused: not signed (the node of " + party + " answered an unsigned pong)");
    }
    try {
      pings.verifyPong(pong.getSignedPong().toByteArray(), ping, party);
    } catch (PingVerificationException e) {
      return failed(party, classify("pong refused: " + e.getMessage()));
    }
    return new Outcome(party, true, (System.nanoTime() - sent) / 1e6, pong.getNodeId(), "");
  }

  private static Outcome failed(PartyCode party, String why) {
    return new Outcome(party, false, 0, "", why);
  }

  private static byte[] nonce() {
    byte[] nonce = new byte[16];
    NONCES.nextBytes(nonce);
    return nonce;
  }

  /** Why a call failed, as an operator needs to know it: the peer's refusal, certificate, TLS or timeout. */
  static String why(PartyCode party, Throwable failure) {
    Status status = Status.fromThrowable(failure);
    if (status.getCode() == Status.Code.PERMISSION_DENIED || status.getCode() == Status.Code.INVALID_ARGUMENT) {
      return classify("ping refused by " + party + ": " + status.getDescription());
    }
    StringBuilder text = new StringBuilder(failure instanceof StatusRuntimeException
        ? status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription())
        : String.valueOf(failure.getMessage()));
    for (Throwable c = failure.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && text.indexOf(c.getMessage()) < 0) {
        text.append(": ").append(c.getMessage());
      }
    }
    return classify(text.toString());
  }

  /** TLS, certificate or timeout/unreachable, then the error itself. */
  public static String classify(String error) {
    String e = error.toLowerCase(Locale.ROOT);
    if (e.contains("revoked") || e.contains("certificate")) {
      return "certificate (" + error + ")";
    } else if (e.contains("ssl") || e.contains("tls") || e.contains("handshake")) {
      return "TLS (" + error + ")";
    } else if (e.contains("deadline") || e.contains("timeout") || e.contains("unavailable")) {
      return "timeout/unreachable (" + error + ")";
    }
    return error;
  }
}
