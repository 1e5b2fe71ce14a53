package org.relay247.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.StatusRuntimeException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.RawPeer;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.node.GatewayNode;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Pem;
import org.relay247.pki.RevocationReason;
import org.relay247.protocol.v1.PingRequest;

/**
 * Trust that travels: each node is installed with its own copy of the network's CRLs and reads
 * only its own Party's CRL from where its CA publishes it. FR's CA revokes FR's TLS certificate;
 * DE and US learn it from FR's node over the node exchange (GetCrl) and refuse FR, while no CRL
 * file of theirs changes. Periods are short here (200 ms); the bound in production is
 * crl-refresh + crl-fetch.interval + 15 s (6 min 15 s by default, docs/pki.md).
 */
class CrlPropagationTest {
  private static final List<String> PARTIES = List.of("FR", "DE", "US");

  @TempDir Path dir;

  @Test
  void revocationPublishedByFr_isEnforcedByEveryOtherNode_withoutCopyingFiles() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE", "US");
    for (String p : PARTIES) {
      net.writeConfig(new PartyCode(p), "crl-files = " + installBundle(net, p) + "\n  crl-refresh = 200ms\n"
          + "  crl-fetch { interval = 200ms }");
    }
    PartyCode fr = new PartyCode("FR");
    X509Certificate frTls = Pem.readCertificate(net.pki.layout().nodeCertificate(fr, CertificatePurpose.TLS));
    BigInteger serial = frTls.getSerialNumber();
    try (GatewayNode frNode = net.start("FR"); GatewayNode de = net.start("DE"); GatewayNode us = net.start("US")) {
      for (String to : List.of("DE", "US")) {
        try (RawPeer peer = new RawPeer(net, "FR", to)) {
          assertThat(peer.stub().ping(PingRequest.newBuilder().setNonce("before").build()).getNonce())
              .isEqualTo("before");
        }
      }

      net.pki.revoke(fr, frTls, RevocationReason.KEY_COMPROMISE);  // FR's CA publishes to FR's node

      for (GatewayNode node : List.of(de, us)) {
        Awaits.until(node.party() + " holds FR's new CRL", Duration.ofSeconds(60), () -> node.trust().crlOf("FR")
            .map(crl -> crl.getRevokedCertificate(serial) != null).orElse(false));
        try (RawPeer peer = new RawPeer(net, "FR", node.party().code())) {
          assertThatThrownBy(() -> peer.stub().ping(PingRequest.newBuilder().setNonce("after").build()))
              .isInstanceOf(StatusRuntimeException.class)
              .satisfies(e -> assertThat(causes(e)).containsIgnoringCase("certificate_revoked"));
        }
        String p = node.party().code().toLowerCase();
        assertThat(Pem.readCrl(dir.resolve(node.party().code() + "-crls/FR.pem")).getRevokedCertificate(serial))
            .as("the node's own copy of FR's CRL was not touched").isNull();
        assertThat(Pem.readCrl(dir.resolve("data/crl-cache-" + p + "/FR.pem")).getRevokedCertificate(serial))
            .as("adopted CRL kept for the next start").isNotNull();
      }
      // US, not revoked, still gets through to DE.
      try (RawPeer peer = new RawPeer(net, "US", "DE")) {
        assertThat(peer.stub().ping(PingRequest.newBuilder().setNonce("us").build()).getNonce()).isEqualTo("us");
      }
    }
  }

  /** DIR/XX-crls: the copies of the CRLs a node is installed with; its own Party's CRL where its CA writes it. */
  private String installBundle(TestNetwork net, String party) throws Exception {
    Path bundle = Files.createDirectories(dir.resolve(party + "-crls"));
    List<String> files = new ArrayList<>();
    Files.copy(net.pki.layout().rootCrl(), bundle.resolve("root.pem"));
    files.add("\"" + bundle.resolve("root.pem") + "\"");
    for (String p : PARTIES) {
      Path source = net.pki.layout().partyCrl(new PartyCode(p));
      if (p.equals(party)) {
        files.add("\"" + source + "\"");
      } else {
        Files.copy(source, bundle.resolve(p + ".pem"));
        files.add("\"" + bundle.resolve(p + ".pem") + "\"");
      }
    }
    return files.toString();
  }

  private static String causes(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" | ");
    }
    return b.toString();
  }
}
