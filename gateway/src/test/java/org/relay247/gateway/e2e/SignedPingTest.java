package org.relay247.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.RawPeer;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.pki.PartyCode;
import org.relay247.protocol.seal.SignedPings;
import org.relay247.protocol.seal.SigningKey;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.PingRequest;
import org.relay247.protocol.v1.PingResponse;

/** The node exchange's signed ping over real mTLS: DE's node answers FR's signed ping, and refuses a forged one. */
class SignedPingTest {
  private static final PartyCode FR = new PartyCode("FR");
  private static final PartyCode DE = new PartyCode("DE");
  @TempDir static Path dir;
  private static TestNetwork net;
  private static GatewayNode de;

  @BeforeAll
  static void start() throws Exception {
    net = TestNetwork.create(dir, "FR", "DE", "US");
    de = net.start("DE");
  }

  @AfterAll
  static void stop() {
    de.close();
  }

  private static PingResponse ping(RawPeer peer, InnerMessage ping, SigningKey signer) {
    return peer.stub().ping(PingRequest.newBuilder().setNonce(ping.getPing().getNonce())
        .setSignedPing(ByteString.copyFrom(SignedPings.sign(ping, signer, Clock.systemUTC()))).build());
  }

  @Test
  void signedPing_isAnsweredWithAPongSignedByTheCalleesNode() throws Exception {
    try (RawPeer fr = new RawPeer(net, "FR", "DE")) {
      InnerMessage ping = SignedPings.ping(Clock.systemUTC(), FR, DE, "n-1");

      PingResponse response = ping(fr, ping, fr.keys.signing());

      InnerMessage pong = new SignedPings(net.pki.validator(), de.directory().current().listed())
          .verifyPong(response.getSignedPong().toByteArray(), ping, DE);
      assertThat(pong.getPong().getNonce()).isEqualTo("n-1");
      assertThat(pong.getRouting().getReplyToId()).isEqualTo(ping.getRouting().getMessageId());
      assertThat(response.getNodeId()).isEqualTo(de.nodeId());
      assertThat(de.inbox().after(0, 100)).as("nothing stored").isEmpty();
    }
  }

  @Test
  void pingSignedByAnotherPartyThanTheTlsCertificate_isRefused() throws Exception {
    try (RawPeer fr = new RawPeer(net, "FR", "DE"); RawPeer us = new RawPeer(net, "US", "DE")) {
      InnerMessage ping = SignedPings.ping(Clock.systemUTC(), FR, DE, "forged");

      assertThatThrownBy(() -> ping(fr, ping, us.keys.signing()))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(e.getStatus().getDescription()).isEqualTo("ping signed by a node of US, not of FR");
          });
    }
  }

  @Test
  void pingClaimingAnotherSenderThanTheTlsCertificate_isRefused() throws Exception {
    try (RawPeer us = new RawPeer(net, "US", "DE")) {
      InnerMessage asFr = SignedPings.ping(Clock.systemUTC(), FR, DE, "as-fr");

      assertThatThrownBy(() -> ping(us, asFr, us.keys.signing()))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(e.getStatus().getDescription())
                .isEqualTo("ping routed from FR/poc to DE/poc (expected: from US/poc to DE/poc)");
          });
    }
  }
}
