package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.e2e.Awaits;
import org.relay247.gateway.store.InboxEntry;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Pem;
import org.relay247.protocol.seal.SignedDataCodec;
import org.relay247.protocol.v1.CertificateUsage;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.Node;
import org.relay247.protocol.v1.NodeCertificate;
import org.relay247.protocol.v1.Party;
import org.relay247.protocol.v1.Ping;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.Routing;

/**
 * Rotation without downtime: while FR and DE exchange messages both ways without pause, DE renews
 * its TLS, then its signing, then its encryption key, each the way docs/pki.md says (renew; a
 * directory lists old and new; the node reloads its keys; a directory lists the new one only),
 * and no node restarts. Every message is delivered, none is rejected or quarantined; new
 * handshakes present DE's new TLS certificate; DE's messages are then signed with its new key.
 */
class KeyRotationTest {
  private static final PartyCode DE = new PartyCode("DE");

  @TempDir Path dir;

  @Test
  void renewingEachKeyUnderLoad_failsNoDelivery() throws Exception {
    TestNetwork net = TestNetwork.create(dir, "FR", "DE");
    try (GatewayNode fr = net.start("FR"); GatewayNode de = net.start("DE")) {
      ConcurrentLinkedQueue<String> fromFr = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<String> fromDe = new ConcurrentLinkedQueue<>();
      AtomicBoolean running = new AtomicBoolean(true);
      Thread load = new Thread(() -> {
        while (running.get()) {
          // Back-pressure: keep about 20 in flight, not thousands queued.
          await("at most 20 pending from FR").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
              .until(() -> !running.get() || fr.outboxStore().pendingByParty().getOrDefault("DE", 0L) <= 20);
          if (!running.get()) {
            return;
          }
          fromFr.add(fr.outbox().submit(ping("FR/poc", "DE/poc")).getRouting().getMessageId());
          fromDe.add(de.outbox().submit(ping("DE/poc", "FR/poc")).getRouting().getMessageId());
        }
      }, "load");
      load.start();
      try {
        long version = 2;
        Map<CertificatePurpose, CertificateUsage> usages = Map.of(CertificatePurpose.TLS,
            CertificateUsage.CERTIFICATE_USAGE_TLS, CertificatePurpose.SIGN, CertificateUsage.CERTIFICATE_USAGE_SIGNING,
            CertificatePurpose.ENC, CertificateUsage.CERTIFICATE_USAGE_ENCRYPTION);
        for (CertificatePurpose purpose : List.of(CertificatePurpose.TLS, CertificatePurpose.SIGN,
            CertificatePurpose.ENC)) {
          awaitMoreDelivered(fr, fromFr, 20);
          X509Certificate old = Pem.readCertificate(net.pki.layout().nodeCertificate(DE, purpose));
          X509Certificate renewed = net.pki.renew(DE, purpose);
          // 1. The directory announces old and new together (old first: peers keep sealing to the old key).
          writeDirectory(net, version++, usages.get(purpose), old);
          assertThat(fr.directory().reload()).isTrue();
          assertThat(de.directory().reload()).isTrue();
          awaitMoreDelivered(fr, fromFr, 10);
          // 2. The node takes the new key, no restart. For ENC, FR still seals to the old key (listed
          //    first): the deliveries awaited next open only with DE's previous key.
          List<String> sealedBeforeByFr = List.copyOf(fromFr);
          List<String> sealedBeforeByDe = List.copyOf(fromDe);
          assertThat(de.reloadKeys()).containsExactly(purpose.label());
          awaitMoreDelivered(fr, fromFr, 10);
          awaitMoreDelivered(de, fromDe, 10);
          // 3. Once what was sealed with (or to) the old key is delivered, the directory lists the new
          //    certificate only.
          awaitAllCompleted(fr, sealedBeforeByFr);
          awaitAllCompleted(de, sealedBeforeByDe);
          writeDirectory(net, version++, null, null);
          assertThat(fr.directory().reload()).isTrue();
          assertThat(de.directory().reload()).isTrue();
          awaitMoreDelivered(fr, fromFr, 10);
          awaitMoreDelivered(de, fromDe, 10);
          if (purpose == CertificatePurpose.TLS) {
            assertThat(serverCertificate(de.exchangePort())).as("new handshakes present the new certificate")
                .isEqualTo(renewed);
          }
        }
      } finally {
        running.set(false);
        load.join();
      }
      for (String id : fromFr) {
        assertThat(Awaits.completed(fr, id).state()).as(id).isEqualTo(OutboxEntry.State.DELIVERED);
      }
      for (String id : fromDe) {
        assertThat(Awaits.completed(de, id).state()).as(id).isEqualTo(OutboxEntry.State.DELIVERED);
      }
      assertThat(fr.quarantine().count()).isZero();
      assertThat(de.quarantine().count()).isZero();
      assertThat(fromFr.size() + fromDe.size()).isGreaterThan(100);

      X509Certificate newSigning = Pem.readCertificate(net.pki.layout().nodeCertificate(DE, CertificatePurpose.SIGN));
      InboxEntry last = fr.inbox().find(List.copyOf(fromDe).get(fromDe.size() - 1)).orElseThrow();
      assertThat(SignedDataCodec.verify(last.signedData()).signer()).isEqualTo(newSigning);
    }
  }

