package org.relay247.gateway.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relay247.gateway.TestNetwork;
import org.relay247.gateway.store.OutboxEntry;
import org.relay247.gateway.tls.NodeTls;
import org.relay247.gateway.tls.PkiTrustManager;
import org.relay247.pki.CertificatePurpose;
import org.relay247.pki.Crypto;
import org.relay247.pki.NodeIdentity;
import org.relay247.pki.PartyCode;
import org.relay247.pki.Pem;
import org.relay247.pki.Validity;
import org.relay247.protocol.MessageIds;
import org.relay247.protocol.seal.EnvelopeSealer;
import org.relay247.protocol.seal.SigningKey;
import org.relay247.protocol.seal.VerifiedReceipt;
import org.relay247.protocol.v1.CertificateUsage;
import org.relay247.protocol.v1.DeliverRequest;
import org.relay247.protocol.v1.DeliverResponse;
import org.relay247.protocol.v1.Envelope;
import org.relay247.protocol.v1.InnerMessage;
import org.relay247.protocol.v1.NodeCertificate;
import org.relay247.protocol.v1.NodeExchangeServiceGrpc;
import org.relay247.protocol.v1.Ping;
import org.relay247.protocol.v1.PingRequest;
import org.relay247.protocol.v1.Priority;
import org.relay247.protocol.v1.ReceiptStatus;
import org.relay247.protocol.v1.RejectionReason;
import org.relay247.protocol.v1.Routing;

/**
 * A certificate that chains to the right Party's CA is not enough: the TLS peer, the envelope
 * signer and the server a node delivers to must each present a certificate the signed directory
 * lists for a node of that Party. The attacker here holds a key FR's CA really certified (for
 * another system, or stolen from its issuing process); each attack fails on the listing alone.
 */
class DirectoryBindingTest {
  private static final PartyCode FR = new PartyCode("FR");
  private static final PartyCode DE = new PartyCode("DE");

  @TempDir Path dir;
  TestNetwork net;
  GatewayNode fr;
  GatewayNode de;

  @AfterEach
  void stop() {
    if (fr != null) {
      fr.close();
    }
    if (de != null) {
      de.close();
    }
  }

  /** A key with a certificate FR's CA issued for {@code purpose}, listed in no directory. */
  private record Unlisted(PrivateKey key, List<X509Certificate> chain) {
    X509Certificate certificate() {
      return chain.get(0);
    }
  }

  private Unlisted unlisted(PartyCode party, CertificatePurpose purpose) throws Exception {
    KeyPair keys = Crypto.newKeyPair();
    X509Certificate cert = net.pki.partyCa(party).issueNodeCertificate(NodeIdentity.localDefault(party), purpose,
        keys.getPublic(), Validity.ofDays(Clock.systemUTC(), 30));
    return new Unlisted(keys.getPrivate(), List.of(cert, Pem.readCertificate(net.pki.layout().partyCaCertificate(party)),
        Pem.readCertificate(net.pki.layout().rootCertificate())));
  }

  private ManagedChannel channelTo(PartyCode to, PrivateKey key, List<X509Certificate> chain) throws Exception {
    var validator = net.pki.validator();
    return NettyChannelBuilder.forTarget("localhost:" + net.ports.get(to))
        .sslContext(NodeTls.client(key, chain, PkiTrustManager.forClient(() -> validator, to))).build();
  }

  private static String ping(ManagedChannel channel, String nonce) {
    return NodeExchangeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
        .ping(PingRequest.newBuilder().setNonce(nonce).build()).getNonce();
  }

  /** Re-signs the directory as {@code version} with {@code extra} listed beside FR's node certificates. */
  private void listForFr(long version, CertificateUsage usage, X509Certificate extra, boolean dropCurrent)
      throws Exception {
    net.writeDirectory(version, net.pki.layout().dir().resolve("directory.bin"), d -> {
      var node = d.getPartiesBuilderList().stream().filter(p -> p.getCode().equals("FR")).findFirst().orElseThrow()
          .getNodesBuilder(0);
      if (dropCurrent) {
        List<NodeCertificate> kept = node.getCertificatesList().stream().filter(c -> c.getUsage() != usage).toList();
        node.clearCertificates().addAllCertificates(kept);
      }
      node.addCertificates(NodeCertificate.newBuilder().setUsage(usage).setDer(der(extra)));
    });
  }

