package org.relay247.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.node.NodeLauncher;
import org.relay247.gateway.RawPeer;
import org.relay247.gateway.TestNetwork;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Pem;
import org.relay247.pki.RevocationReason;
import org.relay247.protocol.v1.PingRequest;

/**
 * A node whose TLS certificate has been revoked is refused by a running peer (its own process)
 * as soon as that peer has read the new CRL, while other Parties still get through.
 */
class RevokedPeerTest {
  @TempDir Path dir;

  @Test
  void peerWithRevokedTlsCertificate_isRefusedAtTheHandshake() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE", "US");
    net.writeConfig(new PartyCode("DE"), "crl-refresh = 200ms");
    try (NodeLauncher de = NodeLauncher.start(dir.resolve("DE.conf"));
        RawPeer fr = new RawPeer(net, "FR", "DE");
        RawPeer us = new RawPeer(net, "US", "DE")) {
      assertThat(fr.stub().ping(PingRequest.newBuilder().setNonce("before").build()).getNonce()).isEqualTo("before");

      net.pki.revoke(new PartyCode("FR"), Pem.readCertificate(net.pki.layout().nodeCertificate(new PartyCode("FR"),
          CertificatePurpose.TLS)), RevocationReason.KEY_COMPROMISE);
      // DE re-reads its CRLs every 200 ms; from then on, a new connection from FR is refused.
      await("DE refuses FR's revoked certificate").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        try (RawPeer frAgain = new RawPeer(net, "FR", "DE")) {
          assertThatThrownBy(() -> frAgain.stub().ping(PingRequest.newBuilder().setNonce("after").build()))
              .isInstanceOfSatisfying(StatusRuntimeException.class,
                  e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE))
              .satisfies(e -> assertThat(causes(e)).containsIgnoringCase("certificate_revoked"));
        }
      });
      // Same node, same moment, another Party: the handshake itself still works.
      assertThat(us.stub().ping(PingRequest.newBuilder().setNonce("us").build()).getNonce()).isEqualTo("us");
    }
  }

  private static String causes(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" | ");
    }
    return b.toString();
  }
}