  private static void awaitMoreDelivered(GatewayNode node, ConcurrentLinkedQueue<String> sent, int more)
      throws InterruptedException {
    int target = delivered(node, sent) + more;
    Awaits.until(more + " more deliveries from " + node.party(), Duration.ofSeconds(60),
        () -> delivered(node, sent) >= target);
  }

  private static void awaitAllCompleted(GatewayNode node, List<String> ids) throws InterruptedException {
    for (String id : ids) {
      Awaits.completed(node, id);
    }
  }

  private static int delivered(GatewayNode node, ConcurrentLinkedQueue<String> sent) {
    int n = 0;
    for (String id : List.copyOf(sent)) {
      if (node.outboxStore().find(id).map(e -> e.state() == OutboxEntry.State.DELIVERED).orElse(false)) {
        n++;
      }
    }
    return n;
  }

  /** The directory with DE's current certificates; with {@code old} listed before the new one of {@code usage}. */
  private static void writeDirectory(TestNetwork net, long version, CertificateUsage usage, X509Certificate old)
      throws Exception {
    net.writeDirectory(version, net.pki.layout().dir().resolve("directory.bin"), d -> {
      if (old == null) {
        return;
      }
      for (Party.Builder p : d.getPartiesBuilderList()) {
        if (p.getCode().equals("DE")) {
          Node.Builder node = p.getNodesBuilder(0);
          List<NodeCertificate> certs = new ArrayList<>(node.getCertificatesList());
          int at = 0;
          while (at < certs.size() && certs.get(at).getUsage() != usage) {
            at++;
          }
          try {
            certs.add(at, NodeCertificate.newBuilder().setUsage(usage)
                .setDer(ByteString.copyFrom(old.getEncoded())).build());
          } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
          }
          node.clearCertificates().addAllCertificates(certs);
        }
      }
    });
  }

  /** The certificate a TLS server presents to a new handshake (the client trusts anything: it only looks). */
  private static X509Certificate serverCertificate(int port) throws Exception {
    SSLContext tls = SSLContext.getInstance("TLSv1.3");
    tls.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) { }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) { }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", port)) {
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    } catch (javax.net.ssl.SSLException e) {
      // TLS 1.3: the server may refuse our missing client certificate after sending its own.
      throw new AssertionError("handshake failed before the server certificate was seen", e);
    }
  }

  private static InnerMessage ping(String from, String to) {
    return InnerMessage.newBuilder().setRouting(Routing.newBuilder().setSender(from).setRecipient(to)
            .setPriority(Priority.PRIORITY_ROUTINE))
        .setLanguage("en").setPing(Ping.newBuilder().setNonce("n")).build();
  }
}