  private static ByteString der(X509Certificate cert) {
    try {
      return ByteString.copyFrom(cert.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void tlsClientWithUnlistedCertificateOfTheRightParty_isRefusedAtTheHandshake() throws Exception {
    net = TestNetwork.create(dir, "FR", "DE");
    de = net.start("DE");
    Unlisted attacker = unlisted(FR, CertificatePurpose.TLS);
    assertThat(net.pki.validator().validate(attacker.chain(), CertificatePurpose.TLS).party()).contains(FR);

    ManagedChannel rogue = channelTo(DE, attacker.key(), attacker.chain());
    try {
      assertThatThrownBy(() -> ping(rogue, "rogue"))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    } finally {
      rogue.shutdownNow();
    }
    NodeKeys real = NodeKeys.load(net.pki.layout().nodeKeystore(FR),
        org.relay247.pki.Password.fromFile(net.pki.layout().nodePassword(FR)));
    ManagedChannel listed = channelTo(DE, real.tlsKey(), real.tlsChain());
    try {
      assertThat(ping(listed, "listed")).isEqualTo("listed");
    } finally {
      listed.shutdownNow();
    }
  }

  @Test
  void tlsCertificateTheDirectoryStopsListing_isRefusedOnAConnectionOpenedBefore() throws Exception {
    net = TestNetwork.create(dir, "FR", "DE");
    de = net.start("DE");
    Unlisted successor = unlisted(FR, CertificatePurpose.TLS);
    // A rotation: the successor is listed beside the current certificate, so both work.
    listForFr(2, CertificateUsage.CERTIFICATE_USAGE_TLS, successor.certificate(), false);
    assertThat(de.directory().reload()).isTrue();
    ManagedChannel byNew = channelTo(DE, successor.key(), successor.chain());
    try {
      assertThat(ping(byNew, "new")).isEqualTo("new");

      // The rotation is undone: version 3 lists only the old certificate again.
      net.writeDirectory(3);
      assertThat(de.directory().reload()).isTrue();
      assertThatThrownBy(() -> ping(byNew, "after"))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(e.getStatus().getDescription())
                .contains("client TLS certificate")
                .contains("is not one the directory (version 3) lists for a node of FR");
          });
    } finally {
      byNew.shutdownNow();
    }
  }

  @Test
  void envelopeSignedByUnlistedKey_getsASignedRejection_andIsNotStored() throws Exception {
    net = TestNetwork.create(dir, "FR", "DE");
    de = net.start("DE");
    Unlisted signer = unlisted(FR, CertificatePurpose.SIGN);
    Envelope envelope = sealFrToDe(new SigningKey(signer.key(), signer.chain()));
    NodeKeys real = NodeKeys.load(net.pki.layout().nodeKeystore(FR),
        org.relay247.pki.Password.fromFile(net.pki.layout().nodePassword(FR)));
    ManagedChannel channel = channelTo(DE, real.tlsKey(), real.tlsChain());
    try {
      DeliverResponse response = NodeExchangeServiceGrpc.newBlockingStub(channel)
          .deliver(DeliverRequest.newBuilder().setEnvelope(envelope.toByteString()).build());
      VerifiedReceipt rejection = net.receiptVerifier()
          .verify(response.getSignedReceipt().toByteArray(), envelope.getRouting(), envelope.toByteArray());
      assertThat(rejection.receipt().getStatus()).isEqualTo(ReceiptStatus.RECEIPT_STATUS_REJECTED);
      assertThat(rejection.receipt().getReason()).isEqualTo(RejectionReason.REJECTION_REASON_SIGNER_NOT_LISTED);
      assertThat(rejection.receipt().getDetail()).contains("is not one the directory (version 1) lists for a node of FR");
      assertThat(de.inbox().find(envelope.getRouting().getMessageId())).isEmpty();

      // Listed beside the current key (a rotation), the same signer is accepted.
      listForFr(2, CertificateUsage.CERTIFICATE_USAGE_SIGNING, signer.certificate(), false);
      assertThat(de.directory().reload()).isTrue();
      Envelope again = sealFrToDe(new SigningKey(signer.key(), signer.chain()));
      DeliverResponse accepted = NodeExchangeServiceGrpc.newBlockingStub(channel)
          .deliver(DeliverRequest.newBuilder().setEnvelope(again.toByteString()).build());
      assertThat(net.receiptVerifier().verify(accepted.getSignedReceipt().toByteArray(), again.getRouting(),
          again.toByteArray()).receipt().getStatus()).isEqualTo(ReceiptStatus.RECEIPT_STATUS_ACCEPTED);
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void deliveryToAServerWithUnlistedTlsCertificate_isNotMade() throws Exception {
    net = TestNetwork.create(dir, "FR", "DE");
    // DE's keystore gets a new TLS key the directory does not list (a renewal not yet announced,
    // or a node impersonating DE with a key DE's CA certified for something else).
    net.pki.renew(DE, CertificatePurpose.TLS);
    de = net.start("DE");
    fr = net.start("FR");
    InnerMessage sent = fr.outbox().submit(InnerMessage.newBuilder()
        .setRouting(Routing.newBuilder().setRecipient("DE/poc").setPriority(Priority.PRIORITY_EMERGENCY))
        .setPing(Ping.newBuilder().setNonce("n")).build());
    String id = sent.getRouting().getMessageId();

    OutboxEntry failing = await().atMost(Duration.ofSeconds(60))
        .until(() -> fr.outboxStore().find(id).orElseThrow(), e -> e.lastError().isPresent());
    assertThat(failing.state()).isEqualTo(OutboxEntry.State.PENDING);
    assertThat(failing.lastError().orElseThrow())
        .contains("TLS certificate").contains("is not one the directory (version 1) lists for a node of DE");
    assertThat(de.inbox().find(id)).isEmpty();

    // Once the directory announces DE's new certificate, the same message goes through.
    net.writeDirectory(2);
    assertThat(fr.directory().reload()).isTrue();
    assertThat(de.directory().reload()).isTrue();
    OutboxEntry done = await().atMost(Duration.ofSeconds(60))
        .until(() -> fr.outboxStore().find(id).orElseThrow(), e -> e.state() != OutboxEntry.State.PENDING);
    assertThat(done.state()).isEqualTo(OutboxEntry.State.DELIVERED);
  }

  private Envelope sealFrToDe(SigningKey signer) throws Exception {
    InnerMessage inner = InnerMessage.newBuilder()
        .setRouting(Routing.newBuilder().setMessageId(MessageIds.next(Clock.systemUTC())).setSender("FR/poc")
            .setRecipient("DE/poc").setPriority(Priority.PRIORITY_URGENT)
            .setCreatedAt(Timestamps.fromMillis(System.currentTimeMillis())))
        .setPing(Ping.newBuilder().setNonce("raw")).build();
    return new EnvelopeSealer(signer, Clock.systemUTC()).seal(inner,
        Pem.readCertificate(net.pki.layout().nodeCertificate(DE, CertificatePurpose.ENC)));
  }
}
